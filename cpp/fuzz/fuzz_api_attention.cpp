// Attention: every scheme with seeded tables of fuzzed sizes, fuzzed positions,
// scale, mask, RoPE scaling and FIRE options, fuzzed shapes (heads of mismatched
// sizes too) and values (moderate, huge, or one NaN/Inf entry).
//
// Accepted calls: output and weights finite, scores NaN exactly where masked
// (causal, pk > pq); attention_head and the single-sequence overload equal to
// attention; and, for moderate values (|x| <= 4, scale <= 1, table std <= 2),
// attention within the tolerances of tests/cpp/test_attention_fast.cpp of
// attention_reference (scores 2e-5 + 2e-5 |ref|, weights 2e-6 + 1e-4 |ref|, output
// 2e-5 + 1e-4 |ref|).
#include <cmath>
#include <optional>

#include "fuzz_api.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_draw.hpp"
#include "posenc/attention.hpp"
#include "posenc/rng.hpp"

namespace posenc::fuzz {

namespace {

struct Draw {
  AttentionScheme scheme = AttentionScheme::none;
  Size heads{1}, dim{1};  // seeded_attention_config takes them (with `table`)
  std::int64_t queries = 1, keys = 1, value_dim = 1;
  bool causal = false;
  std::uint64_t seed = 0;
  SeededTables tables;
  Size table;  // the size of the scheme's own table: buckets, clip or FIRE width
  double magnitude = 1.0;
  int poke = -1;  // which tensor gets one odd value (0 q, 1 k, 2 v), -1 none
  float odd = 0.0f;
  bool mismatch = false;  // the last head one row short
  AttentionRequest request;
};

HeadMatrices tensor(const Draw& d, std::int64_t rows, std::int64_t cols, Stream stream, int which) {
  Rng rng(d.seed, stream);
  HeadMatrices out;
  const auto heads = buildable(d.heads, kSmallHeads);
  for (Eigen::Index h = 0; h < heads; ++h) {
    Matrix m(buildable(rows, 16) - (d.mismatch && h + 1 == heads && rows > 0 && which == 0 ? 1 : 0), buildable(cols, 16));
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = rng.normal(0.0f, 1.0f) * static_cast<float>(d.magnitude);
    if (d.poke == which && m.size() > 0) m.data()[m.size() / 2] = d.odd;
    out.push_back(std::move(m));
  }
  return out;
}

Draw draw(FuzzInput& in) {
  static constexpr AttentionScheme all[] = {AttentionScheme::none, AttentionScheme::rope, AttentionScheme::alibi,
                                            AttentionScheme::t5,   AttentionScheme::fire, AttentionScheme::relative_bias,
                                            AttentionScheme::relative};
  Draw d;
  d.scheme = all[in.pick(7)];
  d.heads = in.size(1, 4, kMaxHeads);
  d.queries = in.size(1, 16, kMaxLength);
  d.keys = in.flag() ? d.queries : in.size(1, 16, kMaxLength);
  d.dim = in.size(1, 16, kMaxDim);
  d.value_dim = in.flag() ? d.dim : in.size(1, 16, kMaxDim);
  d.causal = in.flag();
  d.seed = draw_seed(in);
  if (in.flag()) {
    const Size buckets = in.size(2, 64, kMaxBuckets);
    d.tables.num_buckets = buckets;
    d.tables.max_distance = in.flag() ? in.any_int() : static_cast<std::int64_t>(in.u16());
    const Size clip = in.size(0, 16, kMaxLength);
    d.tables.clip = clip;
    const Size hidden = in.size(1, 16, kMaxFireHidden);
    d.tables.fire_hidden = hidden;
    d.table = d.scheme == AttentionScheme::t5     ? buckets
              : d.scheme == AttentionScheme::fire ? hidden
              : d.scheme == AttentionScheme::relative || d.scheme == AttentionScheme::relative_bias ? clip
                                                                                                    : Size{};
    d.tables.std = static_cast<float>(in.real(0.0, 2.0));
  }
  return d;
}

// The options that make no work: positions, scale, RoPE and FIRE options, straight
// into the config; then the values of the tensors and the request.
void draw_options(FuzzInput& in, Draw& d, AttentionConfig& c) {
  if (in.flag()) {
    c.query_start = in.flag() ? in.any_int() : in.byte();
    c.key_start = in.flag() ? c.query_start : in.flag() ? in.any_int() : in.byte();
  }
  c.scale = in.flag() ? 0.0 : in.real(0.0, 1.0);
  if (d.scheme == AttentionScheme::rope) c.rope = draw_rope(in);
  if (d.scheme == AttentionScheme::fire && in.flag()) {
    c.fire_options.c = in.real(0.0, 10.0);
    c.fire_options.threshold = in.real(1.0, 1e4);
    c.fire_options.eps = in.real(0.0, 1.0);
  }
  d.magnitude = in.flag() ? 1.0 : in.real(0.0, 4.0);
  if (in.byte() >= 224) {
    d.poke = static_cast<int>(in.pick(3));
    d.odd = static_cast<float>(in.real(-1e38, 1e38));
  }
  d.mismatch = in.byte() >= 240;
  d.request.weights = in.flag();
  d.request.scores = in.flag();
}

// Where the doctest tolerances hold. Not at far positions: there ALiBi's bias
// -m |pk - pq| is large (2^20 m) and the fast path's float32 logits keep about
// 2^-24 of it, the reference's doubles more (seen: weights 0.080999 vs 0.080949 at
// query_start 2^20; a precision limit of float32 logits, kept as crash-bcaae705).
bool moderate(const Draw& d, const AttentionConfig& c) {
  return d.magnitude <= 4.0 && d.poke < 0 && c.scale <= 1.0 && d.tables.std <= 2.0f && c.query_start <= 4096 &&
         c.key_start <= 4096;
}

void check_result(const AttentionResult& r, const Draw& d, const AttentionConfig& c) {
  finite(r.output, "attention output");
  finite(r.weights, "attention weights");
  for (const Matrix& s : r.scores)
    for (Eigen::Index i = 0; i < s.rows(); ++i)
      for (Eigen::Index j = 0; j < s.cols(); ++j) {
        const bool masked = d.causal && c.key_start + j > c.query_start + i;
        if (masked != std::isnan(s(i, j)))
          fail(std::string("attention scores: ") + (masked ? "a masked logit is not NaN" : "an unmasked logit is not finite") +
               " at [" + std::to_string(i) + "][" + std::to_string(j) + "]");
        if (!masked) finite_value(s(i, j), "attention scores", i, j);
      }
}

}  // namespace

void fuzz_attention(FuzzInput& in) {
  Draw d = draw(in);
  if (!in.may_run()) return;
  AttentionConfig c;
  // Tables of a large valid size are not built (an invalid size elsewhere, say Lq,
  // lets the input run); attention must then refuse the config without them.
  if (!may_run_with({d.heads, d.dim, d.table}) || !guarded("seeded_attention_config", [&] {
        c = seeded_attention_config(d.scheme, d.heads, d.dim, d.causal, d.seed, d.tables);
      })) {
    // Still call attention with a config whose tables do not fit: it must refuse.
    c = AttentionConfig{};
    c.scheme = d.scheme;
    c.causal = d.causal;
  }
  draw_options(in, d, c);
  const HeadMatrices q = tensor(d, d.queries, d.dim, Stream::attention_q, 0);
  const HeadMatrices k = tensor(d, d.keys, d.dim, Stream::attention_k, 1);
  const HeadMatrices v = tensor(d, d.keys, d.value_dim, Stream::attention_v, 2);
  AttentionResult fast;
  const bool ok = guarded("attention", [&] { fast = attention(q, k, v, c, d.request); });
  AttentionResult ref;
  const bool ok_ref = guarded("attention_reference", [&] { ref = attention_reference(q, k, v, c, d.request); });
  if (ok != ok_ref) fail("attention and attention_reference disagree on accepting the input");
  if (!ok) return;
  check_result(fast, d, c);
  check_result(ref, d, c);
  if (moderate(d, c)) {
    close(fast.scores, ref.scores, 2e-5, 2e-5, "attention scores vs reference");
    close(fast.weights, ref.weights, 2e-6, 1e-4, "attention weights vs reference");
    close(fast.output, ref.output, 2e-5, 1e-4, "attention output vs reference");
  }
  const auto heads = static_cast<std::int64_t>(q.size());
  for (std::int64_t h = 0; h < heads; ++h) {
    HeadAttention one;
    const auto u = static_cast<std::size_t>(h);
    if (!guarded("attention_head", [&] { one = attention_head(q[u], k[u], v[u], h, heads, c, d.request); }))
      fail("attention_head refused a head that attention accepted");
    if (one.output != fast.output[u]) fail("attention_head differs from attention (output)");
    if (d.request.weights && one.weights != fast.weights[u]) fail("attention_head differs from attention (weights)");
  }
  if (heads == 1) {
    Matrix single;
    if (guarded("attention(single)", [&] { single = attention(q[0], k[0], v[0], c); }) && single != fast.output[0])
      fail("single-sequence attention differs from attention with H = 1");
  }
}

}  // namespace posenc::fuzz
