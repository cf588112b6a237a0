// FIRE (Li et al. 2023): the normalized input by hand from the paper's formula, the
// MLP by hand, the progressive interpolation and threshold as properties, and the
// whole bias against the paper's appendix module (tests/reference/fire_conv.py).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "posenc/fire.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/limits.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

// The small MLP of tests/reference/fire_conv.py: W = 3, H = 2.
FireWeights small_weights() {
  FireWeights w;
  w.w1.resize(3);
  w.w1 << 1.0f, -2.0f, 0.5f;
  w.b1.resize(3);
  w.b1 << 0.1f, 0.9f, -0.2f;
  w.w2.resize(2, 3);
  w.w2 << 0.5f, -1.0f, 2.0f, -0.3f, 0.7f, 0.25f;
  w.b2.resize(2);
  w.b2 << 0.05f, -0.1f;
  return w;
}

FireOptions opts(double c, double threshold, double eps = 0.0) {
  FireOptions o;
  o.c = c;
  o.threshold = threshold;
  o.eps = eps;
  return o;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Compares a matrix to a row-major list (absolute tolerance); NaN in `want` means masked.
void check_matrix(const Matrix& got, const std::vector<double>& want, double tol) {
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (Eigen::Index i = 0; i < got.rows(); ++i) {
    for (Eigen::Index j = 0; j < got.cols(); ++j) {
      const double w = want[static_cast<std::size_t>(i * got.cols() + j)];
      CAPTURE(i);
      CAPTURE(j);
      if (std::isnan(w)) {
        CHECK(std::isnan(got(i, j)));
      } else {
        CAPTURE(w);
        CHECK(std::abs(static_cast<double>(got(i, j)) - w) <= tol);
      }
    }
  }
}

}  // namespace

TEST_CASE("fire input: psi(i - j) / psi(max(i, L_thr)) by hand (paper section 3.1)") {
  const Matrix u = fire_input(5, opts(0.1, 2.0));
  // i = 3 >= L_thr = 2: normalizer psi(3) = log(1.3); psi(3 - 1) = log(1.2).
  CHECK(u(3, 1) == doctest::Approx(std::log(1.2) / std::log(1.3)).epsilon(1e-6));
  // i = 1 < L_thr: normalizer psi(L_thr) = log(1.2); psi(1) = log(1.1).
  CHECK(u(1, 0) == doctest::Approx(std::log(1.1) / std::log(1.2)).epsilon(1e-6));
  // i = 4: psi(4 - 1) / psi(4) = log(1.3) / log(1.4).
  CHECK(u(4, 1) == doctest::Approx(std::log(1.3) / std::log(1.4)).epsilon(1e-6));
  // The kernel alone, with eps.
  CHECK(kernels::fire_input(3, 1, 0.1, 2.0, 0.5) == doctest::Approx(std::log(1.2) / (std::log(1.3) + 0.5)));
  CHECK(kernels::fire_psi(-7.0, 0.5) == doctest::Approx(std::log(4.5)));  // |c x|
}

TEST_CASE("fire input: 0 on the diagonal, in [0, 1] below it, masked above it") {
  const std::int64_t L = 40;
  for (double thr : {1.0, 7.0, 512.0}) {
    const Matrix u = fire_input(L, opts(0.1, thr));
    for (std::int64_t i = 0; i < L; ++i) {
      CHECK(u(i, i) == 0.0f);
      for (std::int64_t j = 0; j < i; ++j) {
        CHECK(u(i, j) > 0.0f);
        CHECK(u(i, j) <= 1.0f);
        CHECK(u(i, j) > u(i, j + 1));  // farther key, larger input
      }
      for (std::int64_t j = i + 1; j < L; ++j) CHECK(std::isnan(u(i, j)));
      // Progressive interpolation: once i >= L_thr the farthest key maps to exactly 1.
      if (static_cast<double>(i) >= thr) {
        CHECK(u(i, 0) == doctest::Approx(1.0).epsilon(1e-7));
      } else if (i > 0) {
        CHECK(u(i, 0) < 1.0f);
      }
    }
  }
}

TEST_CASE("fire input: below L_thr the normalizer is constant, so u depends on i - j only") {
  const double thr = 16.0;
  const Matrix u = fire_input(32, opts(0.3, thr));
  const double norm = std::log1p(0.3 * thr);
  for (std::int64_t i = 0; i < 16; ++i) {
    for (std::int64_t j = 0; j <= i; ++j) {
      CHECK(u(i, j) == doctest::Approx(std::log1p(0.3 * static_cast<double>(i - j)) / norm).epsilon(1e-6));
      CHECK(u(i, j) == u(15, 15 - (i - j)));  // the same distance in another row
    }
  }
  // At and beyond L_thr the normalizer grows with i: the same distance maps lower.
  CHECK(u(20, 17) < u(15, 12));
  CHECK(u(31, 28) < u(20, 17));
  CHECK(kernels::fire_normalizer(3, 0.3, thr, 0.0) == kernels::fire_normalizer(15, 0.3, thr, 0.0));
  CHECK(kernels::fire_normalizer(17, 0.3, thr, 0.0) > kernels::fire_normalizer(16, 0.3, thr, 0.0));
}

TEST_CASE("fire bias: the MLP with small given weights, by hand") {
  const FireWeights w = small_weights();
  const HeadMatrices b = fire_bias(5, w, opts(0.1, 2.0));
  REQUIRE(b.size() == 2);
  // u = 0 (diagonal): hidden = relu(b1) = [0.1, 0.9, 0];
  // head 0: 0.05 + 0.5*0.1 - 1*0.9 = -0.8; head 1: -0.1 - 0.3*0.1 + 0.7*0.9 = 0.5.
  CHECK(b[0](2, 2) == doctest::Approx(-0.8).epsilon(1e-6));
  CHECK(b[1](0, 0) == doctest::Approx(0.5).epsilon(1e-6));
  // u = 1 (i = 4 >= L_thr, j = 0): hidden = relu([1.1, -1.1, 0.3]) = [1.1, 0, 0.3];
  // head 0: 0.05 + 0.55 + 0.6 = 1.2; head 1: -0.1 - 0.33 + 0.075 = -0.355.
  CHECK(b[0](4, 0) == doctest::Approx(1.2).epsilon(1e-6));
  CHECK(b[1](4, 0) == doctest::Approx(-0.355).epsilon(1e-6));
  // u = log(1.2)/log(1.3) at (3, 1): hidden = [u + 0.1, relu(0.9 - 2u), relu(0.5u - 0.2)].
  const double u = std::log(1.2) / std::log(1.3);
  const double h0 = u + 0.1, h1 = std::max(0.0, 0.9 - 2 * u), h2 = std::max(0.0, 0.5 * u - 0.2);
  CHECK(b[0](3, 1) == doctest::Approx(0.05 + 0.5 * h0 - 1.0 * h1 + 2.0 * h2).epsilon(1e-6));
  CHECK(b[1](3, 1) == doctest::Approx(-0.1 - 0.3 * h0 + 0.7 * h1 + 0.25 * h2).epsilon(1e-6));
  // Causal: every key after the query is masked in every head.
  for (const Matrix& m : b)
    for (int i = 0; i < 5; ++i)
      for (int j = i + 1; j < 5; ++j) CHECK(std::isnan(m(i, j)));
}

TEST_CASE("fire: against the paper's appendix FIRE module (tests/reference/fire_conv.py)") {
  const double n = kNaN;
  const FireWeights w = small_weights();
  SUBCASE("c = 0.1, L_thr = 2, eps = 0") {
    check_matrix(fire_input(5, opts(0.1, 2.0)),
                 {0, n, n, n, n, 0.522758722, 0, n, n, n, 1, 0.522758722, 0, n, n, 1, 0.694917858, 0.363274366,
                  0, n, 1, 0.779750109, 0.541862249, 0.283263236, 0},
                 1e-6);
    const HeadMatrices b = fire_bias(5, w, opts(0.1, 2.0));
    check_matrix(b[0],
                 {-0.799999952, n, n, n, n, 0.484138101, -0.799999952, n, n, n, 1.20000005, 0.484138101,
                  -0.799999952, n, n, 1.20000005, 0.742376804, 0.108185932, -0.799999952, n, 1.20000005,
                  0.869625151, 0.512793362, -0.0918418914, -0.799999952},
                 2e-6);
    check_matrix(b[1],
                 {0.5, n, n, n, n, -0.271482795, 0.5, n, n, n, -0.354999989, -0.271482795, 0.5, n, n,
                  -0.354999989, -0.301610649, -0.117566444, 0.5, n, -0.354999989, -0.316456288, -0.274825901,
                  0.0184524655, 0.5},
                 2e-6);
  }
  SUBCASE("eps = 1e-6 as in the appendix code") {
    check_matrix(fire_input(5, opts(0.1, 2.0, 1e-6)),
                 {0, n, n, n, n, 0.522755861, 0, n, n, n, 0.999994516, 0.522755861, 0, n, n, 0.999996126,
                  0.694915175, 0.363272965, 0, n, 0.99999696, 0.779747725, 0.54186064, 0.283262372, 0},
                 1e-6);
    const HeadMatrices b = fire_bias(5, w, opts(0.1, 2.0, 1e-6));
    check_matrix(b[1],
                 {0.5, n, n, n, n, -0.271482289, 0.5, n, n, n, -0.354999036, -0.271482289, 0.5, n, n,
                  -0.354999334, -0.301610172, -0.117564067, 0.5, n, -0.354999453, -0.316455871, -0.274825633,
                  0.0184539482, 0.5},
                 2e-6);
  }
  SUBCASE("c = 0.5, the default L_thr = 512") {
    const HeadMatrices b = fire_bias(4, w, opts(0.5, 512.0));
    check_matrix(fire_input(4, opts(0.5, 512.0)),
                 {0, n, n, n, 0.0730689391, 0, n, n, 0.12491218, 0.0730689391, 0, n, 0.165124923, 0.12491218,
                  0.0730689391, 0},
                 1e-6);
    check_matrix(b[0],
                 {-0.799999952, n, n, n, -0.617327631, -0.799999952, n, n, -0.487719536, -0.617327631,
                  -0.799999952, n, -0.38718766, -0.487719536, -0.617327631, -0.799999952},
                 2e-6);
  }
}

TEST_CASE("fire bias: the driver's shared-normalizer shortcut equals the kernel entry by entry") {
  // fire_bias evaluates rows i <= L_thr once per distance; hold it to the obvious
  // per-entry evaluation, exactly, with the threshold before, inside and after L.
  const FireWeights w = fire_weights(3, 16, 21);
  for (double thr : {1.0, 5.5, 6.0, 11.0, 512.0}) {
    const FireOptions o = opts(0.2, thr, 1e-6);
    const HeadMatrices b = fire_bias(12, w, o);
    for (std::int64_t h = 0; h < 3; ++h) {
      for (std::int64_t i = 0; i < 12; ++i) {
        for (std::int64_t j = 0; j <= i; ++j) {
          const double u = kernels::fire_input(i, j, o.c, o.threshold, o.eps);
          const float want = static_cast<float>(
              kernels::fire_mlp(u, h, 16, w.w1.data(), w.b1.data(), w.w2.data(), w.b2.data()));
          CAPTURE(thr);
          CAPTURE(i);
          CAPTURE(j);
          CHECK(b[static_cast<std::size_t>(h)](i, j) == want);
        }
      }
    }
  }
}

TEST_CASE("fire weights: seeded as PyTorch nn.Linear, reproducible, and what fire_bias uses") {
  const FireWeights a = fire_weights(4, 64, 9);
  const FireWeights b = fire_weights(4, 64, 9);
  const FireWeights c = fire_weights(4, 64, 10);
  CHECK(a.w1 == b.w1);
  CHECK(a.w2 == b.w2);
  CHECK(a.w2 != c.w2);
  CHECK(a.heads() == 4);
  CHECK(a.hidden() == 64);
  // Layer 1: fan_in = 1, U(-1, 1); layer 2: fan_in = 64, U(-1/8, 1/8).
  CHECK(a.w1.cwiseAbs().maxCoeff() <= 1.0f);
  CHECK(a.b1.cwiseAbs().maxCoeff() <= 1.0f);
  CHECK(a.w1.cwiseAbs().maxCoeff() > 0.5f);  // spans the range, not a smaller one
  CHECK(a.w2.cwiseAbs().maxCoeff() <= 0.125f);
  CHECK(a.w2.cwiseAbs().maxCoeff() > 0.1f);
  CHECK(a.b2.cwiseAbs().maxCoeff() <= 0.125f);
  const HeadMatrices seeded = fire_bias(6, 4, 9, {}, 64);
  const HeadMatrices given = fire_bias(6, a, {});
  REQUIRE(seeded.size() == 4);
  for (std::size_t h = 0; h < 4; ++h)
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j <= i; ++j) CHECK(seeded[h](i, j) == given[h](i, j));
}

TEST_CASE("fire: bad input, one error each") {
  const FireWeights w = small_weights();
  test::check_error([] { fire_input(0); }, "length");
  test::check_error([] { fire_input(kMaxLength + 1); }, "length");
  test::check_error([] { fire_input(1 << 20); }, "length");  // 4 TiB of output
  test::check_error([] { fire_bias(4, 0, 0); }, "heads");
  test::check_error([] { fire_bias(4, kMaxHeads + 1, 0); }, "heads");
  test::check_error([] { fire_bias(4, 2, 0, {}, 0); }, "hidden");
  test::check_error([] { fire_weights(2, kMaxFireHidden + 1, 0); }, "hidden");
  test::check_error([] { fire_input(4, opts(0.0, 512.0)); }, "c");
  test::check_error([] { fire_input(4, opts(-0.1, 512.0)); }, "c");
  test::check_error([] { fire_input(4, opts(std::nan(""), 512.0)); }, "c");
  test::check_error([] { fire_input(4, opts(0.1, 0.5)); }, "threshold");  // psi(max(0, 0.5)) may be ~0
  test::check_error([] { fire_input(4, opts(0.1, INFINITY)); }, "threshold");
  test::check_error([] { fire_input(4, opts(0.1, 512.0, -1e-6)); }, "eps");
  test::check_error([&] { fire_bias(4, w, opts(0.1, 512.0, 2.0)); }, "eps");
  test::check_error([] { fire_bias(4, 2, 0, {}, -3); }, "hidden");
  {
    FireWeights bad = w;
    bad.w1.resize(0);
    test::check_error([&] { fire_bias(4, bad); }, "w1");
  }
  {
    FireWeights bad = w;
    bad.b1.resize(2);
    test::check_error([&] { fire_bias(4, bad); }, "b1");
  }
  {
    FireWeights bad = w;
    bad.w2.resize(2, 4);
    bad.w2.setZero();
    test::check_error([&] { fire_bias(4, bad); }, "w2");
  }
  {
    FireWeights bad = w;
    bad.w2.resize(0, 3);
    test::check_error([&] { fire_bias(4, bad); }, "w2");
  }
  {
    FireWeights bad = w;
    bad.b2.resize(3);
    bad.b2.setZero();
    test::check_error([&] { fire_bias(4, bad); }, "b2");
  }
  {
    FireWeights bad = w;
    bad.w2(1, 2) = std::numeric_limits<float>::quiet_NaN();
    test::check_error([&] { fire_bias(4, bad); }, "w2");
  }
  {
    FireWeights bad = w;
    bad.b1[0] = std::numeric_limits<float>::infinity();
    test::check_error([&] { fire_bias(4, bad); }, "b1");
  }
}
