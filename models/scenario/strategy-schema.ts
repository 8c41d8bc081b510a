import {z} from "zod";
import {PRICING_MODEL_IDS} from "../pricing/pricing-model.ts";
import {capMarketingSchema} from "./cap-marketing.ts";
import {markupSchema} from "./markup.ts";
import {moveCampaignsSchema} from "./move-campaigns.ts";
import {rateChangesSchema} from "./rate-change.ts";
import {replyFasterSchema} from "./reply-faster.ts";
import {ctwaShareSchema} from "./shift-to-ctwa-ads.ts";
import {utilityInWindowSchema} from "./utility-in-window.ts";

/** `auto` or an edition's effective date; checked against the shipped editions on load. */
export const editionSchema = z
  .string()
  .regex(/^(auto|\d{4}-\d{2}-\d{2})$/, "invalid rate-card edition (expected auto or YYYY-MM-DD)");

/**
 * The what-if fields of a strategy (and of a sweep's lever), each optional, applied in this
 * order on top of the base:
 * - `pricing`: `auto` or a pricing-model id (`cbp-2023-06`, `pmp-2025-07`, `pmp-2026-10`, ...)
 * - `rateCard`: `auto` or a rates edition's date (as `walab bill --rates`); `rates: DATE` is
 *   the same written shorter
 * - `rates`: rate changes, market → category → `+15%` / `-10%` / `x1.2` / `0.0125`
 * - `serviceFreePerPhone`: PMP26-4 free service messages per phone and month
 * - `markup`: a reseller's `{perMessage, percent}`
 * - `utilityInWindow`, `ctwaShare`, `replyFaster`, `moveCampaigns`, `capMarketing`: business
 *   levers that transform the traffic (see each lever's file)
 */
export const whatIfFields = {
  pricing: z
    .enum(["auto", ...PRICING_MODEL_IDS])
    .optional()
    .describe("Bill every message under this pricing model (auto: the model in force)"),
  rateCard: editionSchema
    .optional()
    .describe("Price with this rate-card edition, by effective date (auto: the edition in force)"),
  rates: z
    .union([editionSchema, rateChangesSchema])
    .optional()
    .describe(
      "Rate changes: market (ISO country or Meta market name) → category → +15% / -10% / x1.2 / 0.0125; or an edition date",
    ),
  serviceFreePerPhone: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe("pmp-2026-10: free service messages per business phone and month (0: none)"),
  markup: markupSchema
    .optional()
    .describe(
      "A reseller's markup: perMessage (per delivered business message) and/or percent of Meta's charges",
    ),
  utilityInWindow: utilityInWindowSchema
    .optional()
    .describe(
      "Send order notifications within this time of the order, inside the service window (true: 12h; false: as scheduled)",
    ),
  ctwaShare: ctwaShareSchema
    .optional()
    .describe(
      "Share of user-initiated sessions that start from click-to-WhatsApp ads (total sessions kept)",
    ),
  replyFaster: replyFasterSchema
    .optional()
    .describe("Factor on reply times (0.5: twice as fast), or {factor, botShare, agentsAlways}"),
  moveCampaigns: moveCampaignsSchema
    .optional()
    .describe("Shift campaigns in time (-1d, +3h), or {by, campaigns: [names]}"),
  capMarketing: capMarketingSchema
    .optional()
    .describe("Cap marketing templates per user {max, per}; false lifts the cap"),
};

/** The what-if keys, in the order they apply. */
export const WHAT_IF_KEYS = Object.keys(whatIfFields) as (keyof typeof whatIfFields)[];

/** Parsed what-if fields (a strategy without its name, or one sweep point's levers). */
export type WhatIfSpec = z.output<z.ZodObject<typeof whatIfFields>>;

/**
 * A strategy: a name, an optional description, optional `extends` (strategies whose what-ifs
 * apply first) and what-if fields.
 * @example strategySchema.parse({name: "pmp", pricing: "pmp-2025-07"}).pricing // => "pmp-2025-07"
 */
export const strategySchema = z.strictObject({
  name: z
    .string()
    .regex(/^\S(.*\S)?$/, "invalid name (not blank, no leading or trailing spaces, one line)"),
  description: z.string().optional(),
  extends: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  ...whatIfFields,
});

export type StrategySpec = z.output<typeof strategySchema>;

/** The most runs (strategies x sweep points) one scenario may ask for. */
export const MAX_RUNS = 500;

/**
 * One sweep parameter: a `lever` (a what-if field, or a path inside one such as
 * `rates/IN/marketing`) or a `path` into the base scenario (a JSON pointer such as
 * `/traffic/replies/botShare`), and the values it takes. Values are checked like the field
 * they set.
 * @example sweepSchema.parse({lever: "ctwaShare", values: [0, 0.5]}).values // => [0, 0.5]
 */
export const sweepSchema = z
  .strictObject({
    /** Column name in the results (default: the lever or path). */
    name: z.string().min(1).optional(),
    lever: z.string().min(1).optional(),
    path: z
      .string()
      .regex(/^\//, "invalid path (expected a JSON pointer such as /traffic/users)")
      .optional(),
    values: z
      .array(z.union([z.number(), z.string(), z.boolean()]))
      .min(1, "impossible sweep: no values"),
  })
  .refine((s) => (s.lever === undefined) !== (s.path === undefined), {
    message: "a sweep needs a lever or a path (one of them)",
  });

export type SweepSpec = z.output<typeof sweepSchema>;
