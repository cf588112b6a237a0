// Sinusoidal encodings: the paper's formula, the two layouts, the endpoint spacing
// of tensor2tensor/fairseq, odd widths, accuracy at position 10^6, and the
// shift-as-rotation property.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "posenc/sinusoidal.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

// Independent long-double reference, written from the formulas (not the kernel):
// interleaved: col 2i -> sin(p * base^(-2i/D)), col 2i+1 -> cos(same).
long double ref_interleaved(long double p, int col, int dim, long double base) {
  const long double w = powl(base, -2.0L * (col / 2) / dim);
  return col % 2 == 0 ? sinl(p * w) : cosl(p * w);
}
// concat with the endpoint spacing, as tensor2tensor get_timing_signal_1d writes
// it: n = D/2 timescales, log_increment = ln(base) / max(n - 1, 1),
// inv_i = exp(-i * log_increment); signal = [sin(p inv) | cos(p inv)], zero pad.
long double ref_t2t(long double p, int col, int dim, long double base) {
  const int n = dim / 2;
  if (col >= 2 * n) return 0.0L;
  const int i = col < n ? col : col - n;
  const long double inc = logl(base) / (n > 1 ? n - 1 : 1);
  const long double w = expl(-i * inc);
  return col < n ? sinl(p * w) : cosl(p * w);
}

}  // namespace

TEST_CASE("interleaved, D = 4: the paper's values") {
  // w_0 = 1, w_1 = 10000^(-2/4) = 0.01.
  const Matrix p = sinusoidal_encoding(3, 4);
  CHECK(p(0, 0) == 0.0f);
  CHECK(p(0, 1) == 1.0f);
  CHECK(p(1, 0) == doctest::Approx(0.8414709848));  // sin 1
  CHECK(p(1, 1) == doctest::Approx(0.5403023059));  // cos 1
  CHECK(p(2, 2) == doctest::Approx(0.0199986667));  // sin 0.02
  CHECK(p(2, 3) == doctest::Approx(0.9998000067));  // cos 0.02
}

TEST_CASE("concat, paper spacing: [sin | cos] of the same frequencies") {
  SinusoidalOptions o;
  o.layout = SinusoidLayout::concat;
  const Matrix c = sinusoidal_encoding(50, 8, o);
  const Matrix i = sinusoidal_encoding(50, 8);
  for (int k = 0; k < 4; ++k) {
    CHECK(c.col(k) == i.col(2 * k));      // sines
    CHECK(c.col(4 + k) == i.col(2 * k + 1));  // cosines
  }
}

TEST_CASE("endpoint spacing: the last frequency is exactly 1/base (tensor2tensor, fairseq)") {
  SinusoidalOptions o;
  o.layout = SinusoidLayout::concat;
  o.spacing = Spacing::endpoint;
  // D = 6: n = 3, inv = [1, 10^-2, 10^-4].
  const Eigen::RowVectorXf r = sinusoidal_row(100.0, 6, o);
  CHECK(r[0] == doctest::Approx(std::sin(100.0)));
  CHECK(r[1] == doctest::Approx(std::sin(1.0)));
  CHECK(r[2] == doctest::Approx(std::sin(0.01)));
  CHECK(r[5] == doctest::Approx(std::cos(0.01)));
  CHECK(kernels::sinusoid_inv_freq(2, 6, 3, 10000.0, Spacing::endpoint) == doctest::Approx(1e-4));
  // The paper's spacing stops short of 1/base: base^(-2(n-1)/D) = 10000^(-4/6).
  CHECK(kernels::sinusoid_inv_freq(2, 6, 3, 10000.0, Spacing::paper) == doctest::Approx(std::pow(1e4, -4.0 / 6.0)));
}

TEST_CASE("odd D: interleaved ends with a sine, concat ends with a zero column") {
  const Matrix a = sinusoidal_encoding(20, 5);
  for (int p = 0; p < 20; ++p)
    CHECK(a(p, 4) == doctest::Approx(static_cast<double>(ref_interleaved(p, 4, 5, 10000.0L))));
  SinusoidalOptions o;
  o.layout = SinusoidLayout::concat;
  const Matrix c = sinusoidal_encoding(20, 5, o);
  CHECK(c.col(4).isZero());
  const Matrix one = sinusoidal_encoding(3, 1);  // D = 1: just sin(p)
  CHECK(one(2, 0) == doctest::Approx(std::sin(2.0)));
}

TEST_CASE("accuracy: within 1e-6 of a long-double reference up to position 10^6, D up to 4096") {
  const std::vector<double> positions = {0, 1, 2, 3, 17, 1000, 65535, 123457, 500001, 999998, 999999, 1000000};
  for (int dim : {1, 2, 3, 64, 127, 512, 4096}) {
    SinusoidalOptions inter;
    SinusoidalOptions t2t;
    t2t.layout = SinusoidLayout::concat;
    t2t.spacing = Spacing::endpoint;
    double worst = 0;
    for (double p : positions) {
      const auto a = sinusoidal_row(p, dim, inter);
      const auto b = sinusoidal_row(p, dim, t2t);
      for (int c = 0; c < dim; ++c) {
        worst = std::max(worst, std::abs(a[c] - static_cast<double>(ref_interleaved(p, c, dim, 10000.0L))));
        worst = std::max(worst, std::abs(b[c] - static_cast<double>(ref_t2t(p, c, dim, 10000.0L))));
      }
    }
    INFO("D = " << dim << ", worst error " << worst);
    CHECK(worst < 1e-6);
  }
  // The table agrees with the row function (same driver, both paths).
  const Matrix t = sinusoidal_encoding(1000, 16);
  CHECK((t.row(999) - sinusoidal_row(999.0, 16)).cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("property: a shift by k is a rotation of every (sin, cos) pair, independent of p") {
  // [sin w(p+k), cos w(p+k)] = [[cos wk, sin wk], [-sin wk, cos wk]] [sin wp, cos wp].
  const int dim = 16, k = 7;
  const Matrix t = sinusoidal_encoding(200, dim);
  for (int p : {0, 5, 60, 180}) {
    for (int i = 0; i < dim / 2; ++i) {
      const double w = std::pow(10000.0, -2.0 * i / dim);
      const double s = t(p, 2 * i), c = t(p, 2 * i + 1);
      CHECK(t(p + k, 2 * i) == doctest::Approx(std::cos(w * k) * s + std::sin(w * k) * c).epsilon(1e-5));
      CHECK(t(p + k, 2 * i + 1) == doctest::Approx(-std::sin(w * k) * s + std::cos(w * k) * c).epsilon(1e-5));
    }
  }
  // Hence <PE(p), PE(p + k)> depends on k only: sum_i cos(w_i k).
  for (int p : {0, 33, 150}) {
    double expect = 0;
    for (int i = 0; i < dim / 2; ++i) expect += std::cos(std::pow(10000.0, -2.0 * i / dim) * k);
    CHECK(t.row(p).dot(t.row(p + k)) == doctest::Approx(expect).epsilon(1e-5));
  }
}

namespace {

// a and b are the same float or neighbours: the fast path's sin and cos lie within
// ~1e-16 of libm's, so rounding to float32 can differ by one step at most.
bool within_one_ulp(float a, float b) { return a == b || std::nextafter(a, b) == b; }

std::vector<SinusoidalOptions> all_options() {
  std::vector<SinusoidalOptions> out;
  for (SinusoidLayout layout : {SinusoidLayout::interleaved, SinusoidLayout::concat})
    for (Spacing spacing : {Spacing::paper, Spacing::endpoint})
      for (double base : {10000.0, 500000.0}) out.push_back({layout, base, spacing});
  return out;
}

}  // namespace

TEST_CASE("fast path vs the libm reference: tables, both layouts and spacings, odd D") {
  // 300 rows: several 32-row blocks and a partial one.
  for (const SinusoidalOptions& o : all_options()) {
    for (int dim : {1, 2, 3, 5, 64, 127, 512}) {
      const Matrix fast = sinusoidal_encoding(300, dim, o);
      const Matrix ref = sinusoidal_encoding_reference(300, dim, o);
      int off = 0, exact = 0;
      for (int i = 0; i < 300; ++i)
        for (int c = 0; c < dim; ++c) {
          off += within_one_ulp(fast(i, c), ref(i, c)) ? 0 : 1;
          exact += fast(i, c) == ref(i, c) ? 1 : 0;
        }
      INFO("layout " << static_cast<int>(o.layout) << ", spacing " << static_cast<int>(o.spacing) << ", base "
                     << o.base << ", D = " << dim);
      CHECK(off == 0);
      CHECK(exact >= 299 * dim);  // a 1-ulp difference is a rare tie, not the rule
    }
  }
}

TEST_CASE("fast path vs the libm reference: large positions, past the fast sincos's range") {
  // Angles p w_0 = p: up to 1e6 the branch-free sincos, beyond it libm (whole row).
  const std::vector<double> positions = {999999.0,  1000000.0,    1000001.0,   1048575.0,
                                         12345678.5, 8589934592.0, 1099511627776.0};
  for (const SinusoidalOptions& o : all_options()) {
    for (int dim : {3, 64, 127}) {
      for (double p : positions) {
        const Eigen::RowVectorXf fast = sinusoidal_row(p, dim, o);
        const Eigen::RowVectorXf ref = sinusoidal_row_reference(p, dim, o);
        int off = 0;
        for (int c = 0; c < dim; ++c) off += within_one_ulp(fast[c], ref[c]) ? 0 : 1;
        INFO("position " << p << ", D = " << dim);
        CHECK(off == 0);
      }
    }
  }
  // The last table rows (positions near kMaxLength) against the reference's rows.
  const Matrix t = sinusoidal_encoding(1 << 20, 4);
  for (int i : {(1 << 20) - 3, (1 << 20) - 1})
    for (int c = 0; c < 4; ++c)
      CHECK(within_one_ulp(t(i, c), sinusoidal_row_reference(static_cast<double>(i), 4)[c]));
}

TEST_CASE("sinusoidal: bad input") {
  SinusoidalOptions o;
  o.base = 1.0;
  test::check_error([&] { sinusoidal_encoding(4, 4, o); }, "base");
  o.base = std::nan("");
  test::check_error([&] { sinusoidal_encoding(4, 4, o); }, "base");
  test::check_error([] { sinusoidal_encoding(0, 4); }, "length");
  test::check_error([] { sinusoidal_encoding(4, -1); }, "dim");
  test::check_error([] { sinusoidal_row(-1.0, 4); }, "position");
  test::check_error([] { sinusoidal_row(INFINITY, 4); }, "position");
  test::check_error([] { sinusoidal_encoding_reference(0, 4); }, "length");
  test::check_error([] { sinusoidal_row_reference(-1.0, 4); }, "position");
  test::check_error([] { parse_layout("diagonal"); }, "layout");
  test::check_error([] { parse_spacing("log"); }, "spacing");
}
