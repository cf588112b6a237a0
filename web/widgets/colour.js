// Colour maps for the widgets: colour-blind-safe, perceptually ordered.
//
// - viridis (matplotlib's default, van der Walt & Smith 2015) for sequential data:
//   lightness rises monotonically, readable under the common colour-vision deficiencies.
// - PuOr (ColorBrewer, Brewer 2003) for signed data: orange below zero, white at
//   zero, purple above; orange/purple is the CB-safe diverging pair.
// - Okabe & Ito's eight colours (2008) for categorical lines, with dashes as a
//   second cue.
// A map is a list of stops sampled evenly on [0, 1] and interpolated linearly in sRGB.

const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));

// matplotlib's viridis at t = 0, 0.1, ..., 1 (the values d3-scale-chromatic samples).
const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70',
  '#7ad151', '#bddf26', '#fde725'].map(hex);

// ColorBrewer PuOr, 11 classes, from orange (low) to purple (high).
const PUOR = ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2',
  '#8073ac', '#542788', '#2d004b'].map(hex);

/** Okabe-Ito categorical colours (black left out: it vanishes on a dark background; `fg` stands in). */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442'];
/** Dash patterns paired with CATEGORICAL, so lines differ without colour too. */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2', '10 4'];

const MAPS = { viridis: VIRIDIS, diverging: PUOR };

/** The colour of t in [0, 1] (clamped) on a map: [r, g, b], 0..255. */
export function colourAt(name, t) {
  const stops = MAPS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  return stops[k].map((c, n) => Math.round(c + f * (stops[k + 1][n] - c)));
}

const luts = new Map();
/** 256 colours of a map as a flat Uint8Array [r, g, b, r, g, b, ...] (cached): the heatmap's lookup table. */
export function lut(name) {
  if (!luts.has(name)) {
    const table = new Uint8Array(256 * 3);
    for (let k = 0; k < 256; k++) table.set(colourAt(name, k / 255), 3 * k);
    luts.set(name, table);
  }
  return luts.get(name);
}

/** CSS rgb() of t on a map. */
export const cssColour = (name, t) => `rgb(${colourAt(name, t).join(',')})`;

/**
 * The value range a map shows for `data`: [min, max] for viridis, and [-m, m] with
 * m = max |v| for the diverging map (zero stays white). NaN entries are skipped;
 * a constant range is widened so the colour bar has a span.
 */
export function domainOf(data, map) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (map === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}
