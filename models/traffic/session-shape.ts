import {z} from "zod";
import {lognormalDelaySchema} from "./duration.ts";
import {typeWeightsSchema} from "./message-types.ts";

/**
 * The shape of a user-initiated session: the user writes `turns` messages on average (1 +
 * Poisson(turns - 1)), each after reading the business's answer and thinking for a lognormal
 * time; the business answers each turn with `repliesPerTurn` messages on average (1 +
 * Poisson(repliesPerTurn - 1)), `replyGap` apart. Types are drawn from the weights. Defaults:
 * 3 turns, think time median 40 s, 1.3 replies per turn 4 s apart.
 * @example z.strictObject(sessionShapeFields).parse({}).repliesPerTurn // => 1.3
 */
export const sessionShapeFields = {
  turns: z.number().min(1).max(100).default(3),
  thinkTime: lognormalDelaySchema("40s", 1),
  repliesPerTurn: z.number().min(1).max(20).default(1.3),
  replyGap: lognormalDelaySchema("4s", 0.5),
  userTypes: typeWeightsSchema({text: 0.86, image: 0.08, audio: 0.06}),
  replyTypes: typeWeightsSchema({text: 0.7, interactive: 0.25, image: 0.05}),
};

/**
 * The session shape on its own, with every default.
 * @example sessionShapeSchema.parse(undefined).turns // => 3
 */
export const sessionShapeSchema = z.strictObject(sessionShapeFields).prefault({});

export type SessionShape = z.output<typeof sessionShapeSchema>;
