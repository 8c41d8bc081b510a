/** The report's stylesheet, inlined into every page (no external fonts or files). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --rule: #d9dee5; --accent: #4e79a7; --good: #2f7d32; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 24px 48px; background: white; }
header .kicker { margin: 0; color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; }
h1 { margin: 4px 0 8px; font-size: 28px; }
h2 { margin: 32px 0 10px; font-size: 20px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.question { font-size: 17px; margin: 0 0 14px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.headline { font-size: 17px; padding: 12px 16px; border-left: 4px solid var(--accent); background: #f1f5fa; margin: 8px 0; }
.headline.noise { border-left-color: #b0b7c1; background: #f4f5f7; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; }
th { font-weight: 600; background: #f4f6f8; }
th:first-child, td:first-child { text-align: left; }
td { white-space: nowrap; }
td.strategy { white-space: normal; min-width: 14em; }
td.strategy .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
td small, th small { display: block; color: var(--muted); font-size: 12px; font-weight: normal; }
td.sweep { text-align: left; }
td.cheaper { color: var(--good); }
.table-wrap { overflow-x: auto; }
p.note, figcaption, footer { color: var(--muted); font-size: 13.5px; }
figure { margin: 20px 0 28px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: 6px; }
footer { margin-top: 36px; border-top: 1px solid var(--rule); padding-top: 10px; }
@media print { body { background: white; } main { padding: 0; } figure { break-inside: avoid; } }
`;
