import {parse as parseYaml, stringify as stringifyYaml} from "yaml";
import {InputError} from "../../models/input-error.ts";
import type {RunOverrides} from "./schemas.ts";

/** The levers that become strategy what-ifs or base-scenario changes (the others are run settings). */
const DOCUMENT_LEVERS = [
  "pricing",
  "adEntryShare",
  "replyLatencyScale",
  "volumeScale",
  "marketingCapPerWeek",
] as const;

/**
 * Whether any override changes the scenario document (rather than only the seed or replications).
 * @example changesDocument({replications: 3}) // => false
 */
export function changesDocument(overrides: RunOverrides): boolean {
  return DOCUMENT_LEVERS.some((lever) => overrides[lever] !== undefined);
}

/**
 * Writes the page's levers into a scenario file, in the file's own language, so the engine's
 * scenario loader validates and resolves them like any strategy (an impossible combination is its
 * InputError, answered 422):
 * - `pricing` sets every strategy's `pricing` and drops its `rateCard` (and an edition given as
 *   `rates: DATE`), so the card in force at each date prices the chosen model;
 * - `adEntryShare` sets every strategy's `ctwaShare` share (its ad economics kept);
 * - `replyLatencyScale` multiplies every strategy's `replyFaster` factor (1 when it has none);
 * - `marketingCapPerWeek` sets every strategy's `capMarketing` to `{max: n, per: 7d}`, or lifts
 *   the cap with null;
 * - `volumeScale` multiplies the traffic's user counts, click-to-WhatsApp ad budgets and Page
 *   button visits (every traffic block), so sessions, orders, campaigns and logins scale with it.
 * Seed and replications are run settings, passed to the runner separately. A sweep over the same
 * lever still sets it at each of its points.
 * @throws InputError when the text is not a YAML mapping.
 * @example applyOverrides("strategies:\n  - name: a\n", {pricing: "pmp-2025-07"}) // => "strategies:\n  - name: a\n    pricing: pmp-2025-07\n"
 */
export function applyOverrides(text: string, file: string, overrides: RunOverrides): string {
  if (!changesDocument(overrides)) return text;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new InputError({path: file, message: `invalid YAML: ${(error as Error).message}`});
  }
  if (!isRecord(doc))
    throw new InputError({path: file, message: "not a scenario (expected a YAML mapping)"});
  const strategies = Array.isArray(doc.strategies) ? doc.strategies.filter(isRecord) : [];
  for (const strategy of strategies) {
    if (overrides.pricing !== undefined) {
      strategy.pricing = overrides.pricing;
      delete strategy.rateCard;
      if (typeof strategy.rates === "string") delete strategy.rates;
    }
    if (overrides.adEntryShare !== undefined) {
      strategy.ctwaShare = isRecord(strategy.ctwaShare)
        ? {...strategy.ctwaShare, share: overrides.adEntryShare}
        : overrides.adEntryShare;
    }
    if (overrides.replyLatencyScale !== undefined) {
      const scale = overrides.replyLatencyScale;
      const current = strategy.replyFaster;
      if (typeof current === "number") strategy.replyFaster = current * scale;
      else if (isRecord(current))
        strategy.replyFaster = {
          ...current,
          factor: (typeof current.factor === "number" ? current.factor : 1) * scale,
        };
      else strategy.replyFaster = scale;
    }
    if (overrides.marketingCapPerWeek !== undefined) {
      strategy.capMarketing =
        overrides.marketingCapPerWeek === null
          ? false
          : {max: overrides.marketingCapPerWeek, per: "7d"};
    }
  }
  if (overrides.volumeScale !== undefined) {
    const blocks = Array.isArray(doc.traffic) ? doc.traffic : [doc.traffic];
    for (const block of blocks) if (isRecord(block)) scaleBlock(block, overrides.volumeScale);
  }
  // the header comment says what the file asks (the question when there is no `question:`)
  const header = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text)?.[0] ?? "";
  return header + stringifyYaml(doc, {lineWidth: 0});
}

function scaleBlock(block: Record<string, unknown>, scale: number): void {
  const times = (owner: unknown, key: string, round: boolean) => {
    if (isRecord(owner) && typeof owner[key] === "number") {
      const value = (owner[key] as number) * scale;
      owner[key] = round ? Math.max(1, Math.round(value)) : value;
    }
  };
  times(block, "users", true);
  if (Array.isArray(block.populations))
    for (const population of block.populations) times(population, "users", true);
  const sessions = block.sessions;
  if (isRecord(sessions)) {
    times(sessions.ctwaAd, "budgetPerDay", false);
    times(sessions.pageCta, "visitsPerDay", false);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
