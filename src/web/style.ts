// The pages' stylesheet: the notice's (same type scale, colours and tables) plus forms, served as one file.
import { STYLESHEET } from '../render/index.js';

/** Served at `/privacy/style.css`: a file route keeps helmet's CSP strict (no inline style needed). */
export const WEB_STYLESHEET = `${STYLESHEET}
/* The pages stay dark text on light whatever the system asks: the notice's light colours again. */
:root { color-scheme: light; --fg: #1d2330; --muted: #545e6f; --bg: #ffffff; --line: #c9d0db; --zebra: #f5f7fa; --accent: #1f5fbf; --bad: #b3261e; --ok: #1e6b3a; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; }
.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid var(--line); padding-bottom: 0.75rem; margin-bottom: 1.5rem; }
.site .org { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.site nav { margin: 0; padding: 0; border: 0; }
.site ul { display: flex; gap: 0.75rem; list-style: none; margin: 0; padding: 0; }
.site [aria-current] { font-weight: 700; color: var(--fg); }
label, legend { display: block; font-weight: 600; margin: 0 0 0.35rem; }
fieldset { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0 0 1.25rem; padding: 0.75rem 1rem; }
.field { margin: 0 0 1.25rem; }
.choice { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.4rem 0; }
.choice label { font-weight: 400; margin: 0; }
.choice input { margin-top: 0.35rem; }
input[type=email], input[type=text], select, textarea { font: inherit; width: 100%; max-width: 30rem; padding: 0.5rem 0.6rem; border: 1px solid #6b7483; border-radius: 0.35rem; color: var(--fg); background: var(--bg); }
input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
[aria-invalid=true] { border-color: var(--bad); border-width: 2px; }
.hint { color: var(--muted); margin: 0 0 0.35rem; font-size: 0.95rem; }
.error { color: var(--bad); font-weight: 600; margin: 0.25rem 0 0; }
.summary { border: 2px solid var(--bad); border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.flash { border-left: 4px solid var(--ok); padding: 0.5rem 1rem; margin: 0 0 1.5rem; background: var(--zebra); }
.flash.bad { border-left-color: var(--bad); }
button { font: inherit; font-weight: 600; padding: 0.55rem 1.1rem; border-radius: 0.35rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--bg); color: var(--accent); }
section { margin: 0 0 2rem; }
/* The staff console: navigation and who is signed in in the header, wide tables that scroll on a phone. */
body:has(nav.console) { max-width: 72rem; }
.site nav.console ul { flex-wrap: wrap; }
.site nav.console [aria-current=page] { text-decoration: underline; text-underline-offset: 0.3em; }
.site .who { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; color: var(--muted); }
.site .who form { margin: 0; }
.site .who button { padding: 0.3rem 0.8rem; }
.banner { border: 2px solid var(--bad); border-radius: 0.5rem; padding: 0.5rem 1rem; margin: 0 0 1.5rem; }
.banner p { margin: 0.35rem 0; }
.banner .soon { border-top: 1px solid var(--line); padding-top: 0.35rem; }
.field.inline { display: inline-block; margin-right: 1rem; vertical-align: top; }
.field.inline select { width: auto; }
.scroll { overflow-x: auto; }
tr.late { background: #fdecea; }
tr.late th { border-left: 4px solid var(--bad); }
tr.soon { background: #fff6e0; }
tr.soon th { border-left: 4px solid #8a5a00; }
.tag { display: inline-block; font-size: 0.85rem; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 0.25rem; }
tr.late .tag { color: var(--bad); }
.paging { display: flex; gap: 1.5rem; margin: 1rem 0; }
.actions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.actions form { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem 1rem; }
.qr svg { width: 12rem; height: 12rem; }
@media (max-width: 40rem) { body { padding: 1rem 0.9rem 3rem; } h1 { font-size: 1.6rem; } }
/* The console's charts and oversight pages. */
.chart { margin: 0 0 2rem; max-width: 40rem; }
.chart figcaption { font-weight: 700; margin: 0 0 0.5rem; }
.chart svg { display: block; height: auto; }
.chart .axis, .chart .value { font-size: 12px; fill: var(--fg); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.overdue-count { font-size: 1.25rem; }
.overdue-count.alarm strong, .alarm { color: var(--bad); }
.scroll { overflow-x: auto; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.actions form { display: flex; gap: 0.4rem; align-items: center; }
.secret { font-family: ui-monospace, monospace; }
img.map { max-width: 100%; height: auto; border: 1px solid var(--line); }
`;
