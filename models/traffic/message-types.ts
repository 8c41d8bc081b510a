import {z} from "zod";

/**
 * The message types the simulator writes, in the order of the batch's `types` dictionary:
 * `template` first (TEMPLATE_TYPE = 0), then WhatsApp's non-template types.
 */
export const MESSAGE_TYPES = [
  "template",
  "text",
  "interactive",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "reaction",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export type NonTemplateType = Exclude<MessageType, "template">;
const NON_TEMPLATE = MESSAGE_TYPES.slice(1) as [NonTemplateType, ...NonTemplateType[]];

/**
 * Weights of non-template types, e.g. `{text: 0.8, image: 0.2}`, as a weight per MESSAGE_TYPES
 * index (template = 0 always).
 * @example typeWeightsSchema({text: 1}).parse(undefined).slice(0, 3) // => [0, 1, 0]
 */
export function typeWeightsSchema(defaults: Partial<Record<NonTemplateType, number>>) {
  return z
    .partialRecord(z.enum(NON_TEMPLATE), z.number().min(0))
    .refine(
      (w) => Object.values(w).some((x) => x !== undefined && x > 0),
      "type weights are all zero",
    )
    .default(defaults)
    .transform((w) => MESSAGE_TYPES.map((type) => (type === "template" ? 0 : (w[type] ?? 0))));
}
