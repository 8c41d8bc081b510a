// calendar of a run's days
export {createDayCalendar, dayIndexOf} from "./day-calendar.ts";
export type {DayCalendar} from "./day-calendar.ts";
// totals by day x market x category
export {
  addToAggregate,
  createChargeAggregate,
  createWabaMonths,
  MESSAGE_CATEGORY_NAMES,
  mergeAggregates,
} from "./charge-aggregate.ts";
export type {ChargeAggregate, WabaMonths} from "./charge-aggregate.ts";
