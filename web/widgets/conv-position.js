// posenc-conv-position: a convolution recovers position from zero padding
// (Islam et al. 2020, "How much position information do CNNs encode?"; CPVT's PEG,
// Chu et al. 2021, in 1-D). The input holds the same vector at every position, so
// it carries no position; y = x + depthwise_conv(x) with zero padding is then the
// same everywhere except near the edges, where the kernel reads padding. Each layer
// of kernel K reaches (K - 1)/2 positions further in: n layers reach n (K - 1)/2.
// Everything drawn is the core's `conv` output.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

/** Distances below this are zero: float32 output of values of order 1. */
const ZERO = 1e-5;

export class ConvPosition extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 256, default: 32, label: 'Positions L' },
    dim: { type: 'int', min: 1, max: 64, default: 4, label: 'Channels D' },
    kernel: { type: 'int', min: 1, max: 31, default: 3, step: 2, label: 'Kernel size K (odd)' },
    layers: { type: 'int', min: 1, max: 16, default: 1, label: 'Layers' },
    content: { type: 'enum', options: ['word', 'ones'], default: 'word', label: 'Input at every position' },
    seed: { type: 'int', min: 0, max: 9999, default: 0, label: 'Seed' },
  };

  draw(core, s, view) {
    const r = core.conv({ length: s.length, dim: s.dim, kernel: s.kernel, layers: s.layers, content: s.content, seed: s.seed });
    const L = s.length;
    const reach = (s.layers * (s.kernel - 1)) / 2;
    // Positions whose output differs from the interior's, counted from the core's distances.
    let left = 0;
    while (left < L && r.distance[left] > ZERO) left++;
    let right = 0;
    while (right < L && r.distance[L - 1 - right] > ZERO) right++;
    const differing = Array.from(r.distance).filter((d) => d > ZERO).length;

    // Shown transposed, channels down and positions across, so the two edges are the sides.
    const shown = Float32Array.from({ length: L * s.dim }, (_, n) => r.output[(n % L) * s.dim + Math.floor(n / L)]);
    view.heatmap('output', {
      data: shown, rows: s.dim, cols: L, map: 'diverging', height: Math.min(240, Math.max(110, 18 * s.dim)),
      title: 'Output y = x + conv(x)', xLabel: 'position i', yLabel: 'channel',
      label: `The output of ${s.layers} convolution layers over a position-free input`,
      readout: (c, i, v) => `position ${i}, channel ${c}: output ${fmt(v)}, input ${fmt(r.input[i * s.dim + c])}`,
    });
    const x = Array.from({ length: L }, (_, i) => i);
    view.chart('distance', {
      title: 'Distance from the interior output', height: 220, xLabel: 'position i', yLabel: '‖y_i − y_interior‖', xInteger: true,
      xDomain: [-0.5, L - 0.5],
      label: 'How far each position\'s output is from that of an interior position',
      series: [{ name: 'distance', x, y: r.distance, kind: L <= 64 ? 'points' : 'line' }],
      vrules: reach > 0 && 2 * reach < L ? [{ x: reach - 0.5, label: `reach ${reach}` }, { x: L - reach - 0.5 }] : [],
    });
    const interior = L - differing;
    view.element('note').textContent = `${differing} of ${L} positions differ from the interior ` +
      `(${left} at the start, ${right} at the end); ${s.layers} layer${s.layers > 1 ? 's' : ''} × (K − 1)/2 = ${reach}` +
      (2 * reach >= L ? ': the edges reach every position, no interior is left.'
        : `: the rest (${interior} positions) are identical, since the input there holds no position.`);
    return {
      caption: `Output of ${s.layers} layer(s) of kernel ${s.kernel} over L = ${L}, D = ${s.dim} (${s.content} input, seed ${s.seed})`,
      columns: ['position', 'distance from interior', ...Array.from({ length: s.dim }, (_, c) => `y${c}`)],
      rows: x.map((i) => [i, r.distance[i], ...r.output.subarray(i * s.dim, (i + 1) * s.dim)]),
      summary: `Positions differing from the interior: ${left} at the start and ${right} at the end; the layers reach ${reach}.`,
    };
  }
}
