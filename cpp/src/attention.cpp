// Implementation of posenc/attention.hpp, part 3: the fast path.
//
// Per head, queries are taken kQueryBlock rows at a time; for each block the keys
// are visited kKeyTile rows at a time (only up to the last visible key under the
// causal mask). For every tile, with S the block x tile logits:
//
//   S      = scale * Qb Kt^T + bias            (GEMM; bias from BiasSource)
//   m'     = max(m, rowmax S)                   running max per query row
//   P      = exp(S - m')                        (0 where masked)
//   l      = l exp(m - m') + rowsum P           running sum
//   acc    = acc exp(m - m') + P Vt             unnormalized output (GEMM)
//
// and at the end o = acc / l. (Online softmax: Milakov & Gimelshein 2018;
// tiling: FlashAttention, Dao et al. 2022.) Memory per head: the rotated q, k
// copies for rope (Lq x d, Lk x d), the bias tables (Lq + Lk), and one block x
// tile scratch: linear in L. Only a caller asking for weights or scores gets an
// Lq x Lk matrix; then the raw logits are kept as they are computed and
// normalized once m and l are final.
//
// Shaw's relative scheme adds per query row the 2k + 1 dot products q_i . w^K_r
// (one small GEMM per block) and gathers the weight that falls on each clipped
// distance, so its value term is one more GEMM at the end:
// sum_j w_ij a^V_ij = sum_r (sum_{j: idx(j) = r} w_ij) w^V_r.
#include <algorithm>
#include <cmath>
#include <limits>

#include "attention_bias.hpp"
#include "attention_internal.hpp"
#include "posenc/kernels/exp.hpp"
#include "posenc/kernels/gemm.hpp"
#include "posenc/kernels/rows.hpp"

// Eigen 3.4 has no WebAssembly SIMD, so in wasm its GEMMs, exp and row reductions
// run scalar; the loop kernels (posenc/kernels/gemm.hpp, exp.hpp, rows.hpp)
// vectorize there (the GEMM about 2.5x faster, the reductions about 15x).
// Natively Eigen's AVX code wins, so it stays.
#if defined(__wasm_simd128__)
#define POSENC_LOOP_KERNELS 1
#else
#define POSENC_LOOP_KERNELS 0
#endif

namespace posenc {

namespace {

using detail::AttentionShape;
using RowArray = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr Eigen::Index kQueryBlock = 64;
constexpr Eigen::Index kKeyTile = 256;
constexpr float kNegInf = -std::numeric_limits<float>::infinity();
constexpr float kWeightFloor = -64.0f;  // exp(x) for x below it is taken as 0 (see the softmax)

// Shaw's index of key column t is clip(r0 + t, k) + k with r0 = pk0 - pq: the
// first keys share index 0, the last ones index 2k, and in between the index
// rises by one per key. These two helpers walk the three stretches.

// row[t] += qa[clip(r0 + t) + k]: qa holds scale * q_i . w^K_r for r = 0 .. 2k.
void add_shaw_logits(const float* qa, std::int64_t clip, std::int64_t r0, std::int64_t n, float* row) {
  const std::int64_t low = std::clamp<std::int64_t>(-clip - r0 + 1, 0, n);  // t < low: index 0
  const std::int64_t high = std::clamp<std::int64_t>(clip - r0, low, n);    // t >= high: index 2k
  for (std::int64_t t = 0; t < low; ++t) row[t] += qa[0];
  for (std::int64_t t = low; t < high; ++t) row[t] += qa[r0 + clip + t];
  for (std::int64_t t = high; t < n; ++t) row[t] += qa[2 * clip];
}

// sums[clip(r0 + t) + k] += p[t]: the weight each clipped distance receives.
void gather_shaw_weights(const float* p, std::int64_t clip, std::int64_t r0, std::int64_t n, float* sums) {
  const std::int64_t low = std::clamp<std::int64_t>(-clip - r0 + 1, 0, n);
  const std::int64_t high = std::clamp<std::int64_t>(clip - r0, low, n);
  float first = 0.0f, last = 0.0f;
  for (std::int64_t t = 0; t < low; ++t) first += p[t];
  for (std::int64_t t = low; t < high; ++t) sums[r0 + clip + t] += p[t];
  for (std::int64_t t = high; t < n; ++t) last += p[t];
  sums[0] += first;
  sums[2 * clip] += last;
}

HeadAttention fast_head(const Matrix& q_in, const Matrix& k_in, const Matrix& v, std::int64_t head,
                        const AttentionShape& s, const AttentionConfig& c, AttentionRequest request) {
  // RoPE: rotate once per head (linear memory), then plain dot products.
  Matrix q_rot, k_rot;
  const Matrix* q = &q_in;
  const Matrix* k = &k_in;
  if (c.scheme == AttentionScheme::rope) {
    const RopeOptions opts = detail::attention_rope_options(c, s);
    q_rot = rope_apply_rows(q_in, static_cast<double>(c.query_start), opts);
    k_rot = rope_apply_rows(k_in, static_cast<double>(c.key_start), opts);
    q = &q_rot;
    k = &k_rot;
  }
  const auto scale = static_cast<float>(detail::logit_scale(c, s.dim));
  detail::BiasSource bias(c, head, s);
  const bool shaw = c.scheme == AttentionScheme::relative;
  const std::int64_t clip = shaw ? c.shaw->clip() : 0;
  const Eigen::Index shaw_rows = shaw ? c.shaw->rows() : 0;
  const bool keep_logits = request.weights || request.scores;

  HeadAttention out;
  out.output.resize(s.queries, s.value_dim);
  Matrix logits;  // Lq x Lk, only when asked for
  if (keep_logits) logits.resize(s.queries, s.keys);
  Eigen::VectorXf row_max(s.queries), row_sum(s.queries);

  Matrix qscaled, scores_tile, p_tile, acc, shaw_q, shaw_w;
  [[maybe_unused]] Matrix k_tile_t;  // the loop GEMM's K tile, transposed
  for (Eigen::Index qb = 0; qb < s.queries; qb += kQueryBlock) {
    const Eigen::Index nq = std::min<Eigen::Index>(kQueryBlock, s.queries - qb);
    const std::int64_t pq_first = c.query_start + qb;
    const std::int64_t pq_last = pq_first + nq - 1;
    qscaled.noalias() = scale * q->middleRows(qb, nq);
    bias.begin_rows(pq_first, nq);
    Eigen::VectorXf m = Eigen::VectorXf::Constant(nq, kNegInf);
    Eigen::VectorXf l = Eigen::VectorXf::Zero(nq);
    acc.setZero(nq, s.value_dim);
    if (shaw) {
      shaw_q.noalias() = qscaled * c.shaw->keys().transpose();  // nq x (2k + 1)
      shaw_w.setZero(nq, shaw_rows);
    }
    // Keys past the last query's position are all masked under the causal mask.
    const Eigen::Index key_end =
        c.causal ? std::min<Eigen::Index>(s.keys, pq_last - c.key_start + 1) : static_cast<Eigen::Index>(s.keys);
    for (Eigen::Index kb = 0; kb < key_end; kb += kKeyTile) {
      const Eigen::Index nk = std::min<Eigen::Index>(kKeyTile, key_end - kb);
      const std::int64_t pk0 = c.key_start + kb;
#if POSENC_LOOP_KERNELS
      k_tile_t = k->middleRows(kb, nk).transpose();  // d x nk, so the kernel's rows are contiguous
      scores_tile.setZero(nq, nk);
      kernels::gemm_add(qscaled.data(), qscaled.cols(), k_tile_t.data(), nk, scores_tile.data(), nk, nq, nk,
                        qscaled.cols());
#else
      scores_tile.noalias() = qscaled * k->middleRows(kb, nk).transpose();
#endif
      for (Eigen::Index r = 0; r < nq; ++r) {
        const std::int64_t pq = pq_first + r;
        float* row = scores_tile.row(r).data();
        bias.add(pq, pk0, nk, row);
        if (shaw) add_shaw_logits(shaw_q.row(r).data(), clip, pk0 - pq, nk, row);
        // Causal: keys with pk > pq, i.e. column t > pq - pk0, are masked.
        if (c.causal)
          for (Eigen::Index t = std::max<Eigen::Index>(0, pq - pk0 + 1); t < nk; ++t) row[t] = kNegInf;
      }
      if (keep_logits) logits.block(qb, kb, nq, nk) = scores_tile;

      // Online softmax update.
#if POSENC_LOOP_KERNELS
      Eigen::VectorXf tile_max(nq);
      for (Eigen::Index r = 0; r < nq; ++r) tile_max(r) = kernels::row_max(scores_tile.row(r).data(), nk);
#else
      const Eigen::VectorXf tile_max = scores_tile.rowwise().maxCoeff();
#endif
      p_tile.resize(nq, nk);
      for (Eigen::Index r = 0; r < nq; ++r) {
        const float m_new = std::max(m(r), tile_max(r));
        if (m_new == kNegInf) {  // nothing visible in this row yet
          p_tile.row(r).setZero();
          continue;
        }
        // 0 on the first visible tile (m = -inf); floored like the weights below.
        const float alpha = m(r) - m_new < kWeightFloor ? 0.0f : std::exp(m(r) - m_new);
        // Weights below exp(kWeightFloor) are set to exactly 0 (masked logits, -inf,
        // included): left as they are they reach float32's subnormal range (Eigen's
        // exp returns subnormals down to x = -103), and every multiply of a subnormal
        // in the P V product is a microcode assist on x86: ALiBi at L = 4096, whose
        // far keys all fall there, ran 1.3x slower than none. exp(-64) = 1.6e-28 is
        // 20 orders below float32's resolution of a row sum >= 1, so the output does
        // not change.
#if POSENC_LOOP_KERNELS
        {
          const float* srow = scores_tile.row(r).data();
          float* prow = p_tile.row(r).data();
          for (Eigen::Index t = 0; t < nk; ++t) {
            const float x = srow[t] - m_new;
            prow[t] = x < kWeightFloor ? 0.0f : kernels::exp_nonpositive(x);
          }
        }
#else
        {
          // Not (x < floor).select(0, x.exp()): Eigen 3.4's select has no packet
          // path, so it ran exp one scalar libm call at a time (attention at half
          // speed). Clamped, exp stays vectorized and its smallest value,
          // exp(-64), is a normal float; the blend loop then writes the exact 0s
          // and vectorizes as it is.
          const float* srow = scores_tile.row(r).data();
          float* prow = p_tile.row(r).data();
          p_tile.row(r).array() = (scores_tile.row(r).array() - m_new).max(kWeightFloor).exp();
          for (Eigen::Index t = 0; t < nk; ++t) prow[t] = srow[t] - m_new < kWeightFloor ? 0.0f : prow[t];
        }
#endif
#if POSENC_LOOP_KERNELS
        l(r) = l(r) * alpha + kernels::row_sum(p_tile.row(r).data(), nk);
#else
        l(r) = l(r) * alpha + p_tile.row(r).sum();
#endif
        if (alpha != 1.0f) {
          acc.row(r) *= alpha;
          if (shaw) shaw_w.row(r) *= alpha;
        }
        m(r) = m_new;
      }
#if POSENC_LOOP_KERNELS
      kernels::gemm_add(p_tile.data(), nk, v.row(kb).data(), v.cols(), acc.data(), acc.cols(), nq, acc.cols(), nk);
#else
      acc.noalias() += p_tile * v.middleRows(kb, nk);
#endif
      if (shaw)
        for (Eigen::Index r = 0; r < nq; ++r)
          gather_shaw_weights(p_tile.row(r).data(), clip, pk0 - (pq_first + r), nk, shaw_w.row(r).data());
    }
    if (shaw) acc.noalias() += shaw_w * c.shaw->values();
    const Eigen::VectorXf inv_l = l.cwiseInverse();
    out.output.middleRows(qb, nq) = inv_l.asDiagonal() * acc;
    row_max.segment(qb, nq) = m;
    row_sum.segment(qb, nq) = l;
  }

  if (request.weights) {
    out.weights.resize(s.queries, s.keys);
    for (Eigen::Index i = 0; i < s.queries; ++i) {
      const std::int64_t pq = c.query_start + i;
      for (Eigen::Index j = 0; j < s.keys; ++j) {
        const bool masked = c.causal && c.key_start + j > pq;
        out.weights(i, j) = masked ? 0.0f : std::exp(logits(i, j) - row_max(i)) / row_sum(i);
      }
    }
  }
  if (request.scores) {
    // Logits past key_end were never computed: they are masked.
    for (Eigen::Index i = 0; i < s.queries; ++i) {
      const std::int64_t pq = c.query_start + i;
      for (Eigen::Index j = 0; j < s.keys; ++j)
        if (c.causal && c.key_start + j > pq) logits(i, j) = std::numeric_limits<float>::quiet_NaN();
    }
    out.scores = std::move(logits);
  }
  return out;
}

}  // namespace

AttentionResult attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                          const AttentionConfig& config, AttentionRequest request) {
  const AttentionShape s = detail::check_attention(q, k, v, config, request);
  return detail::gather_heads(s.heads, request, [&](std::int64_t h) {
    const auto i = static_cast<std::size_t>(h);
    return fast_head(q[i], k[i], v[i], h, s, config, request);
  });
}

HeadAttention attention_head(const Matrix& q, const Matrix& k, const Matrix& v, std::int64_t head,
                             std::int64_t heads, const AttentionConfig& config, AttentionRequest request) {
  const AttentionShape s = detail::check_attention_head(q, k, v, head, heads, config, request);
  return fast_head(q, k, v, head, s, config, request);
}

Matrix attention(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionConfig& config) {
  return attention_head(q, k, v, 0, 1, config).output;
}

}  // namespace posenc
