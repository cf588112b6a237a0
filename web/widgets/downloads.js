// Downloads of a widget: its figure as PNG (every canvas and SVG of the figure,
// composed at their places; SVGs rasterized through an <img>) and its data as CSV.
// Saving goes through an <a download> and an object URL: works over http and file://.

/** CSV text (RFC 4180): a header row, then one line per row; cells with , " or newline quoted. */
export function csv(columns, rows) {
  const cell = (v) => {
    const s = typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : String(v ?? '');
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Offers `blob` to the reader as a file named `name`. */
export function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function svgImage(svg) {
  const text = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('the SVG could not be rasterized')); };
    img.src = url;
  });
}

/**
 * The figure as one PNG blob: a canvas the size of `figure` (times the device
 * pixel ratio, at least 2 for print), filled with `bg`, each canvas and SVG drawn
 * where it sits on screen.
 */
export async function figurePng(figure, bg) {
  const box = figure.getBoundingClientRect();
  const parts = [...figure.querySelectorAll('canvas, svg')].filter((e) => !e.parentElement.closest('svg'));
  const right = Math.max(box.width, ...parts.map((p) => p.getBoundingClientRect().right - box.left));
  const bottom = Math.max(1, ...parts.map((p) => p.getBoundingClientRect().bottom - box.top));
  const k = Math.max(2, window.devicePixelRatio || 1);
  const out = document.createElement('canvas');
  out.width = Math.ceil(right * k);
  out.height = Math.ceil(bottom * k);
  const g = out.getContext('2d');
  g.scale(k, k);
  g.fillStyle = bg;
  g.fillRect(0, 0, right, bottom);
  for (const p of parts) {
    const r = p.getBoundingClientRect();
    const source = p instanceof HTMLCanvasElement ? p : await svgImage(p);
    g.drawImage(source, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}
