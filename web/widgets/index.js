// Registers every widget as the custom element posenc-<name>. The site bundles
// this file (esbuild, iife) into dist/assets/widgets.js; one line per widget.
import { define } from './define.js';
import { LearnedTable } from './learned-table.js';
import { RequirementsTable } from './requirements-table.js';
import { NaiveNormalized } from './naive-normalized.js';
import { SumOfEmbeddings } from './sum-of-embeddings.js';
import { NaiveIndex } from './naive-index.js';
import { NaiveRandom } from './naive-random.js';
import { Orthogonality } from './orthogonality.js';
import { RopeRotation } from './rope-rotation.js';
import { AlibiBias } from './alibi-bias.js';
import { FireBias } from './fire-bias.js';
import { NopePermutation } from './nope-permutation.js';
import { AttentionMap } from './attention-map.js';

define('learned-table', LearnedTable);
define('requirements-table', RequirementsTable);
define('naive-normalized', NaiveNormalized);
define('sum-of-embeddings', SumOfEmbeddings);
define('naive-index', NaiveIndex);
define('naive-random', NaiveRandom);
define('orthogonality', Orthogonality);
define('rope-rotation', RopeRotation);
define('alibi-bias', AlibiBias);
define('fire-bias', FireBias);
define('nope-permutation', NopePermutation);
define('attention-map', AttentionMap);
