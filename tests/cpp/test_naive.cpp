// The naive absolute encodings and the learned table: values from the notebook's
// definitions, and each pitfall the tutorial shows, as a test.
#include <doctest/doctest.h>

#include <cmath>

#include "posenc/learned.hpp"
#include "posenc/naive.hpp"
#include "posenc/nope.hpp"
#include "posenc/rng.hpp"
#include "support.hpp"

using namespace posenc;

TEST_CASE("index: p_ij = i, unbounded") {
  const Matrix p = index_encoding(1000, 3);
  CHECK(p(0, 0) == 0.0f);
  CHECK(p(7, 2) == 7.0f);
  CHECK(p(999, 1) == 999.0f);  // dwarfs a word embedding of scale ~0.1: the pitfall
}

TEST_CASE("normalized: p_ij = i/(L-1), in [0, 1], but not consistent across lengths") {
  const Matrix p5 = normalized_encoding(5, 2);
  CHECK(p5(0, 0) == 0.0f);
  CHECK(p5(2, 1) == 0.5f);
  CHECK(p5(4, 0) == 1.0f);
  const Matrix p9 = normalized_encoding(9, 2);
  // Position 2 in a length-5 sequence vs a length-9 sequence: different vectors
  // (seed erratum 3: the notebook claims the values do not depend on L).
  CHECK(p9(2, 0) == doctest::Approx(0.25));
  CHECK(p9(2, 0) != p5(2, 0));
  // L = 1 is defined as the single position 0.
  CHECK(normalized_encoding(1, 4)(0, 3) == 0.0f);
}

TEST_CASE("random: U[-1, 1), seeded, reproducible, no order") {
  const Matrix a = random_encoding(64, 16, 42);
  const Matrix b = random_encoding(64, 16, 42);
  const Matrix c = random_encoding(64, 16, 43);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.minCoeff() >= -1.0f);
  CHECK(a.maxCoeff() < 1.0f);
  // Mean of U[-1, 1) is 0, variance 1/3: 1024 draws land within a few sigma.
  const double mean = a.mean();
  const double var = (a.array() - mean).square().mean();
  CHECK(std::abs(mean) < 4.0 * std::sqrt(1.0 / 3.0 / 1024.0));
  CHECK(var == doctest::Approx(1.0 / 3.0).epsilon(0.1));
}

TEST_CASE("Rng: SplitMix64 known outputs") {
  // Vigna's splitmix64.c from state x = 0 yields 0xE220A8397B1DCDAF,
  // 0x6E789E6AA1B965F4, 0x06C45D188009454F (the published first outputs).
  Rng rng = Rng::from_state(0);
  CHECK(rng.next_u64() == 0xE220A8397B1DCDAFULL);
  CHECK(rng.next_u64() == 0x6E789E6AA1B965F4ULL);
  CHECK(rng.next_u64() == 0x06C45D188009454FULL);
  // uniform01 keeps the top 24 bits: 0xE220A8 / 2^24.
  Rng u = Rng::from_state(0);
  CHECK(u.uniform01() == static_cast<float>(0xE220A8) / 16777216.0f);
}

TEST_CASE("Rng: normal has the right moments") {
  Rng rng(7, Stream::learned_table);
  double s = 0, s2 = 0;
  const int n = 20000;
  for (int k = 0; k < n; ++k) {
    const double z = rng.normal(0.0f, 1.0f);
    s += z;
    s2 += z * z;
  }
  CHECK(std::abs(s / n) < 0.05);
  CHECK(s2 / n == doctest::Approx(1.0).epsilon(0.05));
}

TEST_CASE("learned: GPT-2 init (std 0.02), lookup, no row beyond L_max") {
  LearnedTable t(1024, 64, 1);
  const double sd = std::sqrt(t.weights().array().square().mean());
  CHECK(sd == doctest::Approx(0.02).epsilon(0.05));
  CHECK(t.lookup(10) == t.weights().topRows(10));
  CHECK(t.row(1023) == t.weights().row(1023));
  test::check_error([&] { t.lookup(1025); }, "length");
  test::check_error([&] { t.row(1024); }, "position");
  test::check_error([&] { t.row(-1); }, "position");
  // The encoding agrees with the table and is a prefix for any length.
  CHECK(learned_encoding(5, 64, 1024, 1) == t.weights().topRows(5));
  test::check_error([] { learned_encoding(2000, 8, 1024, 1); }, "length");
}

TEST_CASE("none: the zero matrix") {
  const Matrix z = none_encoding(3, 4);
  CHECK(z.rows() == 3);
  CHECK(z.cols() == 4);
  CHECK(z.isZero());
}

TEST_CASE("bad sizes: one error each, naming the argument") {
  test::check_error([] { index_encoding(0, 4); }, "length");
  test::check_error([] { index_encoding(-3, 4); }, "length");
  test::check_error([] { index_encoding(4, 0); }, "dim");
  test::check_error([] { normalized_encoding(4, 1 << 20); }, "dim");
  test::check_error([] { random_encoding(1 << 20, 4096, 0); }, "length");  // 16 GiB
  test::check_error([] { LearnedTable(0, 4, 0); }, "max_length");
  test::check_error([] { LearnedTable(4, 4, 0, -1.0f); }, "std");
}
