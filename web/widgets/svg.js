// A tiny SVG builder for the widgets that draw their own pictures (a rotation
// circle, an annotated matrix): elements with attributes set as text, never markup.
export const NS = 'http://www.w3.org/2000/svg';

/** An SVG element `name` with attributes (undefined/null ones left out) and optional text. */
export function svgEl(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The <svg> inside the view element `key` (a div of class "plot"), emptied and
 * sized width x height, with the theme's background and font and an accessible name.
 */
export function svgCanvas(view, key, width, height, label, parent) {
  const box = view.element(key, 'div', 'plot', parent);
  let svg = box.firstElementChild;
  if (!svg) {
    svg = svgEl('svg', { role: 'img', part: 'svg', xmlns: NS });
    box.append(svg);
  }
  const t = view.colours;
  svg.replaceChildren();
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, 'aria-label': label,
    'font-family': t.font, 'font-size': 12 })) svg.setAttribute(k, v);
  svg.append(svgEl('rect', { x: 0, y: 0, width, height, fill: t.bg }));
  return { svg, box, t };
}

/**
 * The box every SVG plot (Chart, Grid) draws into: a div of class "plot" holding
 * one <svg part="svg">. `update(opts, theme)` is the subclass's; `fit()` is the
 * width it draws at now, between `minWidth` and 900 CSS px.
 */
export class SvgPlot {
  constructor(minWidth = 280) {
    this.minWidth = minWidth;
    this.el = document.createElement('div');
    this.el.className = 'plot';
    this.svg = svgEl('svg', { role: 'img', part: 'svg', xmlns: NS });
    this.el.append(this.svg);
  }

  /** The width this plot draws at in its box now (CSS px). */
  fit() {
    return Math.max(this.minWidth, Math.min(this.el.clientWidth || 640, 900));
  }
}
