// FIRE attention's fast path evaluates the MLP f(u) as a piecewise-linear function
// (attention_bias.cpp: one sorted sweep over the units' switch points). These
// cases hold it to the reference, which runs the MLP at every (i, j), on weights
// built to hit the sweep's edges: units that never switch (w1 = 0), several units
// switching at one point, units switching on and off, the widest MLP; and the
// weight bound kMaxFireWeight, which keeps f(u) inside float32.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attention_support.hpp"
#include "posenc/attention.hpp"
#include "posenc/fire.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

// The logits s_ij (with the FIRE bias) of the fast path against the reference's.
void check_scores(const AttentionConfig& c, std::int64_t queries, std::int64_t keys, const char* what) {
  const std::int64_t heads = c.fire.heads();
  const HeadMatrices q = test::random_heads(heads, queries, 4, 1), k = test::random_heads(heads, keys, 4, 2),
                     v = test::random_heads(heads, keys, 4, 3);
  const AttentionRequest scores{false, true};
  const AttentionResult fast = attention(q, k, v, c, scores), slow = attention_reference(q, k, v, c, scores);
  for (const Matrix& m : fast.scores)
    for (Eigen::Index i = 0; i < m.size(); ++i) REQUIRE((std::isfinite(m.data()[i]) || std::isnan(m.data()[i])));
  test::check_close(fast.scores, slow.scores, 1e-4, 1e-5, what);
}

AttentionConfig fire_config(const FireWeights& w, bool causal) {
  AttentionConfig c = seeded_attention_config(AttentionScheme::fire, w.heads(), 4, causal, 0);
  c.fire = w;
  c.fire_options.threshold = 4.0;
  return c;
}

}  // namespace

TEST_CASE("fire segments: units that never switch, shared switch points, on and off") {
  // Switch points x = -b1 / w1: 0.25 (three units, two turning on, one off), 0.5,
  // 0.75 (off); two units with w1 = 0 (one always on, one never).
  FireWeights w;
  w.w1 = Vector::Map(std::vector<float>{4.0f, -8.0f, 2.0f, 2.0f, -4.0f, 0.0f, 0.0f}.data(), 7);
  w.b1 = Vector::Map(std::vector<float>{-1.0f, 2.0f, -0.5f, -1.0f, 3.0f, 0.7f, -0.7f}.data(), 7);
  w.w2.resize(2, 7);
  w.w2 << 1.0f, 0.5f, -2.0f, 3.0f, -1.0f, 10.0f, 10.0f,  //
      -0.25f, 1.5f, 0.75f, -1.0f, 2.0f, -3.0f, 7.0f;
  w.b2 = Vector::Map(std::vector<float>{0.1f, -0.2f}.data(), 2);
  for (bool causal : {true, false}) check_scores(fire_config(w, causal), 24, 24, "hand-built weights");
}

TEST_CASE("fire segments: the widest MLP (W = kMaxFireHidden), seeded, keys before and after the queries") {
  AttentionConfig c = fire_config(fire_weights(3, kMaxFireHidden, 11), false);
  c.query_start = 40;
  c.key_start = 0;
  check_scores(c, 16, 64, "W = 4096");
}

TEST_CASE("fire weights: |value| up to kMaxFireWeight give finite biases, past it an error naming the tensor") {
  // Every unit on for u > 0, contributions of one sign: the largest |f(u)| the
  // bound allows, with u far above 1 (keys 2^20 after the query, c at its minimum).
  const auto m = static_cast<float>(kMaxFireWeight);
  FireWeights w;
  w.w1 = Vector::Constant(kMaxFireHidden, m);
  w.b1 = Vector::Constant(kMaxFireHidden, m);
  w.w2 = Matrix::Constant(1, kMaxFireHidden, m);
  w.b2 = Vector::Constant(1, m);
  AttentionConfig c = fire_config(w, false);
  c.fire_options.c = kMinFireC;
  c.fire_options.threshold = 1.0;
  c.key_start = std::int64_t{1} << 20;
  check_scores(c, 4, 4, "weights at kMaxFireWeight");
  const HeadMatrices bias = fire_bias(8, w, c.fire_options);
  for (Eigen::Index i = 0; i < 8; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) REQUIRE(std::isfinite(bias[0](i, j)));

  // Each tensor refuses a value past the bound (and a non-finite one), by name.
  const float past = std::nextafter(m, HUGE_VALF);
  for (const char* arg : {"w1", "b1", "w2", "b2"}) {
    for (float bad : {past, -past, HUGE_VALF}) {
      FireWeights tampered = w;
      const std::string name = arg;
      float* first = name == "w1"   ? tampered.w1.data()
                     : name == "b1" ? tampered.b1.data()
                     : name == "w2" ? tampered.w2.data()
                                    : tampered.b2.data();
      *first = bad;
      test::check_error([&] { check_fire_weights(tampered); }, arg);
      test::check_error([&] { fire_bias(4, tampered, c.fire_options); }, arg);
    }
  }
}
