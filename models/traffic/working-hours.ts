import {z} from "zod";
import type {LocalClock} from "./local-clock.ts";
import {dayOfLocal, instantOfLocal, localMs, weekdayOfLocal} from "./local-clock.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Opening hours in local time: weekdays (Monday = 0) and a daily `[from, to)` window. */
export interface WorkingHours {
  /** `open[weekday]` is 1 on working days. */
  open: Uint8Array;
  /** Opening and closing time of day, ms after local midnight. */
  fromMs: number;
  toMs: number;
}

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "invalid time of day (expected HH:MM)")
  .transform((t) => Number(t.slice(0, 2)) * 3_600_000 + Number(t.slice(3, 5)) * 60_000);

/**
 * `workingHours: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00"}`; these are the defaults.
 * @example workingHoursSchema.parse({}).fromMs // => 32400000
 */
export const workingHoursSchema = z
  .strictObject({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1, "no working days")
      .default(["mon", "tue", "wed", "thu", "fri"]),
    from: timeOfDay.prefault("09:00"),
    to: timeOfDay.prefault("18:00"),
  })
  .refine((h) => h.to > h.from, {message: "working hours must end after they start", path: ["to"]})
  .transform(({days, from, to}): WorkingHours => {
    const open = new Uint8Array(7);
    for (const day of days) open[WEEKDAYS.indexOf(day)] = 1;
    return {open, fromMs: from, toMs: to};
  });

/**
 * The first instant at or after `tMs` inside working hours, in the clock's local time. O(1):
 * at most 8 days are inspected.
 * @example nextWorkingMs(utcClock, mondayToFriday9to18, saturdayNoon) // => Monday 09:00
 */
export function nextWorkingMs(clock: LocalClock, hours: WorkingHours, tMs: number): number {
  const wall = localMs(clock, tMs);
  const today = dayOfLocal(wall);
  for (let d = 0; d <= 7; d++) {
    const day = today + d;
    if (hours.open[weekdayOfLocal(day * DAY_MS)] !== 1) continue;
    const openWall = day * DAY_MS + hours.fromMs;
    const closeWall = day * DAY_MS + hours.toMs;
    if (wall < openWall) return instantOfLocal(clock, openWall);
    if (wall < closeWall) return tMs;
  }
  return tMs;
}
