import {describe, expect, it} from "vitest";
import {
  CALENDAR_FIRST_MONTH,
  CALENDAR_LAST_MONTH,
  firstDayOfMonth,
  localDayOf,
  zoneMonthStarts,
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

describe("zoneMonthStarts", () => {
  for (const zone of ZONES) {
    it(`zoneMonthStarts(${zone}) gives each month's first local instant, to the millisecond`, () => {
      const starts = zoneMonthStarts(zone);
      expect(starts.length).toBe(CALENDAR_LAST_MONTH - CALENDAR_FIRST_MONTH + 2);
      starts.forEach((start, k) => {
        const day = firstDayOfMonth(CALENDAR_FIRST_MONTH + k);
        expect(localDayOf(zone, start)).toBe(day);
        expect(localDayOf(zone, start - 1)).toBeLessThan(day);
      });
    });
  }
});
