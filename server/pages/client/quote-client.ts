/**
 * The quick-quote page in the browser: posts the form to /api/quote and draws the answer (cards,
 * a chart, the tables with CSV/JSON downloads) in place.
 */
import type {DataTable} from "../../api/data-table.ts";
import {formatCount, formatUsd} from "../../charts/format-figures.ts";
import type {QuoteBill, QuoteResult} from "../../quote/quote.ts";
import {quoteChart} from "../quote-chart.ts";
import {
  chartWidth,
  download,
  downloadButton,
  element,
  fetchJson,
  renderTable,
  setStatus,
  svgOf,
} from "./client-dom.ts";
import {drawChart} from "./draw-chart.ts";

const form = element<HTMLFormElement>("#quote");
let sequence = 0;

function request(): Record<string, unknown> {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  const count = (name: string) => (text(name) === "" ? 0 : Number(text(name)));
  const body: Record<string, unknown> = {
    country: text("country"),
    month: text("month"),
    pricing: text("pricing"),
    rates: text("rates"),
    volumes: {
      marketing: count("marketing"),
      utility: count("utility"),
      authentication: count("authentication"),
      service: count("service"),
    },
  };
  if (text("contacts") !== "") body.contacts = Number(text("contacts"));
  return body;
}

async function quote(): Promise<void> {
  const mine = ++sequence;
  const started = performance.now();
  setStatus("running", "Billing the month…");
  try {
    const answer = await fetchJson<QuoteResult>("/api/quote", {
      method: "POST",
      body: JSON.stringify(request()),
    });
    if (mine !== sequence) return;
    render(answer);
    const warnings = [...answer.exact.warnings, ...answer.simulated.warnings].map((w) => w.message);
    const note = warnings.length === 0 ? "" : ` Notes: ${[...new Set(warnings)].join("; ")}`;
    setStatus(
      "ready",
      `Billed ${formatCount(answer.exact.businessMessages + answer.simulated.businessMessages)} messages in ${((performance.now() - started) / 1000).toFixed(2)} s.${note}`,
    );
  } catch (error) {
    if (mine === sequence) setStatus("error", (error as Error).message);
  }
}

function render(answer: QuoteResult): void {
  const cur = answer.currency;
  const card = (title: string, value: string, detail: string) =>
    `<div class="card"><h3>${title}</h3><p class="figure">${value}</p><p>${detail}</p></div>`;
  element("#quote-summary").innerHTML =
    card(
      "List rate × records",
      `${formatUsd(Number(answer.exact.naiveTotal))} ${cur}`,
      "What a calculator that ignores free allowances and volume tiers says",
    ) +
    card(
      "Exact",
      `${formatUsd(Number(answer.exact.total))} ${cur}`,
      `Every message to a separate contact: list prices, free allowances and volume tiers of ${answer.request.month} in ${answer.market}`,
    ) +
    card(
      "Time-aware month",
      `${formatUsd(Number(answer.simulated.total))} ${cur}`,
      `The same volumes over ${formatCount(answer.simulated.contacts)} customers and ${answer.timezone} days: shared windows and conversations`,
    );
  const charts = element("#charts");
  const section = document.createElement("section");
  section.className = "chart";
  section.dataset.chart = "quote";
  const plot = document.createElement("div");
  plot.className = "plot";
  const links = document.createElement("p");
  links.className = "links";
  links.append(
    downloadButton("SVG", () =>
      download(
        `quote-${answer.request.country}-${answer.request.month}.svg`,
        svgOf(plot),
        "image/svg+xml",
      ),
    ),
  );
  section.append(plot, links);
  charts.replaceChildren(section);
  drawChart(plot, quoteChart(answer, {width: chartWidth(charts)}));
  element("#tables").replaceChildren(
    renderTable(
      categoryTable("quote-exact-by-category", "Exact bill by charge category", answer.exact),
    ),
    renderTable(
      categoryTable(
        "quote-time-aware-by-category",
        "Time-aware month by charge category",
        answer.simulated,
      ),
    ),
    renderTable(
      lineTable(
        "quote-exact-lines",
        "Exact bill: every category, charge type and volume tier",
        answer.exact,
      ),
    ),
    renderTable(
      lineTable(
        "quote-time-aware-lines",
        "Time-aware month: every category, charge type and volume tier",
        answer.simulated,
      ),
    ),
  );
}

function categoryTable(id: string, title: string, bill: QuoteBill): DataTable {
  return {
    id,
    title,
    columns: [
      "category",
      "records",
      "billable",
      "free",
      "list_rate",
      "amount",
      "list_rate_x_records",
    ],
    rows: bill.byCategory.map((c) => [
      c.category,
      c.records,
      c.billable,
      c.free,
      c.listRate,
      c.amount,
      c.naiveAmount,
    ]),
  };
}

function lineTable(id: string, title: string, bill: QuoteBill): DataTable {
  return {
    id,
    title,
    columns: ["category", "type", "tier", "pricing_model", "records", "billable", "rate", "amount"],
    rows: bill.lines.map((l) => [
      l.category,
      l.type,
      l.tier,
      l.pricingModel,
      l.records,
      l.billable,
      l.rate,
      l.amount,
    ]),
  };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void quote();
});
form.addEventListener("change", () => void quote());
void quote();
