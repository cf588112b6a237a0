// Misuse that the declarations must reject. Each line below a `@ts-expect-error`
// is a mistake the CLI would reject at run time (or a key that is not there); if
// cpp/wasm/posenc.d.ts were loose enough to accept one, tsc reports the directive
// as unused and tests/wasm/types.test.mjs fails.
import { load } from 'posenc'

const pe = await load()

// A misspelled option name.
// @ts-expect-error lenght is not an option
pe.encode({ scheme: 'index', length: 4, dim: 4, lenght: 4 })

// A choice string that is not one of the choices.
// @ts-expect-error 'sinusoid' is not a scheme
pe.encode({ scheme: 'sinusoid', length: 4, dim: 4 })
// @ts-expect-error 'neox' is not a pairing
pe.ropeApply({ pairing: 'neox', position: 1, vector: [1, 0] })
// @ts-expect-error 'ones' is conv's content, not a layout
pe.encode({ scheme: 'sinusoidal', length: 4, dim: 4, layout: 'ones' })

// An option of another scheme (the CLI: "--layout: got "concat" with --scheme random").
// @ts-expect-error layout is a sinusoidal option
pe.encode({ scheme: 'random', length: 4, dim: 4, layout: 'concat' })
// @ts-expect-error seed is for random and learned tables
pe.metrics({ scheme: 'sinusoidal', length: 4, dim: 4, seed: 3 })

// similarity and embed: their own options, and the encoding's rules.
// @ts-expect-error 'euclid' is not a measure
pe.similarity({ scheme: 'index', length: 4, dim: 4, measure: 'euclid' })
// @ts-expect-error base is a sinusoidal option
pe.similarity({ scheme: 'random', length: 4, dim: 4, base: 100 })
// @ts-expect-error measure is similarity's, not embed's
pe.embed({ scheme: 'index', length: 4, dim: 4, measure: 'dot' })
// @ts-expect-error wordScale is a number
pe.embed({ scheme: 'index', length: 4, dim: 4, wordScale: 'big' })
// @ts-expect-error only a sinusoidal result has a layout
void pe.embed({ scheme: 'index', length: 4, dim: 4 }).layout
// @ts-expect-error the matrix is `similarity`
void pe.similarity({ scheme: 'index', length: 4, dim: 4 }).data

// A required option left out.
// @ts-expect-error dim is required
pe.encode({ scheme: 'index', length: 4 })
// @ts-expect-error factor is required unless scaling is 'default'
pe.ropeFreqs({ dim: 8, scaling: 'linear' })

// An option the chosen scheme or scaling does not read (the CLI rejects it).
// @ts-expect-error pairing is rope's
pe.attention({ scheme: 'alibi', length: 4, heads: 1, dim: 2, pairing: 'half' })
// @ts-expect-error factor without a scaling
pe.ropeFreqs({ dim: 8, factor: 2 })
// @ts-expect-error betaFast is yarn's, not llama3's
pe.ropeFreqs({ dim: 8, scaling: 'llama3', factor: 8, betaFast: 32 })
// @ts-expect-error symmetric needs length
pe.alibi({ heads: 2, symmetric: true })
// @ts-expect-error attention has no --format
pe.attention({ scheme: 'none', length: 4, heads: 1, dim: 2, format: 'csv' })

// A wrong value type.
// @ts-expect-error length is a number
pe.relative({ length: '4' })

// Reading a key that does not exist.
// @ts-expect-error the key is invFreq
void pe.ropeFreqs({ dim: 8 }).invFreqs
// @ts-expect-error weights were not asked for
void pe.attention({ scheme: 'none', length: 4, heads: 1, dim: 2 }).weights
// @ts-expect-error only a sinusoidal result has a base
void pe.encode({ scheme: 'index', length: 4, dim: 4 }).base
// @ts-expect-error the slopes-only result has no bias
void pe.alibi({ heads: 2 }).bias
// @ts-expect-error csv is text
void pe.encode({ scheme: 'index', length: 4, dim: 4, format: 'csv' }).data
// @ts-expect-error help is text
void pe.conv({ help: true }).output

// Writing what is read-only.
const sin = pe.encode({ scheme: 'sinusoidal', length: 2, dim: 2 })
// @ts-expect-error a tensor's shape is read-only
sin.data.shape[0] = 3
// @ts-expect-error the API object is frozen
pe.encode = pe.encode
// @ts-expect-error train needs a scheme
pe.train({ steps: 10 })
// @ts-expect-error not a train scheme
pe.trainer({ scheme: 'relative' })
// @ts-expect-error step takes a count
pe.trainer({ scheme: 'rope' }).step('all')
