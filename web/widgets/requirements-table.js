// posenc-requirements-table: every absolute scheme against the source notebook's
// five requirements (uniqueness and consistency, order sensitivity,
// extrapolability, small values, scalability), each measured by the core's
// `metrics` at the chosen L and D, with a pass/fail reading whose rule is stated
// under the table. The numbers are the core's; only the thresholds live here.
import { PosencWidget } from './base.js';
import { fmt } from './plot.js';

const SCHEMES = ['none', 'index', 'normalized', 'random', 'learned', 'sinusoidal'];
const TOL = 1e-6; // below this a distance or change is zero (float32 tables)

/** The five requirements: a pass rule on a MetricsResult, the number shown ([what, value]), and the rule in words. */
export const REQUIREMENTS = [
  {
    name: 'Unique & consistent', short: 'Unique',
    pass: (m) => m.uniqueness.minDistance > TOL && m.consistency.maxChange <= TOL,
    value: (m) => (m.consistency.maxChange > TOL && m.uniqueness.minDistance > TOL ? ['Δ', m.consistency.maxChange]
      : ['dist', m.uniqueness.minDistance]),
    rule: 'Unique & consistent passes when no two positions share a vector (the smallest distance between two rows is above 1e-6) ' +
      'and a position keeps its vector in a sequence of half the length (largest change Δ at most 1e-6).',
  },
  {
    name: 'Order sensitive', short: 'Order',
    pass: (m) => m.uniqueness.minDistance > TOL && m.order.spread <= 1e-3,
    value: (m) => ['spread', m.order.spread],
    rule: 'Order sensitive passes when positions are distinct and the dot product of p_i and p_(i+k) depends on the offset k alone ' +
      '(its spread over i is at most 0.001 of the mean squared norm), so relative distance can be read from the vectors.',
  },
  {
    name: 'Extrapolates', short: 'Extrap.',
    pass: (m) => m.extrapolation.defined && m.extrapolation.maxAbsBeyond <= 1.01 * m.small.maxAbs + TOL,
    value: (m) => (m.extrapolation.defined ? ['max', m.extrapolation.maxAbsBeyond] : ['no row', '']),
    rule: 'Extrapolates passes when the scheme has vectors for positions L..2L-1 and their values stay within the range seen up to L ' +
      '(largest |p| beyond at most 1.01 times the largest within). A learned table has no rows there.',
  },
  {
    name: 'Small values', short: 'Small',
    pass: (m) => m.small.normRatio <= 1,
    value: (m) => ['ratio', m.small.normRatio],
    rule: 'Small values passes when a position vector is no larger than a word vector: the RMS norm of p_i over that of a word ' +
      'embedding with N(0, s²) entries (s = word scale) is at most 1.',
  },
  {
    name: 'Scalable', short: 'Scales',
    pass: (m) => m.cost.parameters === 0 && m.cost.storedValues === 0,
    value: (m) => (m.cost.parameters > 0 ? ['param', m.cost.parameters] : ['stored', m.cost.storedValues]),
    rule: 'Scalable passes when nothing grows with L: no trained parameters and no stored table (every vector computed on the fly ' +
      'in O(D) per token).',
  },
];

export class RequirementsTable extends PosencWidget {
  static params = {
    length: { type: 'int', min: 2, max: 512, default: 64, label: 'Positions L' },
    dim: { type: 'int', min: 2, max: 256, default: 64, step: 2, label: 'Width D' },
    'word-scale': { type: 'number', min: 0.01, max: 10, step: 0.01, default: 1, label: 'Word embedding std s' },
  };

  draw(core, s, view) {
    const metrics = SCHEMES.map((scheme) => core.metrics({ scheme, length: s.length, dim: s.dim, wordScale: s.wordScale }));
    view.grid('grid', {
      title: `Requirements at L = ${s.length}, D = ${s.dim}`,
      label: `Six absolute schemes against five requirements, measured at L = ${s.length}, D = ${s.dim}`,
      rowNames: SCHEMES,
      colNames: REQUIREMENTS.map((r) => (view.figure.clientWidth < 560 ? r.short : r.name)),
      cells: metrics.map((m) => REQUIREMENTS.map((r) => {
        const ok = r.pass(m);
        const [what, v] = r.value(m);
        const n = v === '' ? what : fmt(v);
        return { text: ok ? 'pass' : 'fail', detail: v === '' ? what : `${what} ${n}`, short: n, tone: ok ? 'pass' : 'fail' };
      })),
    });
    const why = view.element('why', 'div', 'note');
    why.replaceChildren(...REQUIREMENTS.map((r) => {
      const p = document.createElement('p');
      p.textContent = r.rule;
      return p;
    }));
    const rows = metrics.map((m, k) => [SCHEMES[k], m.uniqueness.minDistance, m.consistency.maxChange, m.order.spread,
      m.small.maxAbs, m.small.normRatio, m.extrapolation.defined ? 'yes' : 'no', m.extrapolation.maxAbsBeyond ?? '',
      m.cost.parameters, m.cost.storedValues, m.cost.transcendentalsPerToken,
      ...REQUIREMENTS.map((r) => (r.pass(m) ? 'pass' : 'fail'))]);
    return {
      caption: `The core's metrics for each scheme at L = ${s.length}, D = ${s.dim}, word scale ${s.wordScale}`,
      columns: ['scheme', 'min distance', 'max change', 'order spread', 'max |p|', 'norm ratio', 'defined beyond L', 'max |p| beyond',
        'parameters', 'stored values', 'transcendentals per token', ...REQUIREMENTS.map((r) => r.name)],
      rows,
      summary: metrics.map((m, k) => `${SCHEMES[k]}: ${REQUIREMENTS.map((r) => `${r.name} ${r.pass(m) ? 'pass' : 'fail'}`).join(', ')}.`).join(' '),
    };
  }
}
