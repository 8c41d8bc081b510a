import {describe, expect, it} from "vitest";
import {
  CALENDAR_FIRST_MONTH,
  CALENDAR_LAST_MONTH,
  firstDayOfMonth,
  lastAtOrBelow,
  localDayOf,
  localMonthOf,
  localMonthStart,
} from "../../models/calendar/index.ts";

/** Zones with DST, half-hour and 45-minute offsets, midnight transitions and moving rules. */
const ZONES = [
  "America/Sao_Paulo",
  "Europe/Berlin",
  "America/Santiago",
  "America/Havana",
  "America/Asuncion",
  "Africa/Casablanca",
  "Asia/Tehran",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Apia",
  "America/St_Johns",
];

/** Every month start of the calendar in a zone, and the one past its last month. */
function monthStartsOf(zone: string): Float64Array {
  const count = CALENDAR_LAST_MONTH - CALENDAR_FIRST_MONTH + 2;
  return Float64Array.from({length: count}, (_, k) => localMonthStart(zone, k));
}

describe("localMonthStart", () => {
  for (const zone of ZONES) {
    it(`localMonthStart(${zone}, k) is each month's first local instant, to the millisecond`, () => {
      const starts = monthStartsOf(zone);
      expect(starts.length).toBe(CALENDAR_LAST_MONTH - CALENDAR_FIRST_MONTH + 2);
      starts.forEach((start, k) => {
        const day = firstDayOfMonth(CALENDAR_FIRST_MONTH + k);
        expect(localDayOf(zone, start)).toBe(day);
        expect(localDayOf(zone, start - 1)).toBeLessThan(day);
      });
    });
  }
});

describe("localMonthOf", () => {
  it("localMonthOf(zone, t) is the month whose starts hold t, on 2,000 instants per zone from 2019 to 2041 and on each month start and the ms before it", () => {
    const from = Date.UTC(2019, 0, 1);
    const to = Date.UTC(2041, 0, 1);
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (const zone of [...ZONES, "UTC"]) {
      const starts = monthStartsOf(zone);
      const instants = Array.from({length: 2000}, () => Math.floor(from + random() * (to - from)));
      for (const start of starts) instants.push(start, start - 1);
      for (const t of instants) expect(localMonthOf(zone, t)).toBe(lastAtOrBelow(starts, t));
    }
  });
});
