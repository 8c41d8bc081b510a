import {z} from "zod";

/**
 * A population of users in one market: how many (`users`, or a `share` of the block's `users`),
 * which WABA they write to (default the business's first), their timezone (default the
 * country's main zone from numbering-plans.csv), and the share of sessions they start from
 * WhatsApp Web or desktop (`webShare`, default 8 %), which are not eligible for free entry
 * points (C-5). Users are spread evenly over the WABA's phone numbers.
 * @example populationSchema.parse({market: "BR", users: 10}).webShare // => 0.08
 */
export const populationSchema = z.strictObject({
  /** Stable name, used in stream keys and `populations:` filters; default the market, lower-case. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "invalid id (letters, digits, _ . -)")
    .optional(),
  /** ISO 3166-1 alpha-2 country of the users' numbers. */
  market: z.string().regex(/^[A-Z]{2}$/, "invalid market (expected ISO 3166-1 alpha-2, e.g. BR)"),
  users: z.number().int().min(0).optional(),
  share: z.number().min(0).max(1).optional(),
  waba: z.string().optional(),
  timezone: z.string().optional(),
  webShare: z.number().min(0).max(1).default(0.08),
});

export type PopulationSpec = z.output<typeof populationSchema>;
