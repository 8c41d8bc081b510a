// civil dates
export {
  dayNumber,
  firstDayOfMonth,
  formatDayNumber,
  formatMonthIndex,
  isFirstOfMonth,
  monthIndexOfDay,
  parseIsoDate,
} from "./civil-date.ts";
// timezones (C-2)
export {
  CALENDAR_FIRST_MONTH,
  CALENDAR_LAST_MONTH,
  CALENDAR_MONTHS,
  isTimeZone,
  localDayOf,
  localMonthOf,
  localMonthStart,
  offsetAt,
  startOfLocalDay,
} from "./zone-month-starts.ts";
// bisection over sorted starts
export {lastAtOrBelow} from "./last-at-or-below.ts";
