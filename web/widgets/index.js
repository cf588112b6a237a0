// Registers every widget as the custom element posenc-<name>. The site bundles
// this file (esbuild, iife) into dist/assets/widgets.js; one line per widget.
import { define } from './define.js';
import { LearnedTable } from './learned-table.js';
import { RequirementsTable } from './requirements-table.js';
import { NaiveNormalized } from './naive-normalized.js';

define('learned-table', LearnedTable);
define('requirements-table', RequirementsTable);
define('naive-normalized', NaiveNormalized);
