import {z} from "zod";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * ms since the epoch of an ISO 8601 instant with an offset or `Z`; NaN if invalid.
 * @example parseInstantMs("2025-11-28T10:00:00-03:00") // => 1764334800000
 */
export function parseInstantMs(text: string): number {
  return ISO_INSTANT.test(text) ? Date.parse(text) : NaN;
}

/**
 * An instant: ISO 8601 text with an offset or `Z`, or a timestamp a YAML parser read as a Date.
 * @example instantSchema.parse("1970-01-01T00:00:01Z") // => 1000
 */
export const instantSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const ms = value instanceof Date ? value.getTime() : parseInstantMs(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: "custom",
      message:
        "invalid time (expected ISO 8601 with an offset or Z, e.g. 2025-11-28T10:00:00-03:00)",
    });
    return z.NEVER;
  }
  return ms;
});
