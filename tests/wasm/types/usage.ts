// A realistic use of the whole posenc API, type-checked (never run) against
// cpp/wasm/posenc.d.ts by tests/wasm/types.test.mjs: every command, every result
// key with its type, the text-returning calls, errors, and the module members.
// `Is<typeof x, T>` fails to compile unless x's type is exactly T, so a return
// type that is too wide (or too narrow) is caught, not just a missing key.
import { load, PosencError } from 'posenc'
import type {
  AttentionScheme, CommandName, EmbedResult, EncodeResult, MemoryInfo, OptionInfo, Posenc, RopeScaling,
  SimilarityMeasure, SimilarityResult, Tensor, Trainer, TrainResult, TrainScheme,
} from 'posenc'

type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
function Is<A, B>(ok: Exactly<A, B>): void { void ok }

let lastLine = ""
const pe: Posenc = await load({ printErr: (line) => { lastLine = line } })
const again: Promise<Posenc> = load()
void again

// Module members.
const version: string = pe.version
const names: readonly CommandName[] = pe.commands
const mem: MemoryInfo = pe.memory()
const heapBytes: number = mem.heapInUse + mem.memoryBytes
const encodeOptions: readonly OptionInfo[] = pe.encode.options
for (const o of pe.attention.options) {
  const line: string = `${o.name} ${o.value} ${o.help}`
  const isFlag: boolean = o.flag
  void line, isFlag
}
void version, names, heapBytes, encodeOptions

// encode: the result's keys follow the scheme.
const sin = pe.encode({ scheme: 'sinusoidal', length: 64, dim: 128, layout: 'concat', spacing: 'endpoint', base: 1e4 })
Is<typeof sin, EncodeResult<'sinusoidal'>>(true)
const [rows, cols] = sin.data.shape
const first: number = sin.data[0 * cols + 1]
const layout: 'interleaved' | 'concat' = sin.layout
const spacing: 'paper' | 'endpoint' = sin.spacing
const sinBase: number = sin.base + sin.length + sin.dim + rows
const data: Float32Array = sin.data
void first, layout, spacing, sinBase, data
const learned = pe.encode({ scheme: 'learned', length: 8, dim: 4, seed: 3, maxLength: 16 })
const tableSize: number = learned.maxLength + learned.seed
void tableSize
const rnd = pe.encode({ scheme: 'random', length: 8, dim: 4, seed: 1 })
const rndSeed: number = rnd.seed
void rndSeed
const scheme = 'index' as 'index' | 'sinusoidal'
const either = pe.encode({ scheme, length: 4, dim: 2 })
if (either.scheme === 'sinusoidal') { const b: number = either.base; void b } // narrowed by scheme
const csv = pe.encode({ scheme: 'none', length: 2, dim: 2, format: 'csv' })
Is<typeof csv, string>(true)
const help = pe.encode({ help: true })
Is<typeof help, string>(true)
const fmt = 'json' as 'json' | 'csv'
const unknownFormat = pe.encode({ scheme: 'normalized', length: 2, dim: 2, format: fmt })
Is<typeof unknownFormat, EncodeResult | string>(true)

// relative, t5Bucket, alibi.
const rel = pe.relative({ length: 5, clip: 2 })
const relIndex: Int32Array = rel.index
const relShape: readonly number[] = rel.distance.shape
const relNumbers: number = rel.length + rel.unique + (rel.clip ?? -1) + rel.distance[0]
void relIndex, relShape, relNumbers
const relCsv: string = pe.relative({ length: 3, format: 'csv' })
void relCsv
const t5 = pe.t5Bucket({ positions: [-300, -2, 0, 5], numBuckets: 16, maxDistance: 64, causal: true })
const buckets: Float64Array = t5.buckets
const t5Fields: number = t5.positions[0] + t5.numBuckets + t5.maxDistance + (t5.causal ? 1 : 0)
void buckets, t5Fields
const t5Typed = pe.t5Bucket({ positions: new Int32Array([1, 2, 3]) })
void t5Typed.buckets.shape
const slopes = pe.alibi({ heads: 8 })
const m0: number = slopes.slopes[0] + slopes.heads
void m0
const alibi = pe.alibi({ heads: 8, length: 16, symmetric: true })
const biasShape: readonly [heads: number, query: number, key: number] = alibi.bias.shape
const alibiFields: number = alibi.length + (alibi.symmetric ? 1 : 0) + alibi.bias[0]
void biasShape, alibiFields
const alibiCsv: string = pe.alibi({ heads: 2, length: 3, format: 'csv' })
void alibiCsv

// RoPE: each scaling takes its own options.
const freqs = pe.ropeFreqs({ dim: 128, base: 500000, scaling: 'llama3', factor: 8, originalMaxLength: 8192,
  lowFreqFactor: 1, highFreqFactor: 4 })
const invFreq: Tensor<Float64Array> = freqs.invFreq
const period: number = freqs.wavelength[0] + freqs.attentionFactor + freqs.rotaryDim + freqs.dim + freqs.base
const scaling: RopeScaling = freqs.scaling
void invFreq, period, scaling
pe.ropeFreqs({ dim: 64, scaling: 'yarn', factor: 4, betaFast: 32, betaSlow: 1, partial: 0.5 })
pe.ropeFreqs({ dim: 64, scaling: 'dynamic', factor: 2, seqLen: 16384 })
pe.ropeFreqs({ dim: 64, scaling: 'linear', factor: 2 })
const rotated = pe.ropeApply({ pairing: 'interleaved', position: 7.5, vector: new Float32Array([1, 0, 0, 1]) })
const y: Float32Array = rotated.vector
const ropeFields: number = rotated.dim + rotated.rotaryDim + rotated.attentionFactor
const pairing: 'half' | 'interleaved' = rotated.pairing
const rotatedScaling: RopeScaling = rotated.scaling
void y, ropeFields, pairing, rotatedScaling
const decay = pe.ropeDecay({ dim: 64, maxDistance: 512, step: 8, base: 10000 })
const bound: number = decay.bound[0] + decay.distance[0] + decay.dim + decay.base
void bound

// fire, conv, metrics.
const fire = pe.fire({ length: 32, heads: 4, c: 0.1, threshold: 512, hidden: 32, eps: 1e-6, seed: 1 })
const masked: boolean = Number.isNaN(fire.bias[1]) // j > i
const fireFields: number = fire.input[0] + fire.length + fire.heads + fire.hidden + fire.c + fire.threshold +
  fire.eps + fire.seed
void masked, fireFields
const conv = pe.conv({ length: 16, dim: 4, kernel: 3, layers: 2, content: 'ones', seed: 0 })
const convArrays: Float32Array[] = [conv.weight, conv.bias, conv.input, conv.output, conv.signal, conv.interior,
  conv.distance]
const convFields: number = conv.length + conv.dim + conv.kernel + conv.layers + conv.seed
const content: 'word' | 'ones' = conv.content
void convArrays, convFields, content
const met = pe.metrics({ scheme: 'sinusoidal', length: 64, dim: 32, wordScale: 1 })
const [ci, cj] = met.uniqueness.closest
const metricNumbers: number = met.uniqueness.minDistance + ci + cj + met.consistency.maxChange +
  met.consistency.shorterLength + met.order.spread + met.small.maxAbs + met.small.normRatio + met.small.wordScale +
  met.extrapolation.length + met.cost.parameters + met.cost.storedValues + met.cost.transcendentalsPerToken +
  met.cost.addsPerToken + met.length + met.dim
const beyond: number | null = met.extrapolation.maxAbsBeyond
const why: string | null = met.extrapolation.error
const defined: boolean = met.extrapolation.defined
const metScheme: string = met.scheme
void metricNumbers, beyond, why, defined, metScheme

// similarity, embed: the echoed options follow the scheme, like encode's.
const simDot = pe.similarity({ scheme: 'sinusoidal', length: 32, dim: 16, base: 100 })
Is<typeof simDot, SimilarityResult<'sinusoidal'>>(true)
const simShape: readonly [query: number, key: number] = simDot.similarity.shape
const offsets: Float64Array[] = [simDot.byOffset.offset, simDot.byOffset.pairs, simDot.byOffset.mean,
  simDot.byOffset.min, simDot.byOffset.max]
const simFields: number = simDot.base + simDot.length + simDot.dim + simDot.similarity[0]
const measure: SimilarityMeasure = simDot.measure
void simShape, offsets, simFields, measure
const simCos = pe.similarity({ scheme: 'random', length: 16, dim: 64, seed: 2, measure: 'cosine' })
const simSeed: number = simCos.seed
void simSeed
const simCsv: string = pe.similarity({ scheme: 'index', length: 3, dim: 2, format: 'csv' })
void simCsv
const emb = pe.embed({ scheme: 'index', length: 8, dim: 4, wordScale: 0.02, wordSeed: 1 })
Is<typeof emb, EmbedResult<'index'>>(true)
const embArrays: Float32Array[] = [emb.word, emb.position, emb.sum, emb.normRatio, emb.cosine]
const embFields: number = emb.wordScale + emb.wordSeed + emb.length + emb.dim
const ratioShape: readonly [length: number] = emb.normRatio.shape
void embArrays, embFields, ratioShape
const embLearned = pe.embed({ scheme: 'learned', length: 4, dim: 2, maxLength: 8 })
const embTable: number = embLearned.maxLength + embLearned.seed
void embTable
const embCsv: string = pe.embed({ scheme: 'none', length: 2, dim: 2, format: 'csv' })
void embCsv

// attention: weights, scores and q/k/v are there exactly when asked for.
const att = pe.attention({ scheme: 'alibi', length: 8, heads: 2, dim: 4, causal: true, weights: true })
const w: Float32Array = att.weights
const out: readonly [heads: number, length: number, dim: number] = att.output.shape
void w, out
const full = pe.attention({ scheme: 'rope', length: 8, heads: 2, dim: 8, pairing: 'interleaved', scaling: 'yarn',
  factor: 2, offset: 100, seed: 7, permute: [7, 6, 5, 4, 3, 2, 1, 0], weights: true, scores: true, inputs: true })
const all: Float32Array[] = [full.output, full.weights, full.scores, full.q, full.k, full.v]
void all
const plain = pe.attention({ scheme: 't5', length: 4, heads: 1, dim: 2, numBuckets: 8, maxDistance: 16, initStd: 0.5 })
Is<keyof typeof plain, 'output'>(true)
const wantWeights = Math.random() > 0.5
const maybe = pe.attention({ scheme: 'fire', length: 4, heads: 1, dim: 2, c: 0.1, hidden: 8, weights: wantWeights })
const maybeWeights: Float32Array | undefined = maybe.weights
void maybeWeights
pe.attention({ scheme: 'relative-bias', length: 4, heads: 1, dim: 2, clip: 2 })
pe.attention({ scheme: 'sinusoidal', length: 4, heads: 1, dim: 2, layout: 'concat', base: 100 })
pe.attention({ scheme: 'learned', length: 4, heads: 1, dim: 2, maxLength: 8 })
const s = 'none' as AttentionScheme
pe.attention({ scheme: s, length: 4, heads: 1, dim: 2 }) // a scheme known at run time, common options only
const attentionHelp: string = pe.attention({ help: true })
void attentionHelp

// Errors: the CLI's line, and which option.
try {
  pe.encode({ scheme: 'index', length: 0, dim: 4 })
} catch (e) {
  if (e instanceof PosencError || e instanceof pe.PosencError) {
    const where: CommandName = e.command
    const parts: string = `${e.message} ${e.argument} ${e.got} ${e.allowed} ${e.name}`
    void where, parts
  }
}

// train and trainer: the lab's run, whole or step by step.
const run = pe.train({ scheme: 'alibi', task: 'reverse', trainLength: 8, evalLengths: [8, 16], steps: 50, seed: 1 })
Is<typeof run, TrainResult>(true)
const lastLoss: number = run.loss[run.loss.length - 1] + run.loss.shape[0] + run.seconds + run.trainLength
const at16: number | null = run.accuracy['16']
const trainScheme: TrainScheme = run.scheme
void lastLoss, at16, trainScheme
const t: Trainer = pe.trainer({ scheme: 'rope', steps: 400 })
while (!t.done) {
  const losses: Float32Array = t.step(25)
  const progress: number = t.stepsDone / t.steps
  void losses, progress
}
const fromTrainer: TrainResult = t.result()
void fromTrainer
t.delete()
