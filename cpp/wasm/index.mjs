// posenc as an ES module: `import { load } from 'posenc'` in Node and in bundlers.
// The artifact itself (build/wasm/posenc.js) is a classic script / CommonJS file,
// the one format that also loads from file:// and under a strict CSP; this file
// re-exports its API.
import posenc from '../../build/wasm/posenc.js'

export const load = posenc.load
export const PosencError = posenc.PosencError
export const workerSource = posenc.workerSource
export default posenc
