// FIRE's scale c at the low end of its range: accepted values give finite
// attention, smaller ones are refused by attention naming c (found by the API fuzzer: c = 7e-304
// was accepted and the fast path's float32 psi and 1 / psi gave 0 x inf = NaN).
#include <doctest/doctest.h>

#include <cmath>

#include "attention_support.hpp"
#include "posenc/attention.hpp"
#include "posenc/fire.hpp"
#include "support.hpp"

using namespace posenc;

TEST_CASE("fire: c at kMinFireC gives finite attention, below it an error naming c") {
  const HeadMatrices q = test::random_heads(1, 7, 7, 1), k = test::random_heads(1, 7, 7, 2),
                     v = test::random_heads(1, 7, 7, 3);
  AttentionConfig c = seeded_attention_config(AttentionScheme::fire, 1, 7, false, 0);
  c.fire_options.threshold = 1.0;
  c.fire_options.c = kMinFireC;
  const AttentionResult r = attention(q, k, v, c);
  for (Eigen::Index i = 0; i < r.output[0].size(); ++i) CHECK(std::isfinite(r.output[0].data()[i]));
  test::check_close(r.output, attention_reference(q, k, v, c).output, 2e-5, 1e-4, "fire at kMinFireC");
  c.fire_options.c = 7.29112e-304;
  test::check_error([&] { attention(q, k, v, c); }, "c");
  CHECK(std::isfinite(fire_bias(3, 1, 0, c.fire_options)[0](2, 1)));  // the double path takes any c > 0
}
