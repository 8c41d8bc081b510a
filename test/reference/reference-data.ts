/**
 * Reference biller, part 1: the shipped data files read directly with node:fs and plain string
 * splitting. Shares no code with models/ or engine/; only the CSV/JSON files themselves.
 */
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

/** Directory of the shipped rate cards (the same files the kernel loads). */
export const REFERENCE_DATA_DIR = fileURLToPath(
  new URL("../../models/rate-cards/", import.meta.url),
);

/** One row of markets.csv with its prefixes split out. */
export interface RefMarketRow {
  country: string;
  iso2: string;
  prefixes: string[];
  market: string;
  /** Inclusive local dates, "" = open-ended. */
  validFrom: string;
  validTo: string;
}

/** One rates edition: market name → column name → decimal string ("" = no rate). */
export interface RefRatesEdition {
  effective: string;
  rows: Map<string, Map<string, string>>;
}

/** One tier band of a volume-tiers edition. */
export interface RefTierBand {
  tier: number;
  from: number;
  /** Infinity when open-ended. */
  to: number;
  rate: string;
}

/** One volume-tiers edition: "market|category" → bands in file order. */
export interface RefTiersEdition {
  effective: string;
  bands: Map<string, RefTierBand[]>;
}

export interface RefData {
  markets: RefMarketRow[];
  /** Sorted by effective date, oldest first. */
  rates: RefRatesEdition[];
  /** Sorted by effective date, oldest first. */
  tiers: RefTiersEdition[];
}

function readCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split(",");
  const out: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.includes('"')) throw new Error(`reference: quoted CSV not supported: ${line}`);
    const cells = line.split(",");
    if (cells.length !== header.length) throw new Error(`reference: bad CSV line: ${line}`);
    const row: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) row[header[j] as string] = cells[j] as string;
    out.push(row);
  }
  return out;
}

let cached: RefData | undefined;

/** Loads markets.csv, every rates-*.csv and volume-tiers-*.csv listed in editions.json (once). */
export function loadReferenceData(): RefData {
  if (cached !== undefined) return cached;
  const read = (name: string): string => readFileSync(REFERENCE_DATA_DIR + name, "utf8");

  const markets: RefMarketRow[] = [];
  for (const row of readCsv(read("markets.csv"))) {
    markets.push({
      country: row["country"] ?? "",
      iso2: row["iso2"] ?? "",
      prefixes: (row["prefixes"] ?? "").split(" ").filter((p) => p !== ""),
      market: row["market"] ?? "",
      validFrom: row["valid_from"] ?? "",
      validTo: row["valid_to"] ?? "",
    });
  }

  const editions = JSON.parse(read("editions.json")) as {effective: string; file: string}[];
  const rates: RefRatesEdition[] = [];
  const tiers: RefTiersEdition[] = [];
  for (const edition of editions) {
    if (edition.file.startsWith("rates-")) {
      const rows = new Map<string, Map<string, string>>();
      for (const row of readCsv(read(edition.file))) {
        const cells = new Map<string, string>();
        for (const [key, value] of Object.entries(row)) if (key !== "market") cells.set(key, value);
        rows.set(row["market"] ?? "", cells);
      }
      rates.push({effective: edition.effective, rows});
    } else if (edition.file.startsWith("volume-tiers-")) {
      const bands = new Map<string, RefTierBand[]>();
      for (const row of readCsv(read(edition.file))) {
        const key = `${row["market"]}|${row["category"]}`;
        const list = bands.get(key) ?? [];
        list.push({
          tier: Number(row["tier"]),
          from: Number(row["from"]),
          to: row["to"] === "" ? Infinity : Number(row["to"]),
          rate: row["rate"] ?? "",
        });
        bands.set(key, list);
      }
      tiers.push({effective: edition.effective, bands});
    }
  }
  rates.sort((a, b) => (a.effective < b.effective ? -1 : 1));
  tiers.sort((a, b) => (a.effective < b.effective ? -1 : 1));
  cached = {markets, rates, tiers};
  return cached;
}
