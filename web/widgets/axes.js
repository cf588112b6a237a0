// Axis helpers shared by the canvas heatmap and the SVG chart: tick positions and
// how numbers print on axes, legends and readouts.

/**
 * "Nice" tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten,
 * about `count` of them (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
 * `integer` keeps steps >= 1 (index axes).
 */
export function ticks(lo, hi, count = 5, integer = false) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(integer ? 1 : 0, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw));
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** A number for a label: integers as they are, others in 4 significant digits (exponent when tiny or huge). */
export function fmt(v) {
  if (typeof v !== 'number') return String(v);
  if (Number.isNaN(v)) return 'NaN';
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export const scale = (d0, d1, r0, r1) => (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
