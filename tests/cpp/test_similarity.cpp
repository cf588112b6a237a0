// posenc::similarity: held to obvious loops, and to what the tutorial claims:
// sinusoidal dot products depend on the offset j - i alone and equal
// sum_m cos(w_m k) (Vaswani et al. 2017, section 3.5); `index` rows all point the
// same way; random vectors in high dimension are nearly orthogonal.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "posenc/naive.hpp"
#include "posenc/similarity.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

Similarity run(Scheme scheme, std::int64_t L, std::int64_t D, SimilarityMeasure m = SimilarityMeasure::dot,
               SinusoidalOptions sin = {}) {
  SimilarityOptions o;
  o.encode.scheme = scheme;
  o.encode.length = L;
  o.encode.dim = D;
  o.encode.sinusoid = sin;
  o.encode.seed = 7;
  o.measure = m;
  return similarity(o);
}

// The obvious reference: one dot product per pair, in long double.
long double ref_entry(const Matrix& p, Eigen::Index i, Eigen::Index j, SimilarityMeasure m) {
  long double dot = 0, ni = 0, nj = 0;
  for (Eigen::Index k = 0; k < p.cols(); ++k) {
    dot += static_cast<long double>(p(i, k)) * p(j, k);
    ni += static_cast<long double>(p(i, k)) * p(i, k);
    nj += static_cast<long double>(p(j, k)) * p(j, k);
  }
  if (m == SimilarityMeasure::dot) return dot;
  return (ni == 0 || nj == 0) ? NAN : dot / sqrtl(ni * nj);
}

// The paper's angular frequencies, written from the formulas: paper spacing
// w_m = base^(-2m/D); endpoint (tensor2tensor) w_m = base^(-m/(D/2 - 1)).
long double omega(int m, int D, long double base, Spacing spacing) {
  if (spacing == Spacing::paper) return powl(base, -2.0L * m / D);
  const int n = D / 2;
  return powl(base, -static_cast<long double>(m) / (n > 1 ? n - 1 : 1));
}

// <PE(i), PE(i + k)> = sum_m sin(i w) sin((i+k) w) + cos(i w) cos((i+k) w) = sum_m cos(w_m k).
long double sinusoid_dot(std::int64_t k, int D, long double base, Spacing spacing) {
  long double s = 0;
  for (int m = 0; m < D / 2; ++m) s += cosl(omega(m, D, base, spacing) * k);
  return s;
}

}  // namespace

TEST_CASE("similarity: the Gram matrix and the offset statistics equal obvious loops") {
  const Matrix p = random_encoding(9, 5, 3);
  for (SimilarityMeasure m : {SimilarityMeasure::dot, SimilarityMeasure::cosine}) {
    const Similarity s = similarity_of(p, m);
    REQUIRE(s.matrix.rows() == 9);
    REQUIRE(s.matrix.cols() == 9);
    for (Eigen::Index i = 0; i < 9; ++i)
      for (Eigen::Index j = 0; j < 9; ++j) CHECK(s.matrix(i, j) == doctest::Approx(double(ref_entry(p, i, j, m))).epsilon(1e-6));
    REQUIRE(s.by_offset.offset.size() == 17);
    for (std::size_t n = 0; n < 17; ++n) {
      const std::int64_t k = s.by_offset.offset[n];
      CHECK(k == static_cast<std::int64_t>(n) - 8);
      long double sum = 0, lo = 1e30L, hi = -1e30L;
      std::int64_t count = 0;
      for (std::int64_t i = 0; i < 9; ++i) {
        if (i + k < 0 || i + k >= 9) continue;
        const long double v = ref_entry(p, i, i + k, m);
        sum += v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        ++count;
      }
      CHECK(s.by_offset.pairs[n] == count);
      CHECK(count == 9 - std::abs(k));
      CHECK(s.by_offset.mean[n] == doctest::Approx(double(sum / count)).epsilon(1e-9));
      CHECK(s.by_offset.min[n] == doctest::Approx(double(lo)).epsilon(1e-9));
      CHECK(s.by_offset.max[n] == doctest::Approx(double(hi)).epsilon(1e-9));
    }
  }
}

TEST_CASE("similarity: symmetric, for every absolute scheme and both measures") {
  for (Scheme scheme : absolute_schemes()) {
    for (SimilarityMeasure m : {SimilarityMeasure::dot, SimilarityMeasure::cosine}) {
      const Similarity s = run(scheme, 33, 12, m);
      INFO(scheme_name(scheme));
      // Bitwise, NaN included (both NaN or the same number).
      bool symmetric = true;
      for (Eigen::Index i = 0; i < 33; ++i)
        for (Eigen::Index j = 0; j < 33; ++j) {
          const float a = s.matrix(i, j), b = s.matrix(j, i);
          symmetric = symmetric && (a == b || (std::isnan(a) && std::isnan(b)));
        }
      CHECK(symmetric);
      const std::size_t n = s.by_offset.offset.size();
      for (std::size_t q = 0; q < n; ++q) CHECK(s.by_offset.pairs[q] == s.by_offset.pairs[n - 1 - q]);
    }
  }
}

TEST_CASE("similarity: sinusoidal dot products depend on j - i alone and equal sum_m cos(w_m k)") {
  struct Case {
    int D;
    SinusoidalOptions opts;
  };
  const Case cases[] = {
      {64, {}},
      {32, {SinusoidLayout::concat, 10000.0, Spacing::paper}},
      {16, {SinusoidLayout::interleaved, 100.0, Spacing::endpoint}},
  };
  const std::int64_t L = 200;
  for (const Case& c : cases) {
    const Similarity dot = run(Scheme::sinusoidal, L, c.D, SimilarityMeasure::dot, c.opts);
    const Similarity cos = run(Scheme::sinusoidal, L, c.D, SimilarityMeasure::cosine, c.opts);
    INFO("D = " << c.D << ", base = " << c.opts.base);
    double worst_spread = 0, worst_entry = 0, worst_cos = 0;
    for (std::size_t n = 0; n < dot.by_offset.offset.size(); ++n) {
      const std::int64_t k = dot.by_offset.offset[n];
      worst_spread = std::max(worst_spread, dot.by_offset.max[n] - dot.by_offset.min[n]);
      const double want = static_cast<double>(sinusoid_dot(k, c.D, c.opts.base, c.opts.spacing));
      for (std::int64_t i = std::max<std::int64_t>(0, -k); i < L && i + k < L; ++i) {
        worst_entry = std::max(worst_entry, std::abs(dot.matrix(i, i + k) - want));
        // ||PE(i)||^2 = D/2, so the cosine is the dot over D/2.
        worst_cos = std::max(worst_cos, std::abs(cos.matrix(i, i + k) - want / (c.D / 2)));
      }
    }
    // Float32 encodings (relative rounding 6e-8 per entry) summed over D entries of
    // magnitude <= 1: a few D x 1e-7; the bound 1e-5 holds for D <= 64.
    CHECK(worst_spread < 1e-5);
    CHECK(worst_entry < 1e-5);
    CHECK(worst_cos < 1e-6);
  }
}

TEST_CASE("similarity: index rows all point one way, and their dot is D i j") {
  const std::int64_t L = 50, D = 6;
  const Similarity cos = run(Scheme::index, L, D, SimilarityMeasure::cosine);
  const Similarity dot = run(Scheme::index, L, D);
  for (Eigen::Index i = 0; i < L; ++i) {
    for (Eigen::Index j = 0; j < L; ++j) {
      if (i == 0 || j == 0) {
        CHECK(std::isnan(cos.matrix(i, j)));  // row 0 is the zero vector: no cosine
      } else {
        CHECK(cos.matrix(i, j) == doctest::Approx(1.0).epsilon(1e-6));
      }
      CHECK(dot.matrix(i, j) == static_cast<float>(D * i * j));
    }
  }
  // Offset k: L - |k| pairs, less the one with row 0 (for k = 0, the pair (0, 0)).
  for (std::size_t n = 0; n < cos.by_offset.offset.size(); ++n) {
    const std::int64_t k = cos.by_offset.offset[n];
    const std::int64_t want = std::abs(k) == L - 1 ? 0 : L - std::abs(k) - 1;
    CHECK(cos.by_offset.pairs[n] == want);
    if (want == 0) CHECK(std::isnan(cos.by_offset.mean[n]));
  }
}

TEST_CASE("similarity: none has dot 0 and no cosine anywhere") {
  const Similarity dot = run(Scheme::none, 5, 3);
  const Similarity cos = run(Scheme::none, 5, 3, SimilarityMeasure::cosine);
  CHECK(dot.matrix.cwiseAbs().maxCoeff() == 0.0f);
  CHECK(cos.matrix.array().isNaN().all());
  for (std::size_t n = 0; n < cos.by_offset.offset.size(); ++n) {
    CHECK(cos.by_offset.pairs[n] == 0);
    CHECK(std::isnan(cos.by_offset.min[n]));
    CHECK(dot.by_offset.max[n] == 0.0);
  }
}

TEST_CASE("similarity: random vectors are nearly orthogonal, cosines spread ~ 1/sqrt(D)") {
  // For i.i.d. zero-mean symmetric entries (U[-1, 1)), the cosine c of two rows has
  // E[c] = 0 and E[c^2] = 1/D exactly, and distinct pairs are uncorrelated. With
  // n = L(L-1)/2 = 19900 pairs at D = 256: sd of the mean = 1/sqrt(nD) = 4.4e-4, so
  // |mean| < 5e-3 is a 10-sigma bound; the sd estimate has relative sd about
  // 1/sqrt(2n) = 0.005 (plus the kurtosis of U), so 5% is about a 10-sigma bound.
  const std::int64_t L = 200, D = 256;
  for (std::uint64_t seed : {0u, 1u, 2u}) {
    SimilarityOptions o;
    o.encode.scheme = Scheme::random;
    o.encode.length = L;
    o.encode.dim = D;
    o.encode.seed = seed;
    o.measure = SimilarityMeasure::cosine;
    const Similarity s = similarity(o);
    double sum = 0, sum2 = 0;
    std::int64_t n = 0;
    for (Eigen::Index i = 0; i < L; ++i) {
      CHECK(s.matrix(i, i) == doctest::Approx(1.0).epsilon(1e-6));
      for (Eigen::Index j = i + 1; j < L; ++j) {
        sum += s.matrix(i, j);
        sum2 += double(s.matrix(i, j)) * s.matrix(i, j);
        ++n;
      }
    }
    const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
    INFO("seed " << seed << ": mean " << mean << ", sd * sqrt(D) " << sd * std::sqrt(double(D)));
    CHECK(std::abs(mean) < 5e-3);
    CHECK(sd * std::sqrt(double(D)) == doctest::Approx(1.0).epsilon(0.05));
  }
}

TEST_CASE("similarity: bad input") {
  test::check_error([] { run(Scheme::index, 1, 4); }, "length");
  test::check_error([] { run(Scheme::index, 4097, 4); }, "length");
  test::check_error([] { run(Scheme::index, 4096, 1025); }, "length");  // L^2 D > 2^34
  test::check_error([] { run(Scheme::index, 4, 0); }, "dim");
  test::check_error([] { run(Scheme::rope, 4, 4); }, "scheme");
  test::check_error([] { parse_measure("euclid"); }, "measure");
  CHECK(parse_measure("cosine") == SimilarityMeasure::cosine);
}
