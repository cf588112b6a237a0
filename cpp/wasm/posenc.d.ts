// posenc.d.ts: the TypeScript declarations of the posenc JS API (api.js).
// Hand-written: Emscripten 3.1.6 cannot emit them. Held to the real module by
// tests/wasm/types.test.mjs (a usage example must compile, misuse must not).
//
// Every command of the CLI is a function, named in camelCase, taking the CLI's
// options in camelCase (`posenc rope-freqs --seq-len 9` = `pe.ropeFreqs({seqLen: 9})`)
// and returning the CLI's JSON document with camelCase keys, every array a typed
// array the caller owns, with a `shape`. `help: true` and `format: 'csv'` return
// the CLI's text instead. Bad input throws a PosencError; the module stays usable.
//
//   import { load } from 'posenc'
//   const pe = await load()
//   const { data } = pe.encode({ scheme: 'sinusoidal', length: 64, dim: 128 })
//   data[i * 128 + k]   // position i, dimension k; data.shape = [64, 128]

/** The browser global of `<script src="posenc.js">`: `posenc.load()`. */
export as namespace posenc;

// ---------------------------------------------------------------- values

/** A row-major typed array with its dimensions; masked entries (the CLI's null) are NaN. */
export type Tensor<T extends TypedArray = Float32Array, S extends readonly number[] = readonly number[]> = T & {
  /** The dimensions, outermost first; their product is `length`. */
  readonly shape: S
}

/** The typed arrays results use: Float32Array (float tensors), Float64Array (double or integer vectors), Int32Array (int matrices). */
export type TypedArray = Float32Array | Float64Array | Int32Array

/** A list option (`--vector 1,2,3`): an array or a typed array of numbers. */
export type NumberList =
  | readonly number[]
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array

/** An option that is not allowed in this combination (the CLI would reject it). */
type Without<K extends string> = { [P in K]?: undefined }

/** The command names, in camelCase (`t5Bucket` is `posenc t5-bucket`). */
export type CommandName =
  | 'encode' | 'relative' | 't5Bucket' | 'alibi' | 'ropeFreqs' | 'ropeApply' | 'ropeDecay'
  | 'fire' | 'conv' | 'metrics' | 'attention' | 'similarity' | 'embed' | 'train'

/** One option of a command, as `posenc <command> --help` lists it. */
export interface OptionInfo {
  /** The option's name in camelCase (`maxLength`). */
  readonly name: string
  /** Its metavariable in the help text (`L`); empty for a flag. */
  readonly value: string
  /** Its help line: meaning, range, default. */
  readonly help: string
  /** True for a flag (an option without a value: pass true or false). */
  readonly flag: boolean
}

// ---------------------------------------------------------------- calls

/** Any command with `help: true`: the help text; other options are not read. */
export type HelpOptions<O> = { help: true } & Partial<O>

/** `format` of the commands that print CSV: 'json' (default) returns an object, 'csv' the CSV text. */
export type Format = 'json' | 'csv'

/** A command without --format: `(options) => result`, or the help text. */
export interface Command<O, R> {
  /** The help text, as `posenc <command> --help` prints it. */
  (options: HelpOptions<O>): string
  (options: O & { help?: false }): R
  /** With a `help` known only at run time: the result or the help text. */
  (options: O & { help?: boolean }): R | string
  /** The command's options, in the order of its help text. */
  readonly options: readonly OptionInfo[]
}

/** A command with --format: `format: 'csv'` returns the CSV text, the default 'json' the result. */
export interface FormattedCommand<O extends { format?: Format }, R> {
  /** The help text, as `posenc <command> --help` prints it. */
  (options: HelpOptions<O>): string
  /** The CSV text, as `posenc <command> --format csv` prints it. */
  (options: O & { format: 'csv'; help?: false }): string
  (options: O & { format?: 'json'; help?: false }): R
  /** With `format` or `help` known only at run time: the result or the text. */
  (options: O & { help?: boolean }): R | string
  /** The command's options, in the order of its help text. */
  readonly options: readonly OptionInfo[]
}

// ---------------------------------------------------------------- encode, metrics

/** The absolute schemes: NoPE, the naive ones, a learned table, Vaswani's sinusoids. */
export type EncodeScheme = 'none' | 'index' | 'normalized' | 'random' | 'learned' | 'sinusoidal'
/** Sinusoid layout: 'interleaved' (the paper: sin, cos, sin, cos) or 'concat' ([sin | cos]). */
export type SinusoidLayout = 'interleaved' | 'concat'
/** Sinusoid frequencies: 'paper' (base^(-2i/D)) or 'endpoint' (tensor2tensor/fairseq: the last is 1/base). */
export type Spacing = 'paper' | 'endpoint'

/** The options every scheme of `encode` takes. */
interface EncodeCommonOptions {
  /** Number of positions, 0..L-1 (required; 1..1048576). */
  length: number
  /** Model width D (required; 1..65536). */
  dim: number
  /** 'json' (default) or 'csv' (position,d0,d1,...). */
  format?: Format
}
/** `encode` options of 'none', 'index' and 'normalized': no scheme options. */
export interface PlainEncodeOptions extends EncodeCommonOptions, Without<'layout' | 'spacing' | 'base' | 'seed' | 'maxLength'> {
  scheme: 'none' | 'index' | 'normalized'
}
/** `encode` options of 'random': a seeded N(0, 1) table. */
export interface RandomEncodeOptions extends EncodeCommonOptions, Without<'layout' | 'spacing' | 'base' | 'maxLength'> {
  scheme: 'random'
  /** Seed of the generator, 0..2^53-1 (default 0). */
  seed?: number
}
/** `encode` options of 'learned': a seeded table of L_max rows (GPT-2's init: N(0, 0.02^2)). */
export interface LearnedEncodeOptions extends EncodeCommonOptions, Without<'layout' | 'spacing' | 'base'> {
  scheme: 'learned'
  /** Seed of the generator, 0..2^53-1 (default 0). */
  seed?: number
  /** Table size L_max; L > L_max is an error (default L). */
  maxLength?: number
}
/** `encode` options of 'sinusoidal'. */
export interface SinusoidalEncodeOptions extends EncodeCommonOptions, Without<'seed' | 'maxLength'> {
  scheme: 'sinusoidal'
  /** Default 'interleaved'. */
  layout?: SinusoidLayout
  /** Default 'paper'. */
  spacing?: Spacing
  /** Wavelength base, > 1 (default 10000). */
  base?: number
}
/**
 * Options of `encode` (`posenc encode`), told apart by `scheme`: an option of
 * another scheme (`base` with 'random') is a type error, as the CLI rejects it.
 */
export type EncodeOptions = PlainEncodeOptions | RandomEncodeOptions | LearnedEncodeOptions | SinusoidalEncodeOptions

/** What every `encode` result holds. */
interface EncodeResultBase<S extends EncodeScheme> {
  scheme: S
  /** L. */
  length: number
  /** D. */
  dim: number
  /** The L x D matrix: row i is the vector added at position i. */
  data: Tensor<Float32Array, readonly [length: number, dim: number]>
}
/** `encode` result of a random table. */
export interface RandomEncodeResult extends EncodeResultBase<'random'> {
  seed: number
}
/** `encode` result of a learned table (GPT-2's N(0, 0.02^2) init, seeded). */
export interface LearnedEncodeResult extends EncodeResultBase<'learned'> {
  seed: number
  /** The table size L_max. */
  maxLength: number
}
/** `encode` result of the sinusoids: PE(i, 2k) = sin(i w_k), PE(i, 2k+1) = cos(i w_k) (interleaved). */
export interface SinusoidalEncodeResult extends EncodeResultBase<'sinusoidal'> {
  layout: SinusoidLayout
  spacing: Spacing
  base: number
}
/** The `encode` result of each scheme. */
export interface EncodeResults {
  none: EncodeResultBase<'none'>
  index: EncodeResultBase<'index'>
  normalized: EncodeResultBase<'normalized'>
  random: RandomEncodeResult
  learned: LearnedEncodeResult
  sinusoidal: SinusoidalEncodeResult
}
/** The `encode` result for scheme S (a union, told apart by `scheme`, when S is). */
export type EncodeResult<S extends EncodeScheme = EncodeScheme> = EncodeResults[S]

/** `encode`: the result's keys follow the scheme. */
export interface EncodeCommand extends FormattedCommand<EncodeOptions, EncodeResult> {
  <S extends EncodeScheme>(options: EncodeOptions & { scheme: S; format?: 'json'; help?: false }): EncodeResult<S>
}

/** Options of `metrics`: an absolute scheme's encoding options (length 2..4096:
 * pairwise distances are O(L^2 D)), the word scale, and format 'csv' (metric,value). */
export type MetricsOptions = EncodeOptions & {
  /** Std of the word embeddings compared against, > 0 (default 1, nn.Embedding's init). */
  wordScale?: number
}

/** `metrics`: the requirements of a positional encoding, measured. */
export interface MetricsResult {
  scheme: EncodeScheme
  length: number
  dim: number
  /** Every position distinct: the smallest distance between two rows, and which rows. */
  uniqueness: { minDistance: number; closest: [i: number, j: number] }
  /** Same position, same vector at another length: the largest change, against length (L + 1) / 2. */
  consistency: { maxChange: number; shorterLength: number }
  /** Distance depends on offset only: the spread of ||PE(i+k) - PE(i)|| over i. */
  order: { spread: number }
  /** Values small next to word embeddings: max |PE|, mean row norm / word norm, and the word std used. */
  small: { maxAbs: number; normRatio: number; wordScale: number }
  /** Defined beyond L (at 2L)? Then maxAbsBeyond is set and error null; else the reverse. */
  extrapolation: { defined: boolean; length: number; maxAbsBeyond: number | null; error: string | null }
  /** Trained parameters, stored values, transcendentals and adds per token. */
  cost: { parameters: number; storedValues: number; transcendentalsPerToken: number; addsPerToken: number }
}

// ---------------------------------------------------------------- similarity, embed

/** What a result echoes of its encoding options: `encode`'s result for scheme S without `data`. */
export type EncodeEcho<S extends EncodeScheme = EncodeScheme> = S extends unknown ? Omit<EncodeResults[S], 'data'> : never

/** 'dot': <p_i, p_j>; 'cosine': <p_i, p_j> / (||p_i|| ||p_j||), NaN where a row is zero. */
export type SimilarityMeasure = 'dot' | 'cosine'

/** Options of `similarity`: an absolute scheme's encoding options (length 2..4096: L x L
 * output, O(L^2 D) work), the measure, and format 'csv' (i,j0,j1,...: the matrix). */
export type SimilarityOptions = EncodeOptions & {
  /** Default 'dot'. */
  measure?: SimilarityMeasure
}

/** `similarity` for scheme S: S[i][j] for every two positions, and its statistics per offset. */
export type SimilarityResult<S extends EncodeScheme = EncodeScheme> = EncodeEcho<S> & {
  measure: SimilarityMeasure
  /** The L x L matrix S[i][j] (exactly symmetric); NaN: a cosine with a zero row (`none`, row 0 of `index`). */
  similarity: Tensor<Float32Array, readonly [query: number, key: number]>
  /** Per offset k = j - i (key minus query), from -(L-1) to L-1: S over the pairs (i, i + k), in double. */
  byOffset: {
    /** The offsets k, -(L-1)..L-1 (2L - 1 of them). */
    offset: Tensor<Float64Array, readonly [offsets: number]>
    /** Pairs with a defined S at offset k: L - |k| for 'dot', fewer where a cosine is NaN. */
    pairs: Tensor<Float64Array, readonly [offsets: number]>
    /** Mean, min, max of S at offset k; NaN where no pair is defined. Sinusoids: min = max (S depends on k only). */
    mean: Tensor<Float64Array, readonly [offsets: number]>
    min: Tensor<Float64Array, readonly [offsets: number]>
    max: Tensor<Float64Array, readonly [offsets: number]>
  }
}

/** `similarity`: the result's keys follow the scheme. */
export interface SimilarityCommand extends FormattedCommand<SimilarityOptions, SimilarityResult> {
  <S extends EncodeScheme>(options: SimilarityOptions & { scheme: S; format?: 'json'; help?: false }): SimilarityResult<S>
}

/** Options of `embed`: an absolute scheme's encoding options (3 x L x D output at most
 * 1 GiB), the word vectors' std and seed, and format 'csv' (i,d,word,position,sum). */
export type EmbedOptions = EncodeOptions & {
  /** Std s of the word vectors w_i ~ N(0, s^2), in (0, 1e6] (default 1, nn.Embedding's init). */
  wordScale?: number
  /** Seed of the word vectors, 0..2^53-1 (default 0); independent of the scheme's `seed`. */
  wordSeed?: number
}

/** `embed` for scheme S: one word per position, its encoding, and their sum. */
export type EmbedResult<S extends EncodeScheme = EncodeScheme> = EncodeEcho<S> & {
  wordScale: number
  wordSeed: number
  /** w_i, L x D, i.i.d. N(0, s^2). */
  word: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** p_i, L x D: `encode`'s data for the same options. */
  position: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** e_i = w_i + p_i, L x D. */
  sum: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** ||p_i|| / ||w_i|| per position (0 for 'none'; grows like i / s for 'index'). */
  normRatio: Tensor<Float32Array, readonly [length: number]>
  /** cos(e_i, w_i) per position: near 1 while the word survives the sum, toward 0 when the position swamps it. */
  cosine: Tensor<Float32Array, readonly [length: number]>
}

/** `embed`: the result's keys follow the scheme. */
export interface EmbedCommand extends FormattedCommand<EmbedOptions, EmbedResult> {
  <S extends EncodeScheme>(options: EmbedOptions & { scheme: S; format?: 'json'; help?: false }): EmbedResult<S>
}

// ---------------------------------------------------------------- relative, t5Bucket, alibi

/** Options of `relative`. */
export interface RelativeOptions {
  /** Number of positions (required; 1..1048576; L x L output). */
  length: number
  /** Shaw's clipping distance k >= 0: index = clip(j - i, -k, k) + k; without it, index = j - i + L - 1. */
  clip?: number
  /** 'json' (default) or 'csv' (i,j,distance,index). */
  format?: Format
}
/** `relative`: relative positions and Shaw et al.'s table indices. */
export interface RelativeResult {
  length: number
  /** The clipping distance; present only when `clip` was given. */
  clip?: number
  /** distance[i][j] = j - i (key minus query), L x L. */
  distance: Tensor<Int32Array, readonly [query: number, key: number]>
  /** The table row each (i, j) reads, L x L. */
  index: Tensor<Int32Array, readonly [query: number, key: number]>
  /** How many distinct indices (table rows): 2k + 1, or 2L - 1 unclipped. */
  unique: number
}

/** Options of `t5Bucket` (HF T5Attention._relative_position_bucket). */
export interface T5BucketOptions {
  /** Relative positions r = key - query (j - i) (required; |r| <= 2^40). */
  positions: NumberList
  /** Buckets in all (default 32); bidirectional: even, >= 4 (B/2 per side); causal: >= 2. */
  numBuckets?: number
  /** Distance where the last bucket starts, > max_exact = B/4 (B/2 causal) (default 128). */
  maxDistance?: number
  /** Decoder buckets: only r <= 0 is resolved, every r > 0 is bucket 0 (default false: bidirectional). */
  causal?: boolean
  /** 'json' (default) or 'csv' (position,bucket). */
  format?: Format
}
/** `t5Bucket`: one bucket per relative position. */
export interface T5BucketResult {
  numBuckets: number
  maxDistance: number
  causal: boolean
  /** The relative positions asked for (exact to 2^53). */
  positions: Tensor<Float64Array, readonly [n: number]>
  /** buckets[n]: the bucket of positions[n], 0..numBuckets-1. */
  buckets: Tensor<Float64Array, readonly [n: number]>
}

/** Options of `alibi`. */
export type AlibiOptions = {
  /** Number of heads (required; 1..1024); slopes follow the reference get_slopes rule. */
  heads: number
  /** 'json' (default) or 'csv' (head,slope; with length: head,i,j,bias, masked empty). */
  format?: Format
} & (
  | {
      /** Also output bias[h][i][j] for positions 0..L-1 (1..1048576; H x L x L output). */
      length: number
      /** Bias -m |i - j| everywhere instead of the causal -m (i - j), NaN for j > i (default false). */
      symmetric?: boolean
    }
  | { length?: undefined; symmetric?: false }
)
/** `alibi` without `length`: the slopes m_h = 2^(-8(h+1)/H), h = 0..H-1, for H a power of two. */
export interface AlibiSlopesResult {
  heads: number
  /** The slope m_h of each head, largest first. */
  slopes: Tensor<Float64Array, readonly [heads: number]>
}
/** `alibi` with `length`: the slopes and the biases. */
export interface AlibiBiasResult extends AlibiSlopesResult {
  length: number
  symmetric: boolean
  /** bias[h][i][j] = -m_h (i - j) for j <= i, NaN (masked) for j > i; symmetric: -m_h |i - j|. */
  bias: Tensor<Float32Array, readonly [heads: number, query: number, key: number]>
}
/** `alibi`: the bias is there exactly when `length` is given. */
export interface AlibiCommand extends FormattedCommand<AlibiOptions, AlibiSlopesResult | AlibiBiasResult> {
  (options: AlibiOptions & { length: number; format?: 'json'; help?: false }): AlibiBiasResult
  (options: AlibiOptions & { length?: undefined; format?: 'json'; help?: false }): AlibiSlopesResult
}

// ---------------------------------------------------------------- RoPE

/** RoPE pairing: 'half' (GPT-NeoX, HF rotate_half: x_k with x_{k+d/2}) or 'interleaved' (RoFormer, GPT-J, Meta Llama: x_2k with x_2k+1). */
export type RopePairing = 'half' | 'interleaved'
/** HF's RoPE context-extension scalings; 'default' is none. */
export type RopeScaling = 'default' | 'linear' | 'ntk' | 'dynamic' | 'yarn' | 'llama3'

/** The options each scaling reads beyond base and partial. */
type ScalingKeys = 'factor' | 'originalMaxLength' | 'seqLen' | 'betaFast' | 'betaSlow' | 'lowFreqFactor' | 'highFreqFactor'

/** The RoPE frequency options; each scaling takes only its own (factor is required unless 'default'). */
export type RopeFrequencyOptions = {
  /** RoPE base (HF rope_theta), > 1 (default 10000): theta_k = base^(-2k/d). */
  base?: number
  /** Rotary fraction in (0, 1]; int(d * partial) must be even; the rest passes through (default 1). */
  partial?: number
} & (
  | ({ /** Default 'default' (unscaled). */ scaling?: 'default' } & Without<ScalingKeys>)
  | ({
      /** 'linear': positions / factor; 'ntk': base * factor^(d/(d-2)). */
      scaling: 'linear' | 'ntk'
      /** Scaling factor >= 1 (required). */
      factor: number
    } & Without<Exclude<ScalingKeys, 'factor'>>)
  | ({
      /** 'dynamic': NTK with factor (factor seqLen / M) - (factor - 1), once seqLen > M. */
      scaling: 'dynamic'
      /** Scaling factor >= 1 (required). */
      factor: number
      /** Pretraining context length M (default 8192). */
      originalMaxLength?: number
      /** Current sequence length; <= M means unscaled (default 1). */
      seqLen?: number
    } & Without<'betaFast' | 'betaSlow' | 'lowFreqFactor' | 'highFreqFactor'>)
  | ({
      /** 'yarn': NTK-by-parts interpolation and an attention factor 0.1 ln(factor) + 1. */
      scaling: 'yarn'
      /** Scaling factor >= 1 (required). */
      factor: number
      /** Pretraining context length (default 8192). */
      originalMaxLength?: number
      /** Rotations where the ramp starts, > betaSlow (default 32). */
      betaFast?: number
      /** Rotations where the ramp ends, > 0 (default 1). */
      betaSlow?: number
    } & Without<'seqLen' | 'lowFreqFactor' | 'highFreqFactor'>)
  | ({
      /** 'llama3': Meta's piecewise rule (long wavelengths / factor, short ones kept, smooth between). */
      scaling: 'llama3'
      /** Scaling factor >= 1 (required). */
      factor: number
      /** Pretraining context length (default 8192). */
      originalMaxLength?: number
      /** < highFreqFactor (default 1). */
      lowFreqFactor?: number
      /** Default 4. */
      highFreqFactor?: number
    } & Without<'seqLen' | 'betaFast' | 'betaSlow'>)
)

/** Options of `ropeFreqs`. */
export type RopeFreqsOptions = RopeFrequencyOptions & {
  /** Head width d (required; 2..65536). */
  dim: number
  /** 'json' (default) or 'csv' (index,inv_freq,wavelength). */
  format?: Format
}
/** `ropeFreqs`: the inverse frequencies of one head. */
export interface RopeFreqsResult {
  scaling: RopeScaling
  /** d. */
  dim: number
  /** The rotated width, int(d * partial); the rest passes through. */
  rotaryDim: number
  base: number
  /** theta_k = base^(-2k/rotaryDim), k = 0..rotaryDim/2-1, after the scaling. */
  invFreq: Tensor<Float64Array, readonly [pairs: number]>
  /** 2 pi / theta_k: positions per full turn. */
  wavelength: Tensor<Float64Array, readonly [pairs: number]>
  /** Multiplies q and k (yarn: 0.1 ln(factor) + 1; else 1). */
  attentionFactor: number
}

/** Options of `ropeApply`. */
export type RopeApplyOptions = RopeFrequencyOptions & {
  /** Which dimensions rotate together (required). */
  pairing: RopePairing
  /** Position m, any real with |m| <= 2^40 (required). */
  position: number
  /** x_0..x_{d-1}; d = its length (required). */
  vector: NumberList
}
/** `ropeApply`: R_m x, one vector rotated to position m. */
export interface RopeApplyResult {
  pairing: RopePairing
  scaling: RopeScaling
  /** d. */
  dim: number
  /** The rotated width; dims past it pass through. */
  rotaryDim: number
  /** HF's factor for q and k (yarn: 0.1 ln(factor) + 1; else 1); not applied to `vector`. */
  attentionFactor: number
  /** The rotated vector R_m x. */
  vector: Tensor<Float32Array, readonly [dim: number]>
}

/** Options of `ropeDecay` (RoFormer section 3.4.3). */
export interface RopeDecayOptions {
  /** Head width d, even (required; 2..65536). */
  dim: number
  /** RoPE base, > 1 (default 10000). */
  base?: number
  /** Largest relative distance (required; integer >= 0). */
  maxDistance: number
  /** Distance step (integer >= 1; default 1). */
  step?: number
  /** 'json' (default) or 'csv' (distance,bound). */
  format?: Format
}
/** `ropeDecay`: RoFormer's long-term decay bound (figure 2). */
export interface RopeDecayResult {
  dim: number
  base: number
  /** r = 0, step, ... <= maxDistance. */
  distance: Tensor<Float64Array, readonly [n: number]>
  /** (2/d) sum_j |sum_{k<j} e^{i r theta_k}| at each distance. */
  bound: Tensor<Float64Array, readonly [n: number]>
}

// ---------------------------------------------------------------- fire, conv

/** Options of `fire` (Li et al., ICLR 2024). */
export interface FireOptions {
  /** Number of positions (required; 1..1048576). */
  length: number
  /** Number of heads, one bias matrix each (required; 1..1024). */
  heads: number
  /** psi(x) = log(c x + 1): scale c > 0 (default 0.1, the paper's init). */
  c?: number
  /** L_thr: the normalizer is psi(max(i, L_thr)); >= 1 (default 512). */
  threshold?: number
  /** MLP width: Linear(1, W), ReLU, Linear(W, H) (default 32; 1..4096). */
  hidden?: number
  /** Added to the normalizer, in [0, 1] (default 0; the paper's code uses 1e-6). */
  eps?: number
  /** Seed of the MLP weights, PyTorch nn.Linear init (default 0). */
  seed?: number
  /** 'json' (default) or 'csv' (head,i,j,input,bias; masked entries empty). */
  format?: Format
}
/** `fire`: the normalized input and its MLP bias. */
export interface FireResult {
  length: number
  heads: number
  hidden: number
  c: number
  threshold: number
  eps: number
  seed: number
  /** u(i, j) = psi(i - j) / (psi(max(i, L_thr)) + eps), L x L; NaN for j > i. */
  input: Tensor<Float32Array, readonly [query: number, key: number]>
  /** bias[h][i][j] = MLP(u(i, j))[h] for j <= i, NaN (masked) for j > i. */
  bias: Tensor<Float32Array, readonly [heads: number, query: number, key: number]>
}

/** What every position of `conv`'s input holds. */
export type ConvContent = 'word' | 'ones'
/** Options of `conv` (CPVT's PEG in 1-D). */
export interface ConvOptions {
  /** Number of positions (required; 1..1048576). */
  length: number
  /** Model width = channels (required; 1..65536). */
  dim: number
  /** Kernel size K, odd (default 3; 1..1023). */
  kernel?: number
  /** How many times the layer is applied, same weights (default 1; 1..256). */
  layers?: number
  /** 'word' (one seeded vector, U[-1, 1)) or 'ones' (default 'word'). */
  content?: ConvContent
  /** Seed of the conv weights (N(0, 2/K), bias 0) and of the word vector (default 0). */
  seed?: number
  /** 'json' (default) or 'csv' (the output matrix). */
  format?: Format
}
/** `conv`: x + depthwise_conv(x) with zero padding; position shows only near the edges. */
export interface ConvResult {
  length: number
  dim: number
  kernel: number
  layers: number
  seed: number
  content: ConvContent
  /** Depthwise kernel, D x K. */
  weight: Tensor<Float32Array, readonly [dim: number, kernel: number]>
  /** Per-channel bias, D. */
  bias: Tensor<Float32Array, readonly [dim: number]>
  /** The position-free input, L x D (every row the same). */
  input: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** After the layers, L x D. */
  output: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** output - input: what the layers added, L x D. */
  signal: Tensor<Float32Array, readonly [length: number, dim: number]>
  /** The output of an interior position (no padding in reach), D. */
  interior: Tensor<Float32Array, readonly [dim: number]>
  /** ||output[i] - interior||_2 per position: 0 away from the edges. */
  distance: Tensor<Float32Array, readonly [length: number]>
}

// ---------------------------------------------------------------- attention

/** Position schemes in attention ('relative': Shaw's keys and values; 'relative-bias': a learned scalar per clipped distance). */
export type AttentionScheme = 'none' | 'rope' | 'alibi' | 't5' | 'fire' | 'relative' | 'relative-bias' | EncodeScheme

/** The options only some schemes read. */
type SchemeKeys =
  | 'pairing' | 'base' | 'partial' | 'scaling' | ScalingKeys
  | 'numBuckets' | 'maxDistance' | 'initStd' | 'c' | 'threshold' | 'eps' | 'hidden' | 'clip'
  | 'layout' | 'spacing' | 'maxLength'
type RopeKeys = 'pairing' | 'base' | 'partial' | 'scaling' | ScalingKeys

/** Options of every attention scheme. */
export interface AttentionCommonOptions {
  /** Sequence length: queries and keys at positions P..P+L-1 (required; 1..1048576). */
  length: number
  /** Number of heads (required; 1..1024). */
  heads: number
  /** Head width of q, k, v (required; 1..65536; rope: rotary width even). */
  dim: number
  /** Mask keys after the query (pk > pq); t5: causal buckets (default false). */
  causal?: boolean
  /** Shift every query and key position by P (default 0; P + L - 1 <= 2^40). */
  offset?: number
  /** Seed of Q, K, V (N(0, 1)) and of the scheme's tables, 0..2^53-1 (default 0). */
  seed?: number
  /** Tokens in the order p_0..p_{L-1} (a permutation of 0..L-1); positions stay in order. */
  permute?: NumberList
  /** Also output the softmax weights, [H][L][L] (at most 1 GiB). */
  weights?: boolean
  /** Also output the logits before the softmax, [H][L][L]; masked entries NaN. */
  scores?: boolean
  /** Also output q, k, v, [H][L][d] each (after permute and an absolute encoding, before RoPE). */
  inputs?: boolean
}

/** The scheme and the options it reads; another scheme's option is an error. */
export type AttentionSchemeOptions =
  | ({ scheme: 'none' | 'alibi' | 'index' | 'normalized' | 'random' } & Without<SchemeKeys>)
  /** Any scheme, with the common options only (the scheme known at run time). */
  | ({ scheme: AttentionScheme } & Without<SchemeKeys>)
  | ({
      scheme: 'rope'
      /** Default 'half'. */
      pairing?: RopePairing
    } & RopeFrequencyOptions & Without<Exclude<SchemeKeys, RopeKeys>>)
  | ({
      scheme: 't5'
      /** Buckets in all (default 32); bidirectional: even, >= 4; causal: >= 2. */
      numBuckets?: number
      /** Distance where the last bucket starts (default 128). */
      maxDistance?: number
      /** Std of the seeded bucket table, in (0, 10] (default 1). */
      initStd?: number
    } & Without<Exclude<SchemeKeys, 'numBuckets' | 'maxDistance' | 'initStd'>>)
  | ({
      scheme: 'fire'
      /** psi(x) = log(c x + 1), c > 0 (default 0.1). */
      c?: number
      /** L_thr: the normalizer is psi(max(i, L_thr)); >= 1 (default 512). */
      threshold?: number
      /** Added to the normalizer, in [0, 1] (default 0). */
      eps?: number
      /** MLP width, 1..4096 (default 32). */
      hidden?: number
    } & Without<Exclude<SchemeKeys, 'c' | 'threshold' | 'eps' | 'hidden'>>)
  | ({
      scheme: 'relative' | 'relative-bias'
      /** Clip distances to [-K, K], 0..1048576 (default 16). */
      clip?: number
      /** Std of the seeded tables, in (0, 10] (default 1). */
      initStd?: number
    } & Without<Exclude<SchemeKeys, 'clip' | 'initStd'>>)
  | ({
      scheme: 'sinusoidal'
      /** Default 'interleaved'. */
      layout?: SinusoidLayout
      /** Default 'paper'. */
      spacing?: Spacing
      /** Wavelength base, > 1 (default 10000). */
      base?: number
    } & Without<Exclude<SchemeKeys, 'layout' | 'spacing' | 'base'>>)
  | ({
      scheme: 'learned'
      /** Table size; P + L > maxLength is an error (default P + L). */
      maxLength?: number
    } & Without<Exclude<SchemeKeys, 'maxLength'>>)

/** Options of `attention`. */
export type AttentionOptions = AttentionCommonOptions & AttentionSchemeOptions

/** An [H][L][L] tensor: one row per query, one column per key. */
export type HeadSquare = Tensor<Float32Array, readonly [heads: number, query: number, key: number]>
/** An [H][L][d] tensor: one row per position. */
export type HeadRows = Tensor<Float32Array, readonly [heads: number, length: number, dim: number]>

/** Present when its flag is true, absent when false, maybe present when unknown. */
type IfFlag<F extends boolean, T> = [F] extends [false] ? {} : [F] extends [true] ? T : Partial<T>

/** `attention`: output always; weights, scores, q/k/v exactly when asked for. */
export type AttentionResult<W extends boolean = boolean, S extends boolean = boolean, I extends boolean = boolean> = {
  /** softmax(q k^T / sqrt(d) + bias) v per head. */
  output: HeadRows
} & IfFlag<W, {
  /** The softmax weights; masked entries 0. */
  weights: HeadSquare
}> & IfFlag<S, {
  /** The logits before the softmax; masked entries NaN. */
  scores: HeadSquare
}> & IfFlag<I, {
  /** Queries, keys, values as attention got them (after permute and an absolute encoding, before RoPE). */
  q: HeadRows
  k: HeadRows
  v: HeadRows
}>

/** `attention`: the result's keys follow the weights, scores and inputs flags. */
export interface AttentionCommand extends Command<AttentionOptions, AttentionResult> {
  <W extends boolean = false, S extends boolean = false, I extends boolean = false>(
    options: AttentionOptions & { weights?: W; scores?: S; inputs?: I; help?: false }
  ): AttentionResult<W, S, I>
}

// ---------------------------------------------------------------- train

/** How the lab's model knows positions ('learned': a table of 2 trainLength rows, it cannot run beyond). */
export type TrainScheme = 'none' | 'learned' | 'sinusoidal' | 'rope' | 'alibi' | 't5' | 'fire'
/** 'copy': repeat the content after a separator; 'reverse': write it backwards. */
export type TrainTask = 'copy' | 'reverse'

/** Options of `train` and `trainer` (`posenc train`); lengths count content tokens (an example of n is 2n + 1 tokens). */
export interface TrainOptions {
  /** The position scheme (required). */
  scheme: TrainScheme
  /** Default 'copy'. */
  task?: TrainTask
  /** L_train: content lengths 1..L are sampled while training (default 8; 1..64). */
  trainLength?: number
  /** Content lengths to evaluate, 1..512 each, at most 16 (default L, 2L, 4L, 8L). */
  evalLengths?: NumberList
  /** AdamW steps, one fresh batch each (default 1600; 0..100000). */
  steps?: number
  /** Seed of the weights, the batches and the held-out sets, 0..2^53-1 (default 0). */
  seed?: number
  /** Transformer layers (default 2; 1..4). */
  layers?: number
  /** Model width D (default 32; 2..256). */
  dim?: number
  /** Attention heads, a divisor of dim; rope: dim / heads even (default 4; 1..16). */
  heads?: number
  /** Examples per step (default 16; 1..1024). */
  batch?: number
  /** Peak learning rate in (0, 1]: 10% linear warm-up, cosine decay to 10% (default 0.003). */
  lr?: number
  /** AdamW's decoupled weight decay of the weight matrices, in [0, 1] (default 0.01). */
  weightDecay?: number
  /** Content symbols; the separator is one more token (default 16; 2..1024). */
  vocab?: number
  /** Held-out examples per evaluation length (default 32; 1..1024). */
  evalExamples?: number
}

/** `train`: the loss curve and the accuracy per evaluation length. */
export interface TrainResult {
  scheme: TrainScheme
  task: TrainTask
  trainLength: number
  /** Mean cross-entropy (nats) of each step's batch over its answer tokens, before the step's update. */
  loss: Tensor<Float32Array, readonly [steps: number]>
  /**
   * Per evaluation length (the key, in the order asked): the fraction of answer
   * tokens predicted exactly (argmax, teacher forcing) on a held-out set; null
   * where the model cannot run ('learned' beyond its table), never 0 for that.
   */
  accuracy: { [length: string]: number | null }
  /** Wall time of the steps and the evaluations, in seconds (differs run to run). */
  seconds: number
}

/** A `train` run step by step (`pe.trainer(options)`), e.g. in a Worker reporting progress. */
export interface Trainer {
  /** Steps configured. */
  readonly steps: number
  /** Steps run so far. */
  readonly stepsDone: number
  /** True once every configured step ran. */
  readonly done: boolean
  /** Runs n (an integer >= 0) more steps, never past `steps`; the losses of the steps run (fewer than n at the end). */
  step(n: number): Float32Array
  /** Evaluates at every evaluation length: what `pe.train(options)` returns (but `seconds`) once every step ran. */
  result(): TrainResult
  /** Frees the wasm object (safe twice); other calls throw after it. */
  delete(): void
}

// ---------------------------------------------------------------- the module

/** Bytes in use (diagnostics; a leak shows as heapInUse growing). */
export interface MemoryInfo {
  /** Bytes malloc holds in wasm memory. */
  heapInUse: number
  /** The size of wasm memory (it grows, never shrinks; at most 2 GiB). */
  memoryBytes: number
}

/**
 * Every size limit, as `posenc --limits` prints it (README: "Limits and
 * guarantees"). An option past its limit throws a PosencError naming it.
 */
export interface Limits {
  /** L, positions 0..L-1 (1,048,576). */
  readonly maxLength: number
  /** D, model or head width (65,536). */
  readonly maxDim: number
  /** H, heads (1,024). */
  readonly maxHeads: number
  /** One call's output as float32, in bytes (1 GiB). */
  readonly maxOutputBytes: number
  /** |m| of one position (2^40). */
  readonly maxPosition: number
  /** attention: largest absolute entry of q, k, v (1e12). */
  readonly maxAttentionInput: number
  /** embed, metrics: smallest wordScale (1e-30). */
  readonly minWordScale: number
  /** attention with scheme fire: smallest c (1e-30). */
  readonly minFireC: number
  /** --seed (2^53 - 1). */
  readonly maxSeed: number
  readonly maxFireHidden: number
  /** FIRE weights given to the C++ API: largest absolute w1, b1, w2, b2 (1e6). */
  readonly maxFireWeight: number
  readonly maxConvKernel: number
  readonly maxConvLayers: number
  readonly maxBuckets: number
  readonly maxRopeFactor: number
  readonly maxRopeDecayTerms: number
  readonly maxMetricsLength: number
  readonly maxSimilarityLength: number
  readonly maxTrainLength: number
  readonly maxEvalLength: number
  readonly maxEvalLengths: number
  readonly maxSteps: number
  readonly maxLayers: number
  readonly maxTrainDim: number
  readonly maxTrainHeads: number
  readonly maxBatch: number
  readonly maxVocab: number
  readonly maxEvalExamples: number
}

/** The API `load()` resolves to: one function per CLI command. Frozen. */
export interface Posenc {
  /** The library version, as `posenc --version` prints it. */
  readonly version: string
  /** Every size limit (frozen), as `posenc --limits` prints it. */
  readonly limits: Limits
  /** The command names, in camelCase. */
  readonly commands: readonly CommandName[]
  /** The error class bad input throws. */
  readonly PosencError: typeof PosencError
  /** Bytes malloc holds and the size of wasm memory. */
  memory(): MemoryInfo
  /** The L x D matrix of an absolute scheme, row i = the vector added at position i. */
  readonly encode: EncodeCommand
  /** Relative positions j - i (key minus query) of an L x L matrix, and Shaw et al.'s table indices. */
  readonly relative: FormattedCommand<RelativeOptions, RelativeResult>
  /** T5 relative-position buckets, one per relative position r = j - i. */
  readonly t5Bucket: FormattedCommand<T5BucketOptions, T5BucketResult>
  /** ALiBi slopes m_h and, with length, the H x L x L biases -m_h (i - j). */
  readonly alibi: AlibiCommand
  /** RoPE inverse frequencies theta_k = base^(-2k/d) with HF's scalings, and the attention factor. */
  readonly ropeFreqs: FormattedCommand<RopeFreqsOptions, RopeFreqsResult>
  /** One vector rotated to position m: (x_a, x_b) -> (x_a cos m theta_k - x_b sin m theta_k, x_a sin m theta_k + x_b cos m theta_k). */
  readonly ropeApply: Command<RopeApplyOptions, RopeApplyResult>
  /** RoFormer's long-term decay bound at distances 0, step, ... <= maxDistance. */
  readonly ropeDecay: FormattedCommand<RopeDecayOptions, RopeDecayResult>
  /** FIRE: the normalized input psi(i-j)/psi(max(i, L_thr)) and its causal MLP bias. */
  readonly fire: FormattedCommand<FireOptions, FireResult>
  /** Convolutional position (CPVT's PEG in 1-D): x + depthwise_conv(x), zero padded. */
  readonly conv: FormattedCommand<ConvOptions, ConvResult>
  /** The requirements of a positional encoding (uniqueness, consistency, order, small, extrapolation, cost). */
  readonly metrics: FormattedCommand<MetricsOptions, MetricsResult>
  /** Multi-head attention on seeded N(0, 1) Q, K, V with a position scheme. */
  readonly attention: AttentionCommand
  /** Dot products (or cosines) of every two positions' encodings, and their spread per offset j - i. */
  readonly similarity: SimilarityCommand
  /** Seeded word vectors plus an absolute scheme's vectors, e_i = w_i + p_i, with ||p_i|| / ||w_i|| and cos(e_i, w_i). */
  readonly embed: EmbedCommand
  /** Trains the extrapolation lab's tiny Transformer with one position scheme: its loss curve and accuracy per length. */
  readonly train: Command<TrainOptions, TrainResult>
  /** The same run step by step; throws a PosencError for bad options, as `train`. Call `delete()` when done. */
  trainer(options: TrainOptions): Trainer
}

/** What `load` passes to the Emscripten factory on the first call (e.g. print, printErr). */
export interface ModuleArg {
  print?(text: string): void
  printErr?(text: string): void
  [setting: string]: unknown
}

/**
 * Loads the module once per realm (page, Worker, Node process) and resolves to
 * the API; later calls return the same promise. Rejects if WebAssembly fails to load.
 */
export declare function load(moduleArg?: ModuleArg): Promise<Posenc>

/** Bad input: `message` is the line the CLI prints, e.g. "posenc encode: --length: got 0; allowed: integer in [1, 1048576]". */
export declare class PosencError extends Error {
  constructor(message: string, details: { command: CommandName; argument: string; got: string; allowed: string })
  readonly name: 'PosencError'
  /** The command, in camelCase ('t5Bucket'). */
  readonly command: CommandName
  /** The option at fault, in camelCase ('maxLength'); 'option' for an unknown option, 'options' for a non-object. */
  readonly argument: string
  /** The value given, as the CLI saw it. */
  readonly got: string
  /** What is allowed, e.g. 'integer in [1, 1048576]'. */
  readonly allowed: string
}

/**
 * JavaScript source that, run as a classic Worker script (e.g. from a Blob URL),
 * defines the same global `posenc` in the Worker, WebAssembly included; nothing is
 * fetched, so it works from file:// too.
 */
export declare function workerSource(): string
