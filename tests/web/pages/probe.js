// A test-only widget (posenc-probe) with one parameter of each type, so the base
// (web/widgets/base.js) is tested on every kind of control. It draws the sinusoids
// as a heatmap and one of their columns as a chart, computed by the core.
import { PosencWidget } from '../../../web/widgets/base.js';
import { define } from '../../../web/widgets/define.js';

class Probe extends PosencWidget {
  static params = {
    length: { type: 'int', min: 1, max: 128, default: 16, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 64, default: 8, step: 2, label: 'Width D' },
    base: { type: 'number', min: 2, max: 100000, default: 10000, label: 'Base' },
    layout: { type: 'enum', options: ['interleaved', 'concat'], default: 'interleaved', label: 'Layout' },
    transpose: { type: 'bool', default: false, label: 'Transpose' },
  };

  draw(core, s, view) {
    const { data } = core.encode({ scheme: 'sinusoidal', length: s.length, dim: s.dim, base: s.base, layout: s.layout });
    const t = s.transpose;
    const shown = t ? Float32Array.from({ length: data.length }, (_, n) => data[(n % s.length) * s.dim + Math.floor(n / s.length)]) : data;
    view.heatmap('pe', { data: shown, rows: t ? s.dim : s.length, cols: t ? s.length : s.dim, map: 'diverging',
      title: 'Sinusoids', xLabel: t ? 'position' : 'dimension', yLabel: t ? 'dimension' : 'position' });
    const x = Array.from({ length: s.length }, (_, i) => i);
    view.chart('col', { title: 'Dimensions 0 and 1', xLabel: 'position i', yLabel: 'value', xInteger: true,
      series: [0, 1].map((k) => ({ name: `d${k}`, x, y: x.map((i) => data[i * s.dim + k]), kind: 'line' })) });
    return { caption: 'Sinusoids', columns: ['position', ...Array.from({ length: s.dim }, (_, k) => `d${k}`)],
      rows: x.map((i) => [i, ...data.subarray(i * s.dim, (i + 1) * s.dim)]) };
  }
}
define('probe', Probe);
