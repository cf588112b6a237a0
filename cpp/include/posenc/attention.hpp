// posenc/attention.hpp: multi-head scaled dot-product attention with a position
// scheme plugged in.
//
// Shapes (named once): H heads, Lq queries, Lk keys, d head width (q, k), dv value
// width. Q is H x Lq x d, K is H x Lk x d, V is H x Lk x dv (one row-major Matrix
// per head). Query row i sits at position pq = query_start + i, key row j at
// pk = key_start + j, so a query block at 1000..1063 can attend to keys 0..1063 as
// with a KV cache. Relative position r = pk - pq (key minus query).
//
//   logit s_ij = scale * <q~_i, k~_j> + b_h(pq, pk)          (Vaswani et al. 2017, eq. 1)
//   weight w_ij = softmax_j(s_ij)   over unmasked j; causal masks pk > pq
//   output o_i = sum_j w_ij v_j   (+ sum_j w_ij a^V_ij for `relative`)
//
// scale defaults to 1/sqrt(d). What the scheme does (q~, k~ are q, k unless rotated):
//
//   none           no position at all (NoPE; also what attention sees when an
//                  absolute encoding was added to its inputs upstream)
//   rope           q~_i = R_pq q_i, k~_j = R_pk k_j (RoFormer; rope.hpp): scale is
//                  multiplied by attention_factor^2 (1 except yarn, where HF
//                  multiplies cos and sin by it)
//   alibi          b = -m_h |pq - pk| (Press et al. 2022; alibi.hpp; under the causal
//                  mask this is the paper's -m_h (pq - pk); without it, the
//                  symmetric form)
//   t5             b = t5_table(h, bucket(pk - pq)) (Raffel et al. 2020; t5.hpp)
//   fire           b = f_theta(psi(|pq - pk|) / psi(max(pq, L_thr)))[h] (Li et al.
//                  2023; fire.hpp; |.| as the paper's appendix code takes it, so
//                  the non-causal form is symmetric)
//   relative-bias  b = bias_table(h, clip(pk - pq, k) + k): one learned scalar per
//                  head and clipped distance (Shaw's clipping, T5's scalar bias)
//   relative       Shaw et al. 2018, eqs. 3-4: s_ij = scale * <q_i, k_j + a^K_ij>,
//                  o_i = sum_j w_ij (v_j + a^V_ij), a_ij = w_clip(pk - pq, k) from
//                  ShawTables (relative.hpp), shared by the heads
//
// Two implementations with one contract:
// - attention_reference materializes the Lq x Lk logits per head, accumulating in
//   double, and computes every bias with the core's own per-(i, j) functions. Slow
//   and obviously right; the tests hold the fast path to it.
// - attention (the fast path) tiles over keys with the online softmax (Milakov &
//   Gimelshein 2018; FlashAttention, Dao et al. 2022): per block of queries it keeps
//   the running max m_i, the running sum l_i and the unnormalized output, and
//   rescales them by exp(m_old - m_new) when a tile raises the max. Biases come
//   from O(Lq + Lk) tables indexed by pk - pq (alibi, t5, relative-bias), per query
//   row (relative: q_i . w^K_r for the 2k + 1 rows r), or per pair from a
//   piecewise-linear form of the FIRE MLP; rotations are applied once per head to
//   copies of q and k. No Lq x Lk buffer exists unless weights or scores are
//   requested.
//
// Masked logits are NaN in `scores` (null in the CLI's JSON) and 0 in `weights`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "posenc/fire.hpp"
#include "posenc/relative.hpp"
#include "posenc/rope.hpp"
#include "posenc/t5.hpp"
#include "posenc/types.hpp"

namespace posenc {

/// What attention does with positions (see the table above).
enum class AttentionScheme { none, rope, alibi, t5, fire, relative_bias, relative };

/// "none", "rope", "alibi", "t5", "fire", "relative-bias", "relative".
std::string_view attention_scheme_name(AttentionScheme scheme);
/// Parses a name above; throws posenc::Error(arg, ...) listing them.
AttentionScheme parse_attention_scheme(std::string_view name, std::string_view arg = "scheme");

/// The scheme, the mask, the positions and the scheme's parameters. Only the fields
/// of the chosen scheme are read (and validated).
struct AttentionConfig {
  AttentionScheme scheme = AttentionScheme::none;
  bool causal = false;             ///< mask keys with pk > pq
  std::int64_t query_start = 0;    ///< position of query row 0, in [0, kMaxPosition]
  std::int64_t key_start = 0;      ///< position of key row 0, in [0, kMaxPosition]
  double scale = 0.0;              ///< logit scale in [0, 1e6]; 0 means 1/sqrt(d)

  RopeOptions rope{};              ///< rope: frequencies, scaling and pairing
  T5Options t5{};                  ///< t5: bucketing
  Matrix t5_table;                 ///< t5: H x num_buckets (HF relative_attention_bias.weight, transposed)
  FireWeights fire{};              ///< fire: f_theta with H outputs
  FireOptions fire_options{};      ///< fire: c, L_thr, eps
  Matrix bias_table;               ///< relative-bias: H x (2k + 1), column clip(pk - pq, k) + k
  std::optional<ShawTables> shaw;  ///< relative: w^K and w^V, width d (relative needs dv = d)
};

/// Which Lq x Lk matrices to return besides the output.
struct AttentionRequest {
  bool weights = false;  ///< the softmax weights w_ij
  bool scores = false;   ///< the logits s_ij before softmax (NaN where masked)
};

/// One head's result.
struct HeadAttention {
  Matrix output;   ///< Lq x dv
  Matrix weights;  ///< Lq x Lk if requested, else 0 x 0
  Matrix scores;   ///< Lq x Lk if requested, else 0 x 0
};

/// Every head's result.
struct AttentionResult {
  HeadMatrices output;   ///< H x Lq x dv
  HeadMatrices weights;  ///< H x Lq x Lk if requested, else empty
  HeadMatrices scores;   ///< H x Lq x Lk if requested, else empty
};

/// Multi-head attention, fast path (see above). Throws posenc::Error naming the
/// argument for: H = q.size() not in [1, kMaxHeads] or k, v with other head
/// counts ("k", "v"); Lq, Lk not in [1, kMaxLength]; d, dv not in [1, kMaxDim];
/// heads of different shapes or k, v of different row counts; an input value
/// that is not finite or has |x| > kMaxAttentionInput (1e12); positions out of [0, kMaxPosition]; causal with key_start > query_start
/// (the first query would see no key); requested weights/scores over 1 GiB; and the
/// scheme's parameters (t5_table not H x num_buckets, fire weights with other than
/// H heads, bias_table not H x odd, shaw missing or not of width d, or dv != d for relative, and the
/// option checks of rope.hpp, t5.hpp and fire.hpp).
AttentionResult attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                          const AttentionConfig& config, AttentionRequest request = {});

/// The same contract, computed the slow, obvious way (full logits, double sums).
AttentionResult attention_reference(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                                    const AttentionConfig& config, AttentionRequest request = {});

/// Head `head` of `heads` alone (the per-head parameters: ALiBi slope, T5 and bias
/// table rows, FIRE output): what a caller streaming one head at a time (the CLI)
/// uses. Throws as attention, and for head not in [0, heads).
HeadAttention attention_head(const Matrix& q, const Matrix& k, const Matrix& v, std::int64_t head,
                             std::int64_t heads, const AttentionConfig& config, AttentionRequest request = {});

/// Single sequence, one head (H = 1): the output, Lq x dv.
Matrix attention(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionConfig& config);

// ---------------------------------------------------------------------------------
// Seeded parameters (stand-ins for trained ones).

/// T5's learned bias table, H x num_buckets, N(0, std^2) from
/// Rng(seed, Stream::t5_bias), row by row. Throws posenc::Error for heads not in
/// [1, kMaxHeads], num_buckets not in [2, kMaxBuckets], std not in (0, 10].
Matrix t5_bias_table(std::int64_t heads, std::int64_t num_buckets, std::uint64_t seed, float std = 1.0f);

/// The relative-bias table, H x (2k + 1), N(0, std^2) from
/// Rng(seed, Stream::relative_bias), row by row. Throws posenc::Error for heads not
/// in [1, kMaxHeads], clip not in [0, kMaxLength], std not in (0, 10].
Matrix relative_bias_table(std::int64_t heads, std::int64_t clip, std::uint64_t seed, float std = 1.0f);

/// The sizes of the seeded tables of seeded_attention_config.
struct SeededTables {
  std::int64_t num_buckets = 32;    ///< t5: B
  std::int64_t max_distance = 128;  ///< t5: M
  std::int64_t clip = 16;           ///< relative, relative-bias: k
  std::int64_t fire_hidden = 32;    ///< fire: MLP width W
  float std = 1.0f;                 ///< t5, relative-bias, relative: std of the tables
};

/// A config for `scheme`, mask `causal`, with seeded parameters for H heads of
/// width d: t5 buckets (B, M, causal buckets iff causal) and t5_bias_table; fire:
/// fire_weights(H, W, seed) and the default FireOptions; relative-bias:
/// relative_bias_table(H, clip, seed, std); relative: ShawTables(clip, d, seed,
/// std). Positions start at 0; rope options are the defaults. Throws posenc::Error
/// for heads, dim or any table size out of its range (as the functions named).
AttentionConfig seeded_attention_config(AttentionScheme scheme, std::int64_t heads, std::int64_t dim, bool causal,
                                        std::uint64_t seed, const SeededTables& tables = {});

}  // namespace posenc
