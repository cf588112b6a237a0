// Registers every widget as the custom element posenc-<name>. The site bundles
// this file (esbuild, iife) into dist/assets/widgets.js; one line per widget.
import { define } from './define.js';
import { LearnedTable } from './learned-table.js';

define('learned-table', LearnedTable);
