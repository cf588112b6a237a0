// Implementation of posenc/attention.hpp, part 2: the reference path.
//
// The obvious algorithm, on purpose: for each head, every logit s_ij of the
// Lq x Lk matrix is formed in double from the core's own per-(i, j) functions
// (kernels::alibi_distance_bias, t5_bias, fire_bias, relative_bias; ShawTables::key/value;
// rope_apply), the softmax and the weighted sum of values run in double, and only
// the results are rounded to float32. No tiling, no tables, no tricks.
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include "attention_internal.hpp"
#include "posenc/alibi.hpp"
#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/kernels/relative.hpp"
#include "posenc/kernels/t5.hpp"

namespace posenc {

namespace {

using detail::AttentionShape;

// The additive bias b_h(pq, pk) of the scheme (0 for none, rope and relative).
double reference_bias(const AttentionConfig& c, std::int64_t head, double alibi_slope, std::int64_t pq,
                      std::int64_t pk) {
  switch (c.scheme) {
    case AttentionScheme::alibi: return kernels::alibi_distance_bias(alibi_slope, pq, pk);
    case AttentionScheme::t5:
      return static_cast<double>(kernels::t5_bias(c.t5_table.row(head).data(), pq, pk, c.t5.num_buckets,
                                                  c.t5.max_distance, c.t5.causal));
    case AttentionScheme::fire: {
      const FireOptions& o = c.fire_options;
      return kernels::fire_bias(pq, pk, head, o.c, o.threshold, o.eps, c.fire.hidden(), c.fire.w1.data(),
                                c.fire.b1.data(), c.fire.w2.data(), c.fire.b2.data());
    }
    case AttentionScheme::relative_bias: {
      const std::int64_t clip = (c.bias_table.cols() - 1) / 2;
      return static_cast<double>(kernels::relative_bias(c.bias_table.row(head).data(), pq, pk, clip));
    }
    case AttentionScheme::none:
    case AttentionScheme::rope:
    case AttentionScheme::relative: return 0.0;
  }
  return 0.0;
}

// RoPE rotates each row to its own position; every other scheme leaves q and k.
Matrix rotated(const Matrix& x, std::int64_t start, const AttentionConfig& c, const AttentionShape& s) {
  if (c.scheme != AttentionScheme::rope) return x;
  const RopeOptions opts = detail::attention_rope_options(c, s);
  Matrix y(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    y.row(i) = rope_apply(x.row(i), static_cast<double>(start + i), opts);
  return y;
}

HeadAttention reference_head(const Matrix& q_in, const Matrix& k_in, const Matrix& v, std::int64_t head,
                             const AttentionShape& s, const AttentionConfig& c, AttentionRequest request) {
  const Matrix q = rotated(q_in, c.query_start, c, s);
  const Matrix k = rotated(k_in, c.key_start, c, s);
  const double scale = detail::logit_scale(c, s.dim);
  const double slope = c.scheme == AttentionScheme::alibi ? alibi_slopes(s.heads)[static_cast<std::size_t>(head)] : 0.0;
  const bool shaw = c.scheme == AttentionScheme::relative;
  constexpr double kMasked = -std::numeric_limits<double>::infinity();

  HeadAttention out;
  out.output.resize(s.queries, s.value_dim);
  if (request.weights) out.weights.resize(s.queries, s.keys);
  if (request.scores) out.scores.resize(s.queries, s.keys);

  std::vector<double> logits(static_cast<std::size_t>(s.keys)), weights(logits.size());
  std::vector<double> acc(static_cast<std::size_t>(s.value_dim));
  for (std::int64_t i = 0; i < s.queries; ++i) {
    const std::int64_t pq = c.query_start + i;
    // Logits of row i.
    double max_logit = kMasked;
    for (std::int64_t j = 0; j < s.keys; ++j) {
      const std::int64_t pk = c.key_start + j;
      double& l = logits[static_cast<std::size_t>(j)];
      if (c.causal && pk > pq) {
        l = kMasked;
        continue;
      }
      double dot = 0.0;
      for (std::int64_t t = 0; t < s.dim; ++t) dot += static_cast<double>(q(i, t)) * static_cast<double>(k(j, t));
      if (shaw) {
        const Eigen::RowVectorXf a = c.shaw->key(pq, pk);
        for (std::int64_t t = 0; t < s.dim; ++t) dot += static_cast<double>(q(i, t)) * static_cast<double>(a(t));
      }
      l = scale * dot + reference_bias(c, head, slope, pq, pk);
      if (l > max_logit) max_logit = l;
    }
    // Softmax of row i.
    double total = 0.0;
    for (std::int64_t j = 0; j < s.keys; ++j) {
      const double l = logits[static_cast<std::size_t>(j)];
      const double e = l == kMasked ? 0.0 : std::exp(l - max_logit);
      weights[static_cast<std::size_t>(j)] = e;
      total += e;
    }
    // Output of row i: sum_j w_ij (v_j + a^V_ij).
    std::fill(acc.begin(), acc.end(), 0.0);
    for (std::int64_t j = 0; j < s.keys; ++j) {
      const double w = weights[static_cast<std::size_t>(j)] / total;
      if (request.weights) out.weights(i, j) = static_cast<float>(w);
      if (request.scores) {
        const double l = logits[static_cast<std::size_t>(j)];
        out.scores(i, j) = l == kMasked ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(l);
      }
      if (w == 0.0) continue;
      for (std::int64_t t = 0; t < s.value_dim; ++t)
        acc[static_cast<std::size_t>(t)] += w * static_cast<double>(v(j, t));
      if (shaw) {
        const Eigen::RowVectorXf a = c.shaw->value(pq, c.key_start + j);
        for (std::int64_t t = 0; t < s.value_dim; ++t)
          acc[static_cast<std::size_t>(t)] += w * static_cast<double>(a(t));
      }
    }
    for (std::int64_t t = 0; t < s.value_dim; ++t)
      out.output(i, t) = static_cast<float>(acc[static_cast<std::size_t>(t)]);
  }
  return out;
}

}  // namespace

AttentionResult attention_reference(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                                    const AttentionConfig& config, AttentionRequest request) {
  const detail::AttentionShape s = detail::check_attention(q, k, v, config, request);
  return detail::gather_heads(s.heads, request, [&](std::int64_t h) {
    const auto i = static_cast<std::size_t>(h);
    return reference_head(q[i], k[i], v[i], h, s, config, request);
  });
}

}  // namespace posenc
