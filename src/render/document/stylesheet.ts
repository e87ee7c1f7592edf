// The built-in stylesheet of rendered pages (notice and record of processing): readable, printable, light and dark.

export const STYLESHEET = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5a6475; --bg: #ffffff; --line: #d8dde6; --zebra: #f5f7fa; --accent: #1f5fbf; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #a3acbb; --bg: #14171d; --line: #343a46; --zebra: #1b1f27; --accent: #8ab4ff; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 50rem; padding: 2rem 1.25rem 4rem; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
body.wide { max-width: none; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.5rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.05rem; }
p, ul, ol, dl { margin: 0 0 1rem; }
a { color: var(--accent); }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.lead { color: var(--muted); margin: 0.25rem 0; }
nav { margin: 1.5rem 0 2rem; padding: 1rem 1.25rem; border: 1px solid var(--line); border-radius: 0.5rem; }
nav .toc-title { font-size: 1rem; margin: 0 0 0.5rem; border: 0; padding: 0; }
nav ol { margin: 0; padding-left: 1.25rem; }
dl > div { display: grid; grid-template-columns: minmax(9rem, 14rem) 1fr; gap: 0 1rem; padding: 0.35rem 0; border-top: 1px solid var(--line); }
dl > div:first-child { border-top: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: 0 0 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.4rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.6rem; border: 1px solid var(--line); }
thead th { background: var(--zebra); }
tbody tr:nth-child(even) td { background: var(--zebra); }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); padding-top: 1rem; }
@media (max-width: 40rem) { dl > div { grid-template-columns: 1fr; } }
@media print { body { max-width: none; padding: 0; } nav { display: none; } a { color: inherit; } }
`;
