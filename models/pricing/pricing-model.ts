import {parseIsoDate} from "../calendar/civil-date.ts";
import {InputError} from "../input-error.ts";

/** Pricing-model codes; the ids carry their edition. */
export const PRICING_MODEL = {
  "cbp-2022-02": 0,
  "cbp-2023-06": 1,
  "cbp-2024-11": 2,
  "pmp-2025-07": 3,
  "pmp-2026-10": 4,
} as const;
export type PricingModelId = keyof typeof PRICING_MODEL;
export const PRICING_MODEL_IDS: readonly PricingModelId[] = [
  "cbp-2022-02",
  "cbp-2023-06",
  "cbp-2024-11",
  "pmp-2025-07",
  "pmp-2026-10",
];
/** `auto`: the model in force at each message's local date. */
export const AUTO_PRICING = 255;

/** each model's first local day, in model-code order. */
export const MODEL_START_DAYS: readonly number[] = [
  "2022-02-01",
  "2023-06-01",
  "2024-11-01",
  "2025-07-01",
  "2026-10-01",
].map((date) => parseIsoDate(date)!);

/** True for the conversation-based models. */
export function isConversationModel(model: number): boolean {
  return model <= PRICING_MODEL["cbp-2024-11"];
}

/**
 * Accepts `auto` or a model id and returns its code.
 * @throws InputError naming the option and the valid ids.
 * @example maybePricingModel("pmp-2025-07") // => 3
 */
export function maybePricingModel(value: string, path = "--pricing"): number {
  if (value === "auto") return AUTO_PRICING;
  const code = (PRICING_MODEL as Record<string, number>)[value];
  if (code === undefined) {
    throw new InputError({
      path,
      message: "invalid pricing model",
      value,
      expected: `auto or one of ${PRICING_MODEL_IDS.join(", ")}`,
    });
  }
  return code;
}

/** The model in force on a local day, or -1 before 2022-02-01. */
export function modelInForceOnDay(day: number): number {
  let model = -1;
  MODEL_START_DAYS.forEach((start, code) => {
    if (start <= day) model = code;
  });
  return model;
}
