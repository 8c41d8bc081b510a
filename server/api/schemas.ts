import {z} from "zod";
import {PRICING_MODEL_IDS} from "../../models/pricing/index.ts";

/** Pricing choices of the controls and the quote: `auto` (the model in force, R-1) or a model id. */
export const PRICING_CHOICES = ["auto", ...PRICING_MODEL_IDS] as const;

/** A scenario name: the file name in scenarios/ without `.yaml`; no dots, slashes or escapes. */
export const SCENARIO_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/** A cache key: 64 lowercase hex digits. */
export const RESULT_KEY = /^[0-9a-f]{64}$/;

/** The most messages a quote bills (exact and simulated each), to bound its time and memory. */
export const QUOTE_MAX_MESSAGES = 2_000_000;

/**
 * The levers of a run, applied on top of every strategy of the scenario (the runner maps them to
 * its what-ifs and may reject a combination with a 422 of its own). Absent = the scenario's value.
 */
export const runOverridesSchema = z
  .strictObject({
    pricing: z
      .enum(PRICING_CHOICES)
      .optional()
      .describe(
        "Pricing edition for every strategy: auto (the model in force at each date, R-1) or a model id",
      ),
    adEntryShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Share of user-initiated sessions that start from a click-to-WhatsApp ad (0..1)"),
    replyLatencyScale: z
      .number()
      .positive()
      .max(10)
      .optional()
      .describe("Factor on the bot's and agents' median reply times (0.5 = twice as fast)"),
    volumeScale: z
      .number()
      .positive()
      .max(10)
      .optional()
      .describe("Factor on the traffic volume (users, sessions, orders, campaigns)"),
    marketingCapPerWeek: z
      .int()
      .min(0)
      .max(14)
      .nullable()
      .optional()
      .describe("Most marketing templates per user in 7 days; null lifts the cap"),
    replications: z.int().min(1).max(100).optional().describe("Monte Carlo replications"),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .describe("Seed of every random stream"),
  })
  .describe("Levers applied to every strategy of the scenario");

/** Validated run overrides. */
export type RunOverrides = z.output<typeof runOverridesSchema>;

/** Body of `POST /api/scenarios/{name}/runs`. */
export const runRequestSchema = z.strictObject({
  overrides: runOverridesSchema.default({}),
  preview: z
    .boolean()
    .default(false)
    .describe(
      "Answer with the exact result of the first 2 replications when that comes before the whole run",
    ),
});

/** The categories a quote takes volumes for. */
export const QUOTE_CATEGORIES = ["marketing", "utility", "authentication", "service"] as const;
export type QuoteCategory = (typeof QUOTE_CATEGORIES)[number];

const volume = z.int().min(0).max(QUOTE_MAX_MESSAGES);

/** Body of `POST /api/quote`. */
export const quoteRequestSchema = z
  .strictObject({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "invalid country (expected ISO 3166-1 alpha-2, e.g. BR)")
      .describe("The users' country (ISO 3166-1 alpha-2); its market prices the messages"),
    month: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, "invalid month (expected YYYY-MM)")
      .describe("The calendar month quoted, in the country's main timezone"),
    pricing: z
      .enum(PRICING_CHOICES)
      .default("auto")
      .describe("Pricing model (auto = in force that month)"),
    rates: z
      .union([z.literal("auto"), z.iso.date()])
      .default("auto")
      .describe("Rates edition: auto (in force at each message) or an edition's effective date"),
    volumes: z
      .strictObject({
        marketing: volume.default(0),
        utility: volume.default(0),
        authentication: volume.default(0),
        service: volume.default(0),
      })
      .describe(
        "Business messages in the month per category; service = free-form replies to user-initiated contacts",
      ),
    contacts: z
      .int()
      .min(1)
      .max(QUOTE_MAX_MESSAGES)
      .optional()
      .describe(
        "Customers the time-aware simulation spreads the volumes over (default: a quarter of the messages, at least 100)",
      ),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe("Seed of the time-aware simulation"),
  })
  .superRefine((value, ctx) => {
    const total = QUOTE_CATEGORIES.reduce((sum, c) => sum + value.volumes[c], 0);
    if (total > QUOTE_MAX_MESSAGES) {
      ctx.addIssue({
        code: "custom",
        path: ["volumes"],
        message: `too many messages: ${total} (expected at most ${QUOTE_MAX_MESSAGES} in total)`,
      });
    }
  });

/** A validated quote request. */
export type QuoteRequest = z.output<typeof quoteRequestSchema>;
