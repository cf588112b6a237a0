// posenc/rope.hpp: RoPE, the rotary position embedding (scheme `rope`).
//
// Su et al. 2021, "RoFormer: Enhanced Transformer with Rotary Position Embedding".
// Queries and keys are rotated, pair of dims by pair of dims, by an angle
// proportional to their position; the attention score then depends only on the
// relative position (the property the tests check):
//
//   y = R_m x,   (y_a, y_b) = (x_a cos m theta_k - x_b sin m theta_k,
//                              x_b cos m theta_k + x_a sin m theta_k)
//   <R_m q, R_n k> = <R_{m-n} q, k>
//
// Shapes: d head width, r = int(d * partial) rotary width (even), r/2 frequencies
// theta_k (k = 0 .. r/2-1), L positions. The per-pair math is in kernels/rope.hpp.
//
// Layout: which pair k each dim belongs to ('.' passes through unrotated).
//
//   d = 8, partial = 1 (r = 8)        dim: 0  1  2  3  4  5  6  7
//     half        (GPT-NeoX, HF)           0  1  2  3  0  1  2  3    pair k = (k, k + r/2)
//     interleaved (RoFormer, GPT-J, Llama) 0  0  1  1  2  2  3  3    pair k = (2k, 2k + 1)
//
//   d = 8, partial = 0.5 (r = 4)      dim: 0  1  2  3  4  5  6  7
//     half                                 0  1  0  1  .  .  .  .
//     interleaved                          0  0  1  1  .  .  .  .
//
// Pair k turns at frequency theta_k: pair 0 fastest (theta_0 = 1 rad per position),
// pair r/2 - 1 slowest.
//
// The two pairings give the same scores after permuting the dims of q and k alike
// (x_half[k] = x_interleaved[2k], x_half[k + r/2] = x_interleaved[2k + 1]), but a
// checkpoint trained with one is wrong with the other.
//
// Frequencies (theta_k, all in double) and context-extension scalings, each checked
// against HF transformers src/transformers/modeling_rope_utils.py:
//   default  theta_k = base^(-2k/r)                          _compute_default_rope_parameters
//   linear   theta_k / factor  (position interpolation,      _compute_linear_scaling_rope_parameters
//            Chen et al. 2023)
//   ntk      base' = base * factor^(r/(r-2))  (bloc97)        _compute_ntk_parameters (unregistered)
//   dynamic  base' = base * (factor s / M - (factor - 1))^(r/(r-2)),
//            s = max(seq_len, M)  (emozilla)                 _compute_dynamic_ntk_parameters
//   yarn     ramp between theta_k and theta_k / factor       _compute_yarn_parameters
//            (Peng et al. 2023), attention factor 0.1 ln(factor) + 1
//   llama3   smooth blend by wavelength (Llama 3.1)          _compute_llama3_parameters
// with M = original_max_length. The attention factor is 1 except for yarn; HF
// multiplies cos and sin by it (so q.k by its square). posenc keeps the rotation a
// pure rotation: the caller scales q and k by attention_factor where it wants HF's
// numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "posenc/kernels/rope.hpp"
#include "posenc/limits.hpp"
#include "posenc/types.hpp"

namespace posenc {

using kernels::RopePairing;

/// The frequency scaling ("rope_type" in HF). `unscaled` is HF's "default".
enum class RopeScaling { unscaled, linear, ntk, dynamic, yarn, llama3 };

/// Everything that fixes the frequencies (and the pairing used to apply them).
/// Fields a scaling does not use are ignored by it (but still validated).
struct RopeOptions {
  double base = 10000.0;                     ///< in (1, 1e12]; HF rope_theta
  RopeScaling scaling = RopeScaling::unscaled;
  double factor = 1.0;                       ///< in [1, kMaxRopeFactor]
  std::int64_t original_max_length = 8192;   ///< M, in [1, kMaxPosition]; HF (original_)max_position_embeddings
  std::int64_t seq_len = 1;                  ///< dynamic: current length, in [1, kMaxPosition]; <= M means unscaled
  double beta_fast = 32.0;                   ///< yarn: > beta_slow, <= 1e6
  double beta_slow = 1.0;                    ///< yarn: > 0
  double low_freq_factor = 1.0;              ///< llama3: > 0, < high_freq_factor
  double high_freq_factor = 4.0;             ///< llama3: <= 1e6
  double partial = 1.0;                      ///< rotary fraction, in (0, 1]; HF partial_rotary_factor
  RopePairing pairing = RopePairing::half;   ///< used by the apply functions only
};

/// The frequencies of one head: r/2 inverse frequencies theta_k and the attention
/// factor (1 except for yarn).
struct RopeFrequencies {
  std::int64_t dim = 0;         ///< d
  std::int64_t rotary_dim = 0;  ///< r = int(d * partial), even, >= 2
  std::vector<double> inv_freq;  ///< theta_k, k = 0 .. r/2 - 1
  double attention_factor = 1.0;
};

/// cos(m theta_k) and sin(m theta_k) for m = start .. start + L - 1: two L x r/2
/// tables (HF's cos/sin are these with each row repeated, [row | row], and times
/// the attention factor).
struct RopeTables {
  Matrix cos;
  Matrix sin;
};

/// theta_k for head width `dim` (see the table in the header comment). r = int(dim *
/// partial) computed as HF does (truncating the double product) and used as "dim"
/// in every formula. Throws posenc::Error: dim not in [2, kMaxDim]; an odd rotary
/// width (named "dim" when partial = 1, else "partial"); r < 4 with ntk or dynamic
/// (their exponent r/(r-2)); any option out of its range (named as the field).
RopeFrequencies rope_frequencies(std::int64_t dim, const RopeOptions& opts = {});

/// The two L x r/2 tables for positions start, start + 1, ..., start + length - 1
/// (angles m theta_k in double; cos and sin by kernels::sincos_reduced, libm's
/// beyond its range, rounded to float32 once). Throws posenc::Error for length not in
/// [1, kMaxLength], |start| or |start + length - 1| > kMaxPosition, or an output
/// over 1 GiB, and as rope_frequencies.
RopeTables rope_cos_sin(std::int64_t dim, double start, std::int64_t length, const RopeOptions& opts = {});

/// R_m x for one vector x (d = x.size()) at the real position m, pairing
/// opts.pairing; dims r .. d-1 are copied unrotated. Throws posenc::Error for a
/// position that is not finite or |m| > kMaxPosition, an entry of x that is not
/// finite or has |x| > FLT_MAX / sqrt(2) ("x": past it a rotated entry could be
/// Inf), and as rope_frequencies.
Eigen::RowVectorXf rope_apply(const Eigen::RowVectorXf& x, double position, const RopeOptions& opts = {});

/// RoPE on every row of the L x d matrix x: row i is rotated to position start + i
/// (what attention does to Q and K). Throws posenc::Error for L = x.rows() not in
/// [1, kMaxLength] (named "length"), positions as in rope_cos_sin, entries of x as
/// rope_apply, and as rope_frequencies with d = x.cols().
Matrix rope_apply_rows(const Matrix& x, double start, const RopeOptions& opts = {});

/// How a multi-head tensor is laid out in memory, row-major:
///   heads_first   [H][L][d]: head h, position i at x + (h L + i) d  (attention's
///                 per-head layout, HF after transpose(1, 2))
///   length_first  [L][H][d]: x + (i H + h) d  (a projection's output reshaped,
///                 Meta Llama's xq before transpose)
enum class HeadLayout { heads_first, length_first };

/// RoPE on a whole multi-head tensor of floats, the fast path (CPU):
///
///   y[h][i] = R_{start + i} x[h][i]      for every head h and position i
///
/// with R_m the rotation of rope_apply (RoFormer section 3.4.2; pairing, scaling and
/// partial rotary width from opts; dims r .. d-1 copied unrotated). In place when
/// y == x; otherwise x and y must not overlap. cos(m theta_k) and sin(m theta_k)
/// are computed once per position, for a block of positions at a time, and shared
/// by all H heads (kernels/sincos.hpp, then float32); each pair is then rotated in
/// float32 by kernels::rope_rotate, four multiplies and two adds, in a loop the
/// compiler vectorizes. Agrees with rope_apply (double throughout, one rounding) to
/// a few float32 ulps of max(|x_a|, |x_b|) (tests/cpp/test_rope_heads.cpp).
/// `threads` >= 2 splits the positions over std::threads, only when each thread
/// gets at least kRopeMinFloatsPerThread floats (below that the start-up costs more
/// than it saves). Non-finite entries of x propagate to y, and entries past
/// FLT_MAX / sqrt(2) can rotate to Inf (x is not checked: a check would be a second
/// pass over memory, as costly as the rotation; rope_apply checks).
/// Throws posenc::Error for: x or y null; x and y overlapping but not equal ("y");
/// heads not in [1, kMaxHeads]; length not in [1, kMaxLength]; start and the last
/// position as rope_cos_sin; threads not in [1, kMaxThreads]; and as
/// rope_frequencies with dim.
void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      double start, const RopeOptions& opts = {}, int threads = 1,
                      HeadLayout layout = HeadLayout::heads_first);

/// The same rotation with cos and sin taken from precomputed tables (rope_cos_sin:
/// L x r/2, the rotary width r = 2 t.cos.cols()), as a model computes them once and
/// reuses them in every layer: no trigonometry at all in the call. Throws
/// posenc::Error as above, and for tables whose shape does not fit ("tables":
/// t.cos and t.sin both length x r/2, with r even and <= dim).
void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      const RopeTables& tables, RopePairing pairing = RopePairing::half, int threads = 1,
                      HeadLayout layout = HeadLayout::heads_first);

/// Most threads rope_apply_heads accepts, and the least work per thread it splits for.
inline constexpr int kMaxThreads = 256;
inline constexpr std::int64_t kRopeMinFloatsPerThread = std::int64_t{1} << 16;

/// RoFormer section 3.4.3 (figure 2): the relative upper bound of |<R_m q, R_n k>|
/// at distance r = m - n, with theta_k = base^(-2k/d), n = d/2,
///   bound(r) = (1/n) sum_{j=1..n} |sum_{k=0..j-1} e^{i r theta_k}|,
/// which decays (non-monotonically) from bound(0) = (n + 1)/2. Throws posenc::Error
/// for dim not even in [2, kMaxDim], base not in (1, 1e12], a distance that is not
/// finite or |r| > kMaxPosition.
double rope_decay_bound(double distance, std::int64_t dim, double base = 10000.0);

/// The curve of rope_decay_bound at distances 0, step, 2 step, ... <= max_distance.
struct RopeDecayCurve {
  std::vector<double> distance;
  std::vector<double> bound;
};
/// Throws posenc::Error for max_distance not in [0, kMaxPosition], step not in
/// [1, kMaxPosition], more than kMaxLength distances, more than kMaxRopeDecayTerms
/// terms in all (named "max_distance"), and as rope_decay_bound.
RopeDecayCurve rope_decay_curve(std::int64_t max_distance, std::int64_t step, std::int64_t dim,
                                double base = 10000.0);

/// Parses "half" | "interleaved" and "default" | "linear" | "ntk" | "dynamic" |
/// "yarn" | "llama3"; throws posenc::Error naming "pairing" / "scaling".
RopePairing parse_pairing(std::string_view name);
RopeScaling parse_scaling(std::string_view name);
/// The names parse_* accept.
std::string_view pairing_name(RopePairing pairing);
std::string_view scaling_name(RopeScaling scaling);

}  // namespace posenc
