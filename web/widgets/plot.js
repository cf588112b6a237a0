// The drawing kit of the widgets, in one import: colour maps, the canvas heatmap,
// the SVG chart, and axis helpers. See web/widgets/README.md.
export { colourAt, cssColour, lut, domainOf, CATEGORICAL, DASHES } from './colour.js';
export { ticks, fmt, scale } from './axes.js';
export { Heatmap } from './heatmap.js';
export { Chart } from './chart.js';
export { Grid } from './grid.js';
