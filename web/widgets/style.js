// The widgets' shadow stylesheet. Themable from outside through
// --posenc-font, --posenc-font-size, --posenc-fg, --posenc-bg, --posenc-muted,
// --posenc-accent, --posenc-error and the ::part() names (widget, controls,
// control, label, input, message, figure, canvas, svg, readout, actions, button,
// data, table); the list with defaults is in README.md ("Theming"). The resolved
// --_* values are read back by the plots (canvas and SVG need concrete colours).
/** The default colours of each scheme (README.md, "Theming"); a host's --posenc-<key> overrides them. */
export const COLOURS = {
  light: { fg: '#1b1b1b', bg: '#ffffff', muted: '#585858', accent: '#0b5cad', error: '#a3001b' },
  dark: { fg: '#ececec', bg: '#161616', muted: '#ababab', accent: '#79b8ff', error: '#ff9a9a' },
};
const L = COLOURS.light;
const D = COLOURS.dark;

export const STYLE = `
:host {
  display: block;
  --_font: var(--posenc-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  --_fg: var(--posenc-fg, ${L.fg});
  --_bg: var(--posenc-bg, ${L.bg});
  --_muted: var(--posenc-muted, ${L.muted});
  --_accent: var(--posenc-accent, ${L.accent});
  --_error: var(--posenc-error, ${L.error});
  color: var(--_fg);
  background-color: var(--_bg); /* -color: a theme value like url(x.png) is no colour, and fetches nothing */
  font: var(--posenc-font-size, 15px)/1.45 var(--_font);
  max-width: 100%;
  contain: content;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_fg: var(--posenc-fg, ${D.fg});
    --_bg: var(--posenc-bg, ${D.bg});
    --_muted: var(--posenc-muted, ${D.muted});
    --_accent: var(--posenc-accent, ${D.accent});
    --_error: var(--posenc-error, ${D.error});
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.widget { display: grid; gap: .6rem; padding: .5rem 0; min-width: 0; }
.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .4rem 1.2rem; }
.control { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: .1rem .5rem; min-width: 0; }
.control label { grid-column: 1 / -1; font-size: .88rem; color: var(--_fg); }
.control.bool { grid-template-columns: auto 1fr; }
.control.bool label { grid-column: 2; grid-row: 1; }
.control.bool input { grid-column: 1; grid-row: 1; }
.control input[type=range] { width: 100%; min-width: 0; accent-color: var(--_accent); }
.control input[type=number] { width: 6.5em; }
input, select, button { font: inherit; font-size: .9rem; color: var(--_fg); background-color: var(--_bg);
  border: 1px solid var(--_muted); border-radius: 4px; padding: .15rem .35rem; min-height: 2rem; }
input[type=checkbox] { width: 1.2rem; height: 1.2rem; min-height: 0; accent-color: var(--_accent); }
button { cursor: pointer; padding: .25rem .7rem; }
button:hover { border-color: var(--_accent); }
:focus-visible, canvas:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.message { margin: 0; padding: .45rem .7rem; border-left: 4px solid var(--_error); color: var(--_error);
  background: color-mix(in srgb, var(--_error) 9%, var(--_bg)); white-space: pre-line; overflow-wrap: anywhere; }
.message:empty { display: none; }
.figure { display: grid; gap: .8rem; min-width: 0; overflow-x: auto; }
.figure .row { display: flex; flex-wrap: wrap; gap: .8rem; }
.figure .row > * { flex: 1 1 16rem; min-width: 0; }
.plot { min-width: 0; }
canvas, svg { display: block; max-width: 100%; }
.readout { display: block; min-height: 1.45em; font-size: .88rem; color: var(--_fg); font-variant-numeric: tabular-nums; }
.note { font-size: .88rem; color: var(--_muted); margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
details summary { cursor: pointer; color: var(--_fg); }
.data { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; margin: .4rem 0; }
caption { text-align: left; font-size: .88rem; color: var(--_muted); padding-bottom: .3rem; }
th, td { border: 1px solid color-mix(in srgb, var(--_muted) 45%, transparent); padding: .15rem .45rem; text-align: right; }
th { font-weight: 600; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; scroll-behavior: auto !important; } }
`;
