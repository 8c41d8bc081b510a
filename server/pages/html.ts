/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example escapeHtml(`<a href="x">&</a>`) // => "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * JSON safe inside a `<script type="application/json">` element: `<`, `>`, `&` and the line
 * separators are escaped, so no value can close the element.
 * @example scriptJson({a: "</script>"}) // => '{"a":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** What every page is made of. */
export interface PageParts {
  title: string;
  /** The nav entry to mark as current. */
  nav: "scenarios" | "quote" | "none";
  /** Trusted HTML of the main element. */
  body: string;
  /** State for the page's script, read from #walab-state. */
  state?: unknown;
  /** Browser module entry under /modules/, e.g. "server/pages/client/scenario-client.ts". */
  module?: string;
  /** Modules the entry imports, preloaded in parallel instead of import by import. */
  preload?: readonly string[];
  /** A bundle of the entry to load instead of the module (e.g. "/bundles/scenario-client.js"). */
  script?: string;
  /**
   * Trusted texts to put in the page rather than link: the stylesheet, and the JavaScript of
   * `script` (so the first paint and the page's controls wait for no other request). A text that
   * could close its element is linked after all.
   */
  inline?: {style?: string; script?: string};
  /**
   * "lazy": Plot and d3 are not loaded with the page; its script loads them when it first draws
   * (`loadPlot` in client-dom.ts). Default "eager".
   */
  plot?: "eager" | "lazy";
}

/**
 * The HTML shell of a page: the stylesheet, Plot and d3 served locally (no CDN), an import map
 * that lets the chart builders' `import * as Plot from "@observablehq/plot"` run in the browser,
 * the page state as JSON and the page's module.
 * @example renderPage({title: "Scenarios", nav: "scenarios", body: "<p>hi</p>"}).startsWith("<!DOCTYPE html>") // => true
 */
export function renderPage(parts: PageParts): string {
  const inlineStyle = safeInline(parts.inline?.style, "style");
  const inlineScript =
    parts.script === undefined ? undefined : safeInline(parts.inline?.script, "script");
  const scripts =
    parts.module === undefined
      ? ""
      : `<script type="importmap">{"imports":{"@observablehq/plot":"/vendor/plot.js"}}</script>
${
  parts.plot === "lazy"
    ? ""
    : `<script defer src="/vendor/d3.min.js"></script>
<script defer src="/vendor/plot.umd.min.js"></script>
`
}${(parts.preload ?? []).map((path) => `<link rel="modulepreload" href="/modules/${escapeHtml(path)}">`).join("\n")}
${
  inlineScript === undefined
    ? `<script type="module" src="${escapeHtml(parts.script ?? `/modules/${parts.module}`)}"></script>`
    : `<script type="module">${inlineScript}</script>`
}`;
  const state =
    parts.state === undefined
      ? ""
      : `<script type="application/json" id="walab-state">${scriptJson(parts.state)}</script>`;
  const current = (name: PageParts["nav"]) => (parts.nav === name ? ` aria-current="page"` : "");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} · walab</title>
${inlineStyle === undefined ? `<link rel="stylesheet" href="/assets/style.css">` : `<style>${inlineStyle}</style>`}
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${state}
${scripts}
</head>
<body data-status="loading">
<header class="top">
<a class="brand" href="/">walab</a>
<nav><a href="/"${current("scenarios")}>Scenarios</a><a href="/quote"${current("quote")}>Quick quote</a><a href="/openapi.json">API</a></nav>
</header>
<main>
${parts.body}
</main>
<footer>walab — WhatsApp Business pricing what-if workbench. Rates from the shipped cards with their provenance; figures are simulations, not invoices.</footer>
</body>
</html>
`;
}

/** `text` when it cannot close a `<tag>` element (nor open a comment), else undefined. */
function safeInline(text: string | undefined, tag: string): string | undefined {
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  return lower.includes(`</${tag}`) || lower.includes("<!--") ? undefined : text;
}
