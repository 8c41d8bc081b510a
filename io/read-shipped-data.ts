import {readdirSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {RateCardTexts} from "../engine/index.ts";

/** The project's rate-card folder (data with provenance, copied from shared/data/rate-cards). */
export const RATE_CARD_DIR = fileURLToPath(new URL("../models/rate-cards/", import.meta.url));

let shipped: RateCardTexts | undefined;

/**
 * Reads the shipped rate cards, markets and editions.json once per process.
 * @example readShippedData().files.get("markets.csv")?.startsWith("country,") // => true
 */
export function readShippedData(dir = RATE_CARD_DIR): RateCardTexts {
  if (dir === RATE_CARD_DIR && shipped !== undefined) return shipped;
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort())
    if (name.endsWith(".csv")) files.set(name, readFileSync(dir + name, "utf8"));
  const data = {editionsJson: readFileSync(dir + "editions.json", "utf8"), files};
  if (dir === RATE_CARD_DIR) shipped = data;
  return data;
}
