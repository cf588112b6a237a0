// The convolutional position encoding (CPVT's PEG in 1-D): known weights by hand and
// against PyTorch's Conv1d (tests/reference/fire_conv.py), zero padding, translation
// equivariance, and position appearing only within n (K-1)/2 of the edges.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "posenc/conv.hpp"
#include "posenc/limits.hpp"
#include "posenc/naive.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

Matrix rows(std::int64_t l, std::int64_t d, const std::vector<float>& v) {
  Matrix m(l, d);
  for (std::int64_t k = 0; k < l * d; ++k) m.data()[k] = v[static_cast<std::size_t>(k)];
  return m;
}

// The inputs and weights of tests/reference/fire_conv.py.
Matrix ref_input() { return rows(5, 2, {1.0f, -0.5f, 2.0f, 0.25f, -1.0f, 1.5f, 0.5f, 0.0f, 3.0f, -2.0f}); }

ConvWeights weights(std::int64_t d, std::int64_t k, const std::vector<float>& w, const std::vector<float>& b) {
  ConvWeights cw;
  cw.weight = rows(d, k, w);
  cw.bias = Eigen::Map<const Vector>(b.data(), d);
  return cw;
}

ConvWeights ref_k3() { return weights(2, 3, {0.5f, -1.0f, 0.25f, 1.5f, 0.2f, -0.7f}, {0.1f, -0.2f}); }

}  // namespace

TEST_CASE("conv: K = 3 with known weights, by hand") {
  const Matrix x = ref_input();
  const Matrix y = conv_apply(x, ref_k3());
  // Channel 0, w = [0.5, -1, 0.25], b = 0.1. Position 0: the tap w0 falls on the pad.
  CHECK(y(0, 0) == doctest::Approx(1.0 + 0.1 + (-1.0 * 1.0 + 0.25 * 2.0)));
  // Position 2 (interior): x = 2, -1, 0.5 under the taps.
  CHECK(y(2, 0) == doctest::Approx(-1.0 + 0.1 + (0.5 * 2.0 - 1.0 * -1.0 + 0.25 * 0.5)));
  // Position 4 (last): the tap w2 falls on the pad.
  CHECK(y(4, 0) == doctest::Approx(3.0 + 0.1 + (0.5 * 0.5 - 1.0 * 3.0)));
  // Channel 1, w = [1.5, 0.2, -0.7], b = -0.2, position 1: x = -0.5, 0.25, 1.5.
  CHECK(y(1, 1) == doctest::Approx(0.25 - 0.2 + (1.5 * -0.5 + 0.2 * 0.25 - 0.7 * 1.5)));
}

TEST_CASE("conv: against PyTorch Conv1d(groups=D) + residual (tests/reference/fire_conv.py)") {
  const Matrix x = ref_input();
  const Matrix y3 = conv_apply(x, ref_k3());
  const std::vector<double> want3 = {0.600000024, -0.975000024, 0.350000024, -1.69999993, 1.2249999,
                                     1.97500002,  0.350000024,  3.44999981,  0.349999905, -2.5999999};
  for (int k = 0; k < 10; ++k) CHECK(y3.data()[k] == doctest::Approx(want3[k]).epsilon(1e-6));
  // K = 5, two layers (the same layer twice).
  const ConvWeights w5 =
      weights(2, 5, {0.1f, 0.2f, -0.3f, 0.4f, -0.5f, -0.6f, 0.7f, 0.8f, -0.9f, 1.0f}, {0.0f, 0.3f});
  const Matrix y5 = conv_apply(x, w5, 2);
  const std::vector<double> want5 = {2.52999997, 3.84500003,  -0.310000062, 0.735000134, -1.08999991,
                                     -5.01499987, 1.71999991, 11.0824995,   1.62999988,  -6.04500008};
  for (int k = 0; k < 10; ++k) CHECK(y5.data()[k] == doctest::Approx(want5[k]).epsilon(1e-6));
  CHECK(conv_apply(conv_apply(x, w5), w5) == y5);  // layers = applying it again
}

TEST_CASE("conv: zero padding is the same as explicit zero rows") {
  // Put r zero rows on each side of the input: the original rows' outputs see the
  // same zeros, so they must not change.
  const Matrix x = random_encoding(9, 4, 3);
  for (std::int64_t k : {1, 3, 5, 7}) {
    const std::int64_t r = (k - 1) / 2;
    const ConvWeights w = conv_weights(4, k, 11);
    Matrix padded = Matrix::Zero(9 + 2 * r, 4);
    padded.middleRows(r, 9) = x;
    const Matrix y = conv_apply(x, w);
    const Matrix yp = conv_apply(padded, w);
    CHECK(yp.middleRows(r, 9) == y);
  }
}

TEST_CASE("conv: translation equivariance away from the edges") {
  // Prepend s rows: interior outputs move by s and are otherwise unchanged; the conv
  // itself knows no index.
  const std::int64_t L = 12, D = 3, K = 5, r = 2, s = 4;
  const Matrix x = random_encoding(L, D, 1);
  Matrix shifted(L + s, D);
  shifted.topRows(s) = random_encoding(s, D, 2);
  shifted.bottomRows(L) = x;
  const ConvWeights w = conv_weights(D, K, 5);
  const Matrix y = conv_apply(x, w);
  const Matrix ys = conv_apply(shifted, w);
  for (std::int64_t i = r; i < L; ++i) CHECK(ys.row(i + s) == y.row(i));
  // Near the original start the outputs differ: there the pad became real rows.
  CHECK(ys.row(s) != y.row(0));
  // A position-free input gives the same interior value at every length.
  ConvDemoOptions o;
  o.dim = 3;
  o.kernel = 5;
  o.length = 9;
  const ConvDemo a = conv_demo(o);
  o.length = 40;
  const ConvDemo b = conv_demo(o);
  CHECK(a.interior == b.interior);
  CHECK(a.output.row(4) == b.output.row(20));
}

TEST_CASE("conv demo: position appears only within n (K-1)/2 of each edge") {
  for (std::int64_t K : {3, 5, 7}) {
    for (std::int64_t n : {1, 2, 3}) {
      for (ConvContent content : {ConvContent::word, ConvContent::ones}) {
        ConvDemoOptions o;
        o.length = 32;
        o.dim = 8;
        o.kernel = K;
        o.layers = n;
        o.seed = 4;
        o.content = content;
        const ConvDemo d = conv_demo(o);
        CAPTURE(K);
        CAPTURE(n);
        const std::int64_t reach = n * (K - 1) / 2;
        // Every input row is the same: the input carries no position.
        for (std::int64_t i = 1; i < o.length; ++i) CHECK(d.input.row(i) == d.input.row(0));
        CHECK(d.signal == d.output - d.input);
        for (std::int64_t i = 0; i < o.length; ++i) {
          CAPTURE(i);
          const bool interior = i >= reach && i <= o.length - 1 - reach;
          if (interior) {
            CHECK(d.distance[i] == 0.0f);
            CHECK(d.output.row(i) == d.interior);
          } else {
            CHECK(d.distance[i] > 1e-4f);  // the edge is in reach: a different vector
          }
        }
        // The edge rows differ from each other too: start and end are told apart.
        CHECK(d.output.row(0) != d.output.row(o.length - 1));
      }
    }
  }
}

TEST_CASE("conv demo: the interior value is x + b + (sum of taps) x, per layer") {
  ConvDemoOptions o;
  o.length = 10;
  o.dim = 2;
  o.content = ConvContent::ones;
  o.layers = 2;
  const ConvDemo d = conv_demo(o);
  CHECK(d.input.isOnes());
  for (int c = 0; c < 2; ++c) {
    const double s = d.weights.weight.row(c).cast<double>().sum();
    const double b = d.weights.bias[c];
    const double v1 = 1.0 + b + s * 1.0;
    const double v2 = v1 + b + s * v1;
    CHECK(d.interior[c] == doctest::Approx(v2).epsilon(1e-6));
  }
}

TEST_CASE("conv weights: CPVT's init, N(0, 2/K), bias 0, seeded") {
  const ConvWeights w = conv_weights(4096, 5, 8);
  CHECK(w.dim() == 4096);
  CHECK(w.kernel() == 5);
  CHECK(w.bias.isZero());
  const double mean = w.weight.cast<double>().mean();
  const double sd = std::sqrt((w.weight.cast<double>().array() - mean).square().mean());
  CHECK(std::abs(mean) < 0.02);
  CHECK(sd == doctest::Approx(std::sqrt(2.0 / 5.0)).epsilon(0.03));
  CHECK(conv_weights(4, 3, 8).weight == conv_weights(4, 3, 8).weight);
  CHECK(conv_weights(4, 3, 8).weight != conv_weights(4, 3, 9).weight);
}

TEST_CASE("conv: bad input, one error each") {
  const Matrix x = ref_input();
  const ConvWeights w = ref_k3();
  test::check_error([] { conv_weights(4, 4, 0); }, "kernel");  // even: no centre tap
  test::check_error([] { conv_weights(4, 0, 0); }, "kernel");
  test::check_error([] { conv_weights(4, kMaxConvKernel + 2, 0); }, "kernel");
  test::check_error([] { conv_weights(0, 3, 0); }, "dim");
  test::check_error([&] { conv_apply(x, w, 0); }, "layers");
  test::check_error([&] { conv_apply(x, w, kMaxConvLayers + 1); }, "layers");
  test::check_error([&] { conv_apply(Matrix(0, 2), w); }, "length");
  {
    ConvWeights bad = w;
    bad.weight = Matrix::Zero(3, 3);
    test::check_error([&] { conv_apply(x, bad); }, "weight");
  }
  {
    ConvWeights bad = w;
    bad.weight = Matrix::Zero(2, 2);
    test::check_error([&] { conv_apply(x, bad); }, "kernel");
  }
  {
    ConvWeights bad = w;
    bad.bias = Vector::Zero(3);
    test::check_error([&] { conv_apply(x, bad); }, "bias");
  }
  {
    ConvWeights bad = w;
    bad.weight(0, 1) = std::numeric_limits<float>::quiet_NaN();
    test::check_error([&] { conv_apply(x, bad); }, "weight");
  }
  {
    Matrix bad = x;
    bad(3, 1) = std::numeric_limits<float>::infinity();
    test::check_error([&] { conv_apply(bad, w); }, "input");
  }
  test::check_error([] { parse_conv_content("zeros"); }, "content");
  ConvDemoOptions o;
  o.length = 8;
  o.dim = 4;
  test::check_error([&] { auto p = o; p.length = 0; conv_demo(p); }, "length");
  test::check_error([&] { auto p = o; p.dim = kMaxDim + 1; conv_demo(p); }, "dim");
  test::check_error([&] { auto p = o; p.kernel = 2; conv_demo(p); }, "kernel");
  test::check_error([&] { auto p = o; p.layers = 0; conv_demo(p); }, "layers");
  test::check_error([&] { auto p = o; p.length = 1 << 20; p.dim = 4096; conv_demo(p); }, "length");
}
