import {PRICING_CHOICES} from "../api/schemas.ts";
import {escapeHtml, renderPage} from "./html.ts";

/** The choices of the quote form. */
export interface QuoteFormOptions {
  /** ISO code and name of every country with a numbering plan, sorted by name. */
  countries: readonly {iso2: string; name: string}[];
  /** Effective dates of the rates editions. */
  rateEditions: readonly string[];
}

/**
 * The quick-quote page: market, month, edition and monthly volumes per category; the answer is
 * computed by the API (`POST /api/quote`) and drawn in place.
 * @example renderQuotePage({countries: [{iso2: "BR", name: "Brazil"}], rateEditions: []}).includes('value="BR"') // => true
 */
export function renderQuotePage(
  options: QuoteFormOptions,
  {preload}: {preload?: readonly string[]} = {},
): string {
  const countries = options.countries
    .map(
      (c) =>
        `<option value="${escapeHtml(c.iso2)}"${c.iso2 === "BR" ? " selected" : ""}>${escapeHtml(c.name)} (${escapeHtml(c.iso2)})</option>`,
    )
    .join("");
  const pricing = PRICING_CHOICES.map(
    (p) =>
      `<option value="${p}"${p === "auto" ? " selected" : ""}>${p === "auto" ? "auto (in force that month)" : p}</option>`,
  ).join("");
  const rates = ["auto", ...options.rateEditions]
    .map(
      (r) =>
        `<option value="${escapeHtml(r)}">${r === "auto" ? "auto (in force at each message)" : escapeHtml(r)}</option>`,
    )
    .join("");
  const volume = (name: string, label: string, value: number, hint: string) =>
    `<div class="lever"><label for="v-${name}">${label}</label><input type="number" id="v-${name}" name="${name}" min="0" max="2000000" step="1" value="${value}"><small>${hint}</small></div>`;
  const body = `<h1>Quick quote</h1>
<p class="lede">What a month of WhatsApp Business messages costs, billed exactly by walab's engine: the list price of each message or conversation, the month's free allowances and the volume tiers. The same volumes are then spread over customers and days as a real business sends them (replies inside open windows, order confirmations inside the service window, weekly campaigns, OTP retries), which is what the invoice really depends on.</p>
<form id="quote" class="levers quote-form" autocomplete="off">
<div class="lever"><label for="country">Market (users' country)</label><select id="country" name="country">${countries}</select></div>
<div class="lever"><label for="month">Month</label><input type="month" id="month" name="month" value="2026-05" min="2022-02" max="2039-12"></div>
<div class="lever"><label for="pricing">Pricing edition</label><select id="pricing" name="pricing">${pricing}</select></div>
<div class="lever"><label for="rates">Rates edition</label><select id="rates" name="rates">${rates}</select></div>
${volume("marketing", "Marketing messages", 20000, "Templates: offers, campaigns")}
${volume("utility", "Utility messages", 50000, "Templates: order and account updates")}
${volume("authentication", "Authentication messages", 10000, "Templates: one-time codes")}
${volume("service", "Service replies", 30000, "Free-form replies to customers who write in")}
<div class="lever"><label for="contacts">Customers</label><input type="number" id="contacts" name="contacts" min="1" max="2000000" placeholder="auto"><small>For the time-aware month (default: a quarter of the messages)</small></div>
<div class="lever actions"><button type="submit">Quote</button></div>
</form>
<p id="status" class="status" role="status" aria-live="polite"></p>
<div id="quote-summary" class="cards"></div>
<div id="charts" class="charts"></div>
<section class="downloads"><h2>Tables</h2><div id="tables"></div></section>`;
  return renderPage({
    title: "Quick quote",
    nav: "quote",
    body,
    state: {},
    module: "server/pages/client/quote-client.ts",
    preload,
  });
}
