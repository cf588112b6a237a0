// The requirement metrics, against values derived by hand from each scheme's
// definition (see posenc/metrics.hpp for what each number means).
#include <doctest/doctest.h>

#include <cmath>

#include "posenc/metrics.hpp"
#include "support.hpp"

using namespace posenc;

namespace {
Metrics run(Scheme s, std::int64_t L, std::int64_t D, double word_scale = 1.0) {
  MetricsOptions o;
  o.encode.scheme = s;
  o.encode.length = L;
  o.encode.dim = D;
  o.word_scale = word_scale;
  return measure(o);
}
}  // namespace

TEST_CASE("index: unique (adjacent rows sqrt(D) apart), consistent, unbounded") {
  const Metrics m = run(Scheme::index, 100, 9);
  CHECK(m.min_distance == doctest::Approx(3.0));  // ||(1,...,1)|| = sqrt(9)
  CHECK(std::abs(m.closest_j - m.closest_i) == 1);
  CHECK(m.consistency == 0.0);
  CHECK(m.max_abs == 99.0);
  // RMS of i over 0..L-1 is sqrt((L-1)(2L-1)/6); word embeddings N(0, 0.5^2).
  CHECK(run(Scheme::index, 100, 9, 0.5).norm_ratio == doctest::Approx(std::sqrt(99.0 * 199.0 / 6.0) / 0.5));
  CHECK(m.extrapolates);
  CHECK(m.max_abs_beyond == 199.0);
  CHECK(m.order_spread > 0.1);  // <p_i, p_{i+k}> = D i (i + k) depends on i
  CHECK(m.parameters == 0);
  CHECK(m.adds_per_token == 9);
}

TEST_CASE("normalized: small but inconsistent across lengths (seed erratum 3)") {
  const std::int64_t L = 64, D = 4, Lh = 32;
  const Metrics m = run(Scheme::normalized, L, D);
  CHECK(m.max_abs == 1.0);
  CHECK(m.min_distance == doctest::Approx(std::sqrt(double(D)) / (L - 1)).epsilon(1e-6));
  // Largest change at i = L' - 1: 1 - (L' - 1)/(L - 1), times sqrt(D).
  CHECK(m.consistency == doctest::Approx((1.0 - double(Lh - 1) / (L - 1)) * std::sqrt(double(D))).epsilon(1e-6));
}

TEST_CASE("sinusoidal: dot products depend on the offset alone, bounded, extrapolates") {
  const Metrics m = run(Scheme::sinusoidal, 256, 32);
  CHECK(m.order_spread < 1e-6);
  CHECK(m.consistency == 0.0);
  CHECK(m.max_abs <= 1.0);
  CHECK(m.norm_ratio == doctest::Approx(std::sqrt(0.5)).epsilon(1e-6));  // ||p_i||^2 = D/2
  CHECK(m.min_distance > 0.1);
  CHECK(m.extrapolates);
  CHECK(m.max_abs_beyond <= 1.0);
  CHECK(m.parameters == 0);
  CHECK(m.transcendentals_per_token == 32);
}

TEST_CASE("learned: L_max x D parameters and no vectors beyond L_max") {
  const Metrics m = run(Scheme::learned, 128, 8);
  CHECK(m.parameters == 128 * 8);
  CHECK_FALSE(m.extrapolates);
  CHECK(m.extrapolation_error.find("max_length = 128") != std::string::npos);
  CHECK(m.consistency == 0.0);
  CHECK(m.max_abs < 0.2);  // N(0, 0.02^2): beyond 10 sigma is never seen
}

TEST_CASE("none and random: no uniqueness vs stored table") {
  const Metrics z = run(Scheme::none, 10, 4);
  CHECK(z.min_distance == 0.0);
  CHECK(z.adds_per_token == 0);
  const Metrics r = run(Scheme::random, 50, 6);
  CHECK(r.stored_values == 300);
  CHECK(r.min_distance > 0.0);
  CHECK(r.max_abs < 1.0);
}

TEST_CASE("metrics: bad input") {
  test::check_error([] { run(Scheme::index, 1, 4); }, "length");
  test::check_error([] { run(Scheme::index, 5000, 4); }, "length");
  test::check_error([] { run(Scheme::index, 4096, 4096); }, "length");  // L^2 D > 2^34
  test::check_error([] { run(Scheme::index, 8, 4, 0.0); }, "word_scale");
  test::check_error([] { run(Scheme::rope, 8, 4); }, "scheme");
}
