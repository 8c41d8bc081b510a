import {z} from "zod";

/**
 * Facebook Page call-to-action sessions (entry point `fb_page_cta`): page visits per day, of
 * which a share `ctr` press the WhatsApp button and send a message. Like ads, a mobile user's
 * first message makes the user eligible for a free entry point. Default CTR 2 %. Spread over
 * `populations` (default all) in proportion to their size.
 * @example pageCtaSessionsSchema.parse({visitsPerDay: 500}).ctr // => 0.02
 */
export const pageCtaSessionsSchema = z.strictObject({
  visitsPerDay: z.number().min(0),
  ctr: z.number().min(0).max(1).default(0.02),
  populations: z.array(z.string()).optional(),
});

export type PageCtaSessions = z.output<typeof pageCtaSessionsSchema>;

/**
 * Mean page-CTA sessions per day.
 * @example pageCtaSessionsPerDay({visitsPerDay: 1000, ctr: 0.02}) // => 20
 */
export function pageCtaSessionsPerDay(
  model: Pick<PageCtaSessions, "visitsPerDay" | "ctr">,
): number {
  return model.visitsPerDay * model.ctr;
}
