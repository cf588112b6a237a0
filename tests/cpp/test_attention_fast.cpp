// The fast attention path held to the reference, for every scheme, with and
// without the causal mask, at sizes that are not multiples of the tiles (the fast
// path takes 64 queries x 256 keys at a time), with query and key blocks at their
// own positions (KV cache), and the weights and logits it returns on request.
#include <doctest/doctest.h>

#include <string>

#include "attention_support.hpp"

using namespace posenc;
using posenc::test::check_close;
using posenc::test::random_heads;
using posenc::test::seeded_config;

namespace {

struct Case {
  std::int64_t heads, queries, keys, dim;
  std::int64_t query_start, key_start;
};

void compare(AttentionScheme scheme, bool causal, Case k) {
  if (scheme == AttentionScheme::rope && k.dim % 2 == 1) ++k.dim;  // RoPE rotates pairs of dims
  const auto q = random_heads(k.heads, k.queries, k.dim, 1);
  const auto kk = random_heads(k.heads, k.keys, k.dim, 2);
  const auto v = random_heads(k.heads, k.keys, k.dim, 3);
  AttentionConfig c = seeded_config(scheme, k.heads, k.dim, causal);
  c.query_start = k.query_start;
  c.key_start = k.key_start;
  const AttentionRequest all{true, true};
  const AttentionResult fast = attention(q, kk, v, c, all);
  const AttentionResult ref = attention_reference(q, kk, v, c, all);
  const std::string what = std::string(attention_scheme_name(scheme)) + (causal ? " causal" : "") + " H=" +
                           std::to_string(k.heads) + " Lq=" + std::to_string(k.queries) +
                           " Lk=" + std::to_string(k.keys) + " d=" + std::to_string(k.dim) +
                           " starts=" + std::to_string(k.query_start) + "," + std::to_string(k.key_start);
  // float32 logits of ~N(0, 1) size: a few ulp of the dot product, relative.
  check_close(fast.scores, ref.scores, 2e-5, 2e-5, what + " scores");
  check_close(fast.weights, ref.weights, 2e-6, 1e-4, what + " weights");
  check_close(fast.output, ref.output, 2e-5, 1e-4, what + " output");
  // Without a request the output is the same (the no-L x L path).
  const AttentionResult lean = attention(q, kk, v, c);
  CHECK(lean.weights.empty());
  CHECK(lean.scores.empty());
  check_close(lean.output, fast.output, 0.0, 0.0, what + " output without weights");
}

}  // namespace

TEST_CASE("attention: fast path equals the reference for every scheme, causal or not, odd sizes") {
  const Case cases[] = {
      {1, 1, 1, 1, 0, 0},        // the smallest call
      {3, 7, 7, 5, 0, 0},        // odd everything
      {2, 65, 65, 8, 0, 0},      // one query past a block
      {2, 70, 300, 6, 0, 0},     // keys past a tile, Lq != Lk
      {2, 33, 300, 4, 267, 0},   // a query block at the end of the keys (KV cache)
      {1, 5, 9, 4, 1000, 996},   // far positions
      {1, 5, 9, 4, 3000, 0},     // every key far before every query (FIRE's psi table starts past 0)
      {1, 5, 9, 4, 0, 3000},     // every key far after every query (not causal)
  };
  for (AttentionScheme scheme : posenc::test::all_attention_schemes())
    for (bool causal : {false, true})
      for (const Case& k : cases) {
        if (causal && k.key_start > k.query_start) continue;
        compare(scheme, causal, k);
      }
}

TEST_CASE("attention: rope with interleaved pairing, partial rotary and yarn scaling matches the reference") {
  for (bool causal : {false, true}) {
    const auto q = random_heads(2, 19, 12, 4), k = random_heads(2, 19, 12, 5), v = random_heads(2, 19, 12, 6);
    AttentionConfig c = seeded_config(AttentionScheme::rope, 2, 12, causal);
    c.rope.pairing = RopePairing::interleaved;
    c.rope.partial = 0.5;
    c.rope.scaling = RopeScaling::yarn;
    c.rope.factor = 4.0;
    c.rope.original_max_length = 8;
    c.query_start = 40;
    c.key_start = 40;
    const AttentionRequest all{true, true};
    const auto fast = attention(q, k, v, c, all);
    const auto ref = attention_reference(q, k, v, c, all);
    check_close(fast.scores, ref.scores, 2e-5, 2e-5, "rope yarn scores");
    check_close(fast.output, ref.output, 2e-5, 1e-4, "rope yarn output");
  }
}

TEST_CASE("attention: one head at a time and the single-sequence form agree with the multi-head call") {
  const auto q = random_heads(3, 10, 4, 7), k = random_heads(3, 10, 4, 8), v = random_heads(3, 10, 4, 9);
  for (AttentionScheme scheme : posenc::test::all_attention_schemes()) {
    const AttentionConfig c = seeded_config(scheme, 3, 4, true);
    const AttentionResult all = attention(q, k, v, c, {true, false});
    for (std::int64_t h = 0; h < 3; ++h) {
      const auto i = static_cast<std::size_t>(h);
      const HeadAttention one = attention_head(q[i], k[i], v[i], h, 3, c, {true, false});
      check_close({one.output}, {all.output[i]}, 0.0, 0.0, "head output");
      check_close({one.weights}, {all.weights[i]}, 0.0, 0.0, "head weights");
    }
    const AttentionConfig c1 = seeded_config(scheme, 1, 4, false);
    const Matrix single = attention(q[0], k[0], v[0], c1);
    check_close({single}, attention_reference({q[0]}, {k[0]}, {v[0]}, c1).output, 2e-5, 1e-4, "single sequence");
  }
}
