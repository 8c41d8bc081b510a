import {z} from "zod";
import {accountsFileSchema} from "../accounts/accounts-file.ts";
import {trafficBlockSchema} from "../traffic/traffic-block.ts";
import {strategySchema, sweepSchema} from "./strategy-schema.ts";

/** Replications a scenario may ask for. */
export const MAX_REPLICATIONS = 1000;

/**
 * The fields a scenario file adds to a simulation file (`name`, `description`, `period`,
 * `accounts`, `traffic`, validated by the simulation loader): the question it answers, the seed
 * and number of replications, the strategies to compare and the sweeps.
 */
export const scenarioFields = {
  /** The question the scenario answers (default: the file's header comment). */
  question: z.string().min(1).optional(),
  /** Seed of every random stream; replication k derives its seed from it (default 1). */
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  /** Replications per strategy and sweep point, on common random numbers (default 5). */
  replications: z.number().int().min(1).max(MAX_REPLICATIONS).default(5),
  /** Strategies to compare, the first being the reference of every delta (default: `base`). */
  strategies: z.array(z.unknown()).min(1, "no strategies").optional(),
  /** A grid of sweep parameters; every strategy runs at every point. */
  sweeps: z.array(z.unknown()).default([]),
};

/** The simulation-file fields, checked by `parseSimulationConfig`. */
const simulationFields = {
  name: z.unknown().optional(),
  description: z.unknown().optional(),
  period: z.unknown(),
  accounts: z.unknown(),
  traffic: z.unknown(),
};

/** Top level of a scenario file as the loader checks it (nested parts are checked separately). */
export const scenarioTopLevelSchema = z.strictObject({...simulationFields, ...scenarioFields});

const timeText = z
  .string()
  .describe("A date (YYYY-MM-DD, local midnight in period.timezone) or an ISO 8601 instant");

/**
 * The whole scenario file as one schema, for editor completion (`schemas/scenario.schema.json`):
 * the simulation file's parts composed with the scenario's own.
 */
export const scenarioFileSchema = z
  .strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    question: scenarioFields.question,
    period: z.strictObject({
      start: timeText,
      end: timeText.describe("Exclusive end: a date or an ISO 8601 instant"),
      timezone: z.string().default("UTC").describe("IANA timezone of bare dates"),
    }),
    accounts: z.union([z.string(), accountsFileSchema]),
    traffic: z.union([trafficBlockSchema, z.array(trafficBlockSchema)]),
    seed: scenarioFields.seed,
    replications: scenarioFields.replications,
    strategies: z.array(strategySchema).min(1).optional(),
    sweeps: z.array(sweepSchema).optional(),
  })
  .describe("A walab scenario: traffic to simulate, strategies to compare, sweeps");

/**
 * The JSON Schema (draft 2020-12) of scenario files, from {@link scenarioFileSchema}: input
 * types (durations and dates as strings), defaults and descriptions included.
 * @example scenarioJsonSchema().properties.strategies.type // => "array"
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, {
    io: "input",
    unrepresentable: "any",
    override(ctx) {
      const def = (ctx.zodSchema as {_zod: {def: {type: string}}})._zod.def;
      if (def.type === "date") Object.assign(ctx.jsonSchema, {type: "string", format: "date-time"});
    },
  }) as Record<string, unknown>;
  return {$schema: schema.$schema, title: "walab scenario", ...schema};
}
