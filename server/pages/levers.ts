import {PRICING_CHOICES} from "../api/schemas.ts";
import type {RunOverrides} from "../api/schemas.ts";
import {escapeHtml} from "./html.ts";

/**
 * How a control maps to an override (read by the browser from `data-kind` and `data-omit`):
 * `string` and `number` take the value; `log2` takes 2^value; `cap` takes "none" as null.
 * A control whose value equals `data-omit` sends no override (the scenario's own value).
 */
type LeverKind = "string" | "number" | "log2" | "cap";

interface Lever {
  name: keyof RunOverrides;
  label: string;
  kind: LeverKind;
  hint: string;
}

const LEVERS: readonly Lever[] = [
  {
    name: "pricing",
    label: "Pricing edition",
    kind: "string",
    hint: "Bill every strategy under one model",
  },
  {
    name: "adEntryShare",
    label: "Ad-entry share",
    kind: "number",
    hint: "Share of sessions from click-to-WhatsApp ads",
  },
  {
    name: "replyLatencyScale",
    label: "Reply latency",
    kind: "log2",
    hint: "Factor on bot and agent reply times",
  },
  {name: "volumeScale", label: "Volume", kind: "log2", hint: "Factor on the traffic"},
  {
    name: "marketingCapPerWeek",
    label: "Marketing frequency cap",
    kind: "cap",
    hint: "Most marketing templates per user and week",
  },
  {
    name: "replications",
    label: "Replications",
    kind: "number",
    hint: "More: tighter intervals, slower runs",
  },
];

const UNSET_SHARE = -0.05;
/** The marketing caps and replications the selects offer. */
const CAP_CHOICES = [1, 2, 3, 4, 5, 7] as const;
const REPLICATION_CHOICES = [2, 3, 5, 10, 20, 30] as const;
/** The log2 sliders' range and step (the middle, 0, is x1). */
const LOG2_MAX = 2;
const LOG2_STEP = 0.25;

/** The override a log2 slider at `log2` sends (as the browser's `formOverrides` computes it). */
function log2Override(log2: number): number {
  return Number((2 ** log2).toPrecision(6));
}

/** The scenario whose lever grid the servers warm unless told otherwise: the one the README opens. */
export const DEFAULT_SCENARIO = "ecommerce-br-pricing-models";

/**
 * Every run one lever change away from the scenario's own values: each value of each control
 * alone, as the page sends it. The replications first (they reuse the scenario's own run's
 * units, each the previous one's), then the other levers ordered by how far the control moves
 * (one step on every lever first, then two, ...), so that warming the cache in this order covers
 * the likeliest moves first. 72 runs.
 * @example leverGrid()[0] // => {replications: 2}
 */
export function leverGrid(): RunOverrides[] {
  const byLever: RunOverrides[][] = [
    PRICING_CHOICES.map((pricing) => ({pricing})),
    // the share slider's stops from 0 to 1, nearest the left (the scenario's own share) first
    Array.from({length: 21}, (_, k) => ({adEntryShare: Number((k / 20).toFixed(2))})),
    ...(["replyLatencyScale", "volumeScale"] as const).map((name) =>
      Array.from({length: (LOG2_MAX / LOG2_STEP) * 2}, (_, k) => {
        const step = Math.floor(k / 2) + 1;
        return {[name]: log2Override((k % 2 === 0 ? step : -step) * LOG2_STEP)};
      }),
    ),
    [null, ...CAP_CHOICES].map((marketingCapPerWeek) => ({marketingCapPerWeek})),
  ];
  const out: RunOverrides[] = REPLICATION_CHOICES.map((replications) => ({replications}));
  const longest = Math.max(...byLever.map((list) => list.length));
  for (let k = 0; k < longest; k++)
    for (const list of byLever) if (k < list.length) out.push(list[k]!);
  return out;
}

/**
 * Reads overrides from a page's query string, keeping what does not parse as the raw text so
 * that the API's 422 names it: `?volumeScale=2&marketingCapPerWeek=none` → `{volumeScale: 2, marketingCapPerWeek: null}`.
 * @example overridesFromQuery(new URLSearchParams("pricing=pmp-2025-07&adEntryShare=0.3")) // => {pricing: "pmp-2025-07", adEntryShare: 0.3}
 */
export function overridesFromQuery(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const lever of [...LEVERS, {name: "seed", kind: "number"} as const]) {
    const text = query.get(lever.name);
    if (text === null || text === "") continue;
    if (lever.kind === "string") out[lever.name] = text;
    else if (lever.kind === "cap" && text === "none") out[lever.name] = null;
    else out[lever.name] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return out;
}

/**
 * The lever controls of the scenario page, set to `overrides`: selects for the pricing edition,
 * the marketing cap and the replications; sliders for the ad-entry share (its leftmost stop keeps
 * the scenario's share) and for reply latency and volume on a log2 scale (the middle is x1).
 * @example renderLeverControls({volumeScale: 2}).includes('name="volumeScale"') // => true
 */
export function renderLeverControls(overrides: Record<string, unknown>): string {
  return LEVERS.map((lever) => {
    const id = `lever-${lever.name}`;
    const value = overrides[lever.name];
    let control: string;
    let shown: string;
    switch (lever.name) {
      case "pricing":
        control = select(
          id,
          lever,
          "",
          [["", "as in each strategy"], ...PRICING_CHOICES.map((p): [string, string] => [p, p])],
          value,
        );
        shown = "";
        break;
      case "marketingCapPerWeek":
        control = select(
          id,
          lever,
          "",
          [
            ["", "as in the scenario"],
            ["none", "no cap"],
            ...CAP_CHOICES.map((n): [string, string] => [String(n), `${n} per week`]),
          ],
          value === null ? "none" : value,
        );
        shown = "";
        break;
      case "replications":
        control = select(
          id,
          lever,
          "",
          [
            ["", "as in the scenario"],
            ...REPLICATION_CHOICES.map((n): [string, string] => [String(n), String(n)]),
          ],
          value,
        );
        shown = "";
        break;
      case "adEntryShare": {
        const v = typeof value === "number" ? value : UNSET_SHARE;
        control = `<input type="range" id="${id}" name="${lever.name}" data-kind="number" data-omit="${UNSET_SHARE}" min="${UNSET_SHARE}" max="1" step="0.05" value="${v}">`;
        shown = v === UNSET_SHARE ? "as in the scenario" : `${Math.round(v * 100)} %`;
        break;
      }
      default: {
        const v = typeof value === "number" && value > 0 ? Math.log2(value) : 0;
        control = `<input type="range" id="${id}" name="${lever.name}" data-kind="log2" data-omit="0" min="${-LOG2_MAX}" max="${LOG2_MAX}" step="${LOG2_STEP}" value="${v}">`;
        shown = `\u00d7${Number((2 ** v).toPrecision(3))}`;
      }
    }
    return `<div class="lever"><label for="${id}">${escapeHtml(lever.label)} <output for="${id}" data-for="${lever.name}">${escapeHtml(shown)}</output></label>${control}<small>${escapeHtml(lever.hint)}</small></div>`;
  }).join("\n");
}

function select(
  id: string,
  lever: Lever,
  omit: string,
  options: [string, string][],
  value: unknown,
): string {
  const current = value === undefined ? omit : String(value);
  const kind = lever.kind === "cap" ? "cap" : lever.kind;
  const items = options
    .map(
      ([v, label]) =>
        `<option value="${escapeHtml(v)}"${v === current ? " selected" : ""}>${escapeHtml(label)}</option>`,
    )
    .join("");
  return `<select id="${id}" name="${lever.name}" data-kind="${kind}" data-omit="${escapeHtml(omit)}">${items}</select>`;
}
