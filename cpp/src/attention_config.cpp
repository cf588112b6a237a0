// Implementation of posenc/attention.hpp, part 1: scheme names, argument checks
// (shared by the fast and the reference path) and the seeded parameter tables.
#include <cmath>
#include <string>

#include "attention_internal.hpp"
#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"

namespace posenc {

std::string_view attention_scheme_name(AttentionScheme scheme) {
  switch (scheme) {
    case AttentionScheme::none: return "none";
    case AttentionScheme::rope: return "rope";
    case AttentionScheme::alibi: return "alibi";
    case AttentionScheme::t5: return "t5";
    case AttentionScheme::fire: return "fire";
    case AttentionScheme::relative_bias: return "relative-bias";
    case AttentionScheme::relative: return "relative";
  }
  return "?";
}

AttentionScheme parse_attention_scheme(std::string_view name, std::string_view arg) {
  using S = AttentionScheme;
  return parse_choice<S>(arg, name,
                         {{"none", S::none},
                          {"rope", S::rope},
                          {"alibi", S::alibi},
                          {"t5", S::t5},
                          {"fire", S::fire},
                          {"relative-bias", S::relative_bias},
                          {"relative", S::relative}});
}

namespace {

Matrix normal_table(std::int64_t rows, std::int64_t cols, std::uint64_t seed, Stream stream, float std) {
  require_real("std", std, 0.0, 10.0, /*lo_open=*/true);
  Rng rng(seed, stream);
  Matrix t(rows, cols);
  for (Eigen::Index r = 0; r < t.rows(); ++r)
    for (Eigen::Index c = 0; c < t.cols(); ++c) t(r, c) = rng.normal(0.0f, std);
  return t;
}

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

void check_finite(const char* arg, const Matrix& m, std::int64_t head, double largest = HUGE_VAL) {
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c)
      if (!(std::isfinite(m(r, c)) && std::fabs(m(r, c)) <= largest)) {
        throw Error(arg,
                    format_value(static_cast<double>(m(r, c))) + " at [" + std::to_string(head) + "][" +
                        std::to_string(r) + "][" + std::to_string(c) + "]",
                    largest == HUGE_VAL ? std::string("finite numbers")
                                        : "finite numbers with |x| <= " + format_value(largest) +
                                              " (so that scale x d x |q| x |k| stays far inside float32)");
      }
}

// Shape of one head's q, k, v: every head must have the same sizes as head 0.
void check_head_shapes(const Matrix& q, const Matrix& k, const Matrix& v, std::int64_t head,
                       detail::AttentionShape& s, bool first) {
  if (first) {
    s.queries = q.rows();
    s.dim = q.cols();
    if (s.queries < 1 || s.queries > kMaxLength || s.dim < 1 || s.dim > kMaxDim)
      throw Error("q", shape_text(q.rows(), q.cols()) + " (head " + std::to_string(head) + ")",
                  "Lq x d with Lq in [1, " + std::to_string(kMaxLength) + "], d in [1, " + std::to_string(kMaxDim) +
                      "]");
    s.keys = k.rows();
    if (s.keys < 1 || s.keys > kMaxLength)
      throw Error("k", shape_text(k.rows(), k.cols()) + " (head " + std::to_string(head) + ")",
                  "Lk x d with Lk in [1, " + std::to_string(kMaxLength) + "]");
    s.value_dim = v.cols();
    if (s.value_dim < 1 || s.value_dim > kMaxDim)
      throw Error("v", shape_text(v.rows(), v.cols()) + " (head " + std::to_string(head) + ")",
                  "Lk x dv with dv in [1, " + std::to_string(kMaxDim) + "]");
  }
  const std::string h = " (head " + std::to_string(head) + ")";
  if (q.rows() != s.queries || q.cols() != s.dim)
    throw Error("q", shape_text(q.rows(), q.cols()) + h, "Lq x d = " + shape_text(s.queries, s.dim) + " as head 0");
  if (k.rows() != s.keys || k.cols() != s.dim)
    throw Error("k", shape_text(k.rows(), k.cols()) + h,
                "Lk x d = " + shape_text(s.keys, s.dim) + " (d as q, Lk as head 0)");
  if (v.rows() != s.keys || v.cols() != s.value_dim)
    throw Error("v", shape_text(v.rows(), v.cols()) + h,
                "Lk x dv = " + shape_text(s.keys, s.value_dim) + " (Lk as k, dv as head 0)");
  check_finite("q", q, head, kMaxAttentionInput);
  check_finite("k", k, head, kMaxAttentionInput);
  check_finite("v", v, head, kMaxAttentionInput);
}

// Everything that does not depend on the tensors' values: positions, mask, scale,
// the scheme's parameters, the size of the requested matrices.
// request_heads: how many Lq x Lk matrices each requested output holds.
void check_config(const AttentionConfig& c, const detail::AttentionShape& s, AttentionRequest request,
                  std::int64_t request_heads) {
  require_int("query_start", c.query_start, 0, kMaxPosition - (s.queries - 1));
  require_int("key_start", c.key_start, 0, kMaxPosition - (s.keys - 1));
  if (c.causal && c.key_start > c.query_start) {
    throw Error("query_start", format_value(c.query_start),
                "at least key_start = " + format_value(c.key_start) +
                    " under the causal mask (else query 0 sees no key)");
  }
  require_real("scale", c.scale, 0.0, 1e6);
  const double matrices =
      static_cast<double>(request_heads) * static_cast<double>(s.queries) * static_cast<double>(s.keys);
  const std::string what = "heads x Lq x Lk = " + std::to_string(request_heads) + " x " + std::to_string(s.queries) +
                           " x " + std::to_string(s.keys);
  if (request.weights) require_output_size("weights", matrices, what);
  if (request.scores) require_output_size("scores", matrices, what);

  const std::string heads_text = std::to_string(s.heads);
  switch (c.scheme) {
    case AttentionScheme::none:
    case AttentionScheme::alibi: break;
    case AttentionScheme::rope: {
      const RopeFrequencies f = rope_frequencies(s.dim, c.rope);
      (void)f;
      break;
    }
    case AttentionScheme::t5:
      check_t5_options(c.t5);
      if (c.t5_table.rows() != s.heads || c.t5_table.cols() != c.t5.num_buckets)
        throw Error("t5_table", shape_text(c.t5_table.rows(), c.t5_table.cols()),
                    "H x num_buckets = " + shape_text(s.heads, c.t5.num_buckets));
      check_finite("t5_table", c.t5_table, 0);
      break;
    case AttentionScheme::fire:
      check_fire_options(c.fire_options);
      require_real("c", c.fire_options.c, kMinFireC, 1e6);  // float32 psi (fire.hpp)
      check_fire_weights(c.fire);
      if (c.fire.heads() != s.heads)
        throw Error("fire", std::to_string(c.fire.heads()) + " heads (rows of w2)", "H = " + heads_text);
      break;
    case AttentionScheme::relative_bias: {
      const Eigen::Index cols = c.bias_table.cols();
      if (c.bias_table.rows() != s.heads || cols % 2 == 0 || cols > 2 * kMaxLength + 1)
        throw Error("bias_table", shape_text(c.bias_table.rows(), cols),
                    "H x (2 clip + 1) with H = " + heads_text + ", clip in [0, " + std::to_string(kMaxLength) + "]");
      check_finite("bias_table", c.bias_table, 0);
      break;
    }
    case AttentionScheme::relative:
      if (!c.shaw) throw Error("shaw", "none", "Shaw key and value tables (ShawTables) for scheme relative");
      if (c.shaw->dim() != s.dim || s.value_dim != s.dim)
        throw Error("shaw", "width " + std::to_string(c.shaw->dim()),
                    "d = " + std::to_string(s.dim) + " (and v of the same width dv = d, here " +
                        std::to_string(s.value_dim) + ")");
      break;
  }
}

}  // namespace

namespace detail {

AttentionShape check_attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                               const AttentionConfig& config, AttentionRequest request) {
  AttentionShape s;
  s.heads = require_int("heads", static_cast<std::int64_t>(q.size()), 1, kMaxHeads);
  if (k.size() != q.size())
    throw Error("k", std::to_string(k.size()) + " heads", "H = " + std::to_string(s.heads) + " heads as q");
  if (v.size() != q.size())
    throw Error("v", std::to_string(v.size()) + " heads", "H = " + std::to_string(s.heads) + " heads as q");
  for (std::size_t h = 0; h < q.size(); ++h)
    check_head_shapes(q[h], k[h], v[h], static_cast<std::int64_t>(h), s, h == 0);
  check_config(config, s, request, s.heads);
  return s;
}

AttentionShape check_attention_head(const Matrix& q, const Matrix& k, const Matrix& v, std::int64_t head,
                                    std::int64_t heads, const AttentionConfig& config, AttentionRequest request) {
  AttentionShape s;
  s.heads = require_int("heads", heads, 1, kMaxHeads);
  require_int("head", head, 0, heads - 1);
  check_head_shapes(q, k, v, head, s, true);
  check_config(config, s, request, /*request_heads=*/1);  // one Lq x Lk matrix per request
  return s;
}

double logit_scale(const AttentionConfig& config, std::int64_t dim) {
  double scale = config.scale > 0.0 ? config.scale : 1.0 / std::sqrt(static_cast<double>(dim));
  if (config.scheme == AttentionScheme::rope) {
    const double a = rope_frequencies(dim, config.rope).attention_factor;
    scale *= a * a;
  }
  return scale;
}

RopeOptions attention_rope_options(const AttentionConfig& config, const AttentionShape& shape) {
  RopeOptions o = config.rope;
  const std::int64_t seen = std::max(config.query_start + shape.queries, config.key_start + shape.keys);
  if (o.seq_len < seen) o.seq_len = std::min<std::int64_t>(seen, kMaxPosition);
  return o;
}

}  // namespace detail

Matrix t5_bias_table(std::int64_t heads, std::int64_t num_buckets, std::uint64_t seed, float std) {
  require_int("heads", heads, 1, kMaxHeads);
  require_int("num_buckets", num_buckets, 2, kMaxBuckets);
  require_output_size("num_buckets", static_cast<double>(heads) * static_cast<double>(num_buckets),
                      "heads x num_buckets");
  return normal_table(heads, num_buckets, seed, Stream::t5_bias, std);
}

Matrix relative_bias_table(std::int64_t heads, std::int64_t clip, std::uint64_t seed, float std) {
  require_int("heads", heads, 1, kMaxHeads);
  require_int("clip", clip, 0, kMaxLength);
  return normal_table(heads, 2 * clip + 1, seed, Stream::relative_bias, std);
}

AttentionConfig seeded_attention_config(AttentionScheme scheme, std::int64_t heads, std::int64_t dim, bool causal,
                                        std::uint64_t seed, const SeededTables& tables) {
  require_int("heads", heads, 1, kMaxHeads);
  require_int("dim", dim, 1, kMaxDim);
  AttentionConfig c;
  c.scheme = scheme;
  c.causal = causal;
  switch (scheme) {
    case AttentionScheme::none:
    case AttentionScheme::rope:
    case AttentionScheme::alibi: break;
    case AttentionScheme::t5:
      c.t5.num_buckets = tables.num_buckets;
      c.t5.max_distance = tables.max_distance;
      c.t5.causal = causal;
      check_t5_options(c.t5);
      c.t5_table = t5_bias_table(heads, c.t5.num_buckets, seed, tables.std);
      break;
    case AttentionScheme::fire: c.fire = fire_weights(heads, tables.fire_hidden, seed); break;
    case AttentionScheme::relative_bias: c.bias_table = relative_bias_table(heads, tables.clip, seed, tables.std); break;
    case AttentionScheme::relative: c.shaw.emplace(tables.clip, dim, seed, tables.std); break;
  }
  return c;
}

}  // namespace posenc
