// The RoPE fast path (rope_apply_heads) held to the per-vector reference
// (rope_apply: double throughout, one rounding), and the branch-free sin/cos of
// its tables (kernels/sincos.hpp) held to libm.
//
// Tolerance of fast vs reference, per output y_a = x_a c - x_b s: the fast path
// rounds c and s to float32 (relative error <= 2^-24 each), rounds the two products
// and the difference (2^-24 each), and the reference rounds once; so
// |fast - ref| <= 5 * 2^-24 * (|x_a| + |x_b|), which is what check_rows allows.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "posenc/kernels/sincos.hpp"
#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

constexpr double kUlp = 1.0 / (1 << 24);  // 2^-24, float32's unit roundoff

// An irregular tensor of H x L x d values in [-2, 2].
std::vector<float> tensor(std::int64_t n) {
  std::vector<float> x(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(2.0 * std::sin(0.7 * i + 0.01 * i * i));
  return x;
}

// Offset of (head h, position i) in the layout.
std::int64_t offset(HeadLayout layout, std::int64_t h, std::int64_t i, std::int64_t heads, std::int64_t length,
                    std::int64_t dim) {
  return layout == HeadLayout::heads_first ? (h * length + i) * dim : (i * heads + h) * dim;
}

// y (the fast result for input x) against rope_apply row by row; prints the first
// mismatch with its head, position and dim.
void check_rows(const std::vector<float>& x, const std::vector<float>& y, std::int64_t heads, std::int64_t length,
                std::int64_t dim, double start, const RopeOptions& o, HeadLayout layout) {
  const RopeFrequencies f = rope_frequencies(dim, o);
  const std::int64_t half = f.rotary_dim / 2;
  for (std::int64_t h = 0; h < heads; ++h)
    for (std::int64_t i = 0; i < length; ++i) {
      const std::int64_t at = offset(layout, h, i, heads, length, dim);
      const Eigen::RowVectorXf xi = Eigen::Map<const Eigen::RowVectorXf>(x.data() + at, dim);
      const Eigen::RowVectorXf want = rope_apply(xi, start + static_cast<double>(i), o);
      for (std::int64_t c = 0; c < dim; ++c) {
        double bound = 0.0;  // exact past the rotary width
        if (c < f.rotary_dim) {
          const std::int64_t k = o.pairing == RopePairing::half ? c % half : c / 2;
          long long a = 0, b = 0;
          kernels::rope_pair(k, f.rotary_dim, o.pairing, &a, &b);
          bound = 5.0 * kUlp * (std::abs(xi[a]) + std::abs(xi[b]));
        }
        const double got = y[static_cast<std::size_t>(at + c)];
        INFO("head " << h << ", position " << start + i << ", dim " << c << ": got " << got << ", want " << want[c]);
        REQUIRE(std::abs(got - want[c]) <= bound);
      }
    }
}

// Runs the fast path in place and out of place, both layouts, and checks both.
void check_fast(std::int64_t heads, std::int64_t length, std::int64_t dim, double start, const RopeOptions& o,
                int threads = 1) {
  for (HeadLayout layout : {HeadLayout::heads_first, HeadLayout::length_first}) {
    const std::vector<float> x = tensor(heads * length * dim);
    std::vector<float> y(x.size(), -7.0f);
    rope_apply_heads(x.data(), y.data(), heads, length, dim, start, o, threads, layout);
    check_rows(x, y, heads, length, dim, start, o, layout);
    std::vector<float> z = x;
    rope_apply_heads(z.data(), z.data(), heads, length, dim, start, o, threads, layout);
    CHECK(z == y);  // in place and out of place run the same arithmetic
  }
}

RopeOptions options(RopePairing p, RopeScaling s, double factor = 1.0, double partial = 1.0) {
  RopeOptions o;
  o.pairing = p;
  o.scaling = s;
  o.factor = factor;
  o.partial = partial;
  o.original_max_length = 64;
  o.seq_len = 200;
  return o;
}

}  // namespace

TEST_CASE("rope_apply_heads: both pairings, every scaling, odd L, H = 1, vs rope_apply") {
  const RopeScaling scalings[] = {RopeScaling::unscaled, RopeScaling::linear, RopeScaling::ntk,
                                  RopeScaling::dynamic,  RopeScaling::yarn,   RopeScaling::llama3};
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved})
    for (RopeScaling s : scalings) {
      CAPTURE(pairing_name(p));
      CAPTURE(scaling_name(s));
      const RopeOptions o = options(p, s, 4.0);
      check_fast(1, 37, 16, 0.0, o);   // H = 1; 37 positions: a full block of 32 and a tail
      check_fast(3, 5, 8, 100.0, o);   // L below one block, positions from 100
    }
}

TEST_CASE("rope_apply_heads: partial rotary width (dims past r unrotated, exactly)") {
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    CAPTURE(pairing_name(p));
    check_fast(2, 33, 16, 0.0, options(p, RopeScaling::unscaled, 1.0, 0.5));   // r = 8
    check_fast(2, 9, 40, 3.0, options(p, RopeScaling::yarn, 8.0, 0.25));       // r = 10, odd r/2
    check_fast(1, 3, 6, 0.0, options(p, RopeScaling::unscaled, 1.0, 0.34));    // r = 2: one pair
  }
}

TEST_CASE("rope_apply_heads: positions far out (libm rows past the fast sin/cos range) and negative") {
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    // theta_0 = 1: angles cross kSincosMaxAngle = 10^6 inside the first block.
    check_fast(2, 40, 8, 999990.0, options(p, RopeScaling::unscaled));
    check_fast(2, 40, 8, 1e11, options(p, RopeScaling::unscaled));
    check_fast(2, 40, 8, -20.0, options(p, RopeScaling::unscaled));
  }
}

TEST_CASE("rope_apply_heads: threads split the positions, same numbers as one thread") {
  // 4 x 1000 x 64 = 256,000 floats: enough for 3 threads of kRopeMinFloatsPerThread.
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    const RopeOptions o = options(p, RopeScaling::unscaled);
    const std::vector<float> x = tensor(4 * 1000 * 64);
    std::vector<float> one(x.size()), three(x.size());
    rope_apply_heads(x.data(), one.data(), 4, 1000, 64, 0.0, o, 1);
    rope_apply_heads(x.data(), three.data(), 4, 1000, 64, 0.0, o, 3);
    CHECK(one == three);
    check_rows(x, three, 4, 1000, 64, 0.0, o, HeadLayout::heads_first);
  }
}

TEST_CASE("rope_apply_heads with precomputed tables: the same numbers as computing them") {
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved})
    for (double partial : {1.0, 0.5}) {
      RopeOptions o = options(p, RopeScaling::llama3, 8.0, partial);
      const RopeTables t = rope_cos_sin(16, 5.0, 45, o);
      for (HeadLayout layout : {HeadLayout::heads_first, HeadLayout::length_first}) {
        const std::vector<float> x = tensor(3 * 45 * 16);
        std::vector<float> a(x.size()), b(x.size());
        rope_apply_heads(x.data(), a.data(), 3, 45, 16, 5.0, o, 1, layout);
        rope_apply_heads(x.data(), b.data(), 3, 45, 16, t, p, 1, layout);
        CHECK(a == b);
      }
    }
}

TEST_CASE("rope_cos_sin tables: equal to float(libm cos/sin) within one ulp, near and far positions") {
  const RopeOptions o = options(RopePairing::half, RopeScaling::yarn, 4.0);
  const RopeFrequencies f = rope_frequencies(64, o);
  for (double start : {0.0, -5000.0, 999000.0, 3e9}) {
    const RopeTables t = rope_cos_sin(64, start, 2000, o);
    for (Eigen::Index i = 0; i < t.cos.rows(); ++i)
      for (Eigen::Index k = 0; k < t.cos.cols(); ++k) {
        const double angle = (start + static_cast<double>(i)) * f.inv_freq[static_cast<std::size_t>(k)];
        const float c = static_cast<float>(std::cos(angle)), s = static_cast<float>(std::sin(angle));
        INFO("position " << start + i << ", pair " << k);
        REQUIRE(std::abs(t.cos(i, k) - c) <= std::nextafter(std::abs(c), 2.0f) - std::abs(c));
        REQUIRE(std::abs(t.sin(i, k) - s) <= std::nextafter(std::abs(s), 2.0f) - std::abs(s));
      }
  }
}

TEST_CASE("sincos_reduced: within 4e-16 of libm in double up to its range, every quadrant") {
  // Angles around each multiple of pi/4 (quadrant edges) and a sweep up to 10^6.
  std::vector<double> angles;
  for (int q = -16; q <= 16; ++q)
    for (double e : {-1e-9, 0.0, 1e-9, 0.3}) angles.push_back(q * 0.78539816339744830962 + e);
  for (double a = -kernels::kSincosMaxAngle; a <= kernels::kSincosMaxAngle; a += 977.123) angles.push_back(a);
  angles.push_back(kernels::kSincosMaxAngle);
  for (double a : angles) {
    double s = 0.0, c = 0.0;
    kernels::sincos_reduced(a, &s, &c);
    INFO("angle " << a << ": sin " << s << " vs " << std::sin(a) << ", cos " << c << " vs " << std::cos(a));
    REQUIRE(std::abs(s - std::sin(a)) <= 4e-16);
    REQUIRE(std::abs(c - std::cos(a)) <= 4e-16);
  }
}

TEST_CASE("rope_apply_heads bad input: names the argument") {
  std::vector<float> x(2 * 4 * 8), y(x.size());
  const RopeOptions o;
  test::check_error([&] { rope_apply_heads(nullptr, y.data(), 2, 4, 8, 0.0, o); }, "x");
  test::check_error([&] { rope_apply_heads(x.data(), nullptr, 2, 4, 8, 0.0, o); }, "y");
  test::check_error([&] { rope_apply_heads(x.data(), x.data() + 1, 2, 4, 8, 0.0, o); }, "y");  // overlapping
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 0, 4, 8, 0.0, o); }, "heads");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 0, 8, 0.0, o); }, "length");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 7, 0.0, o); }, "dim");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, 0.0, o, 0); }, "threads");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, 0.0, o, kMaxThreads + 1); }, "threads");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, std::nan(""), o); }, "start");
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, static_cast<double>(kMaxPosition), o); },
                    "length");
  const RopeTables t = rope_cos_sin(8, 0.0, 3);  // 3 rows for 4 positions
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, t); }, "tables");
  const RopeTables wide = rope_cos_sin(16, 0.0, 4);  // r = 16 > d = 8
  test::check_error([&] { rope_apply_heads(x.data(), y.data(), 2, 4, 8, wide); }, "tables");
  // The module stays usable: a good call after the bad ones.
  rope_apply_heads(x.data(), y.data(), 2, 4, 8, 0.0, o);
  CHECK(y[0] == x[0]);  // position 0: no rotation of dim 0 (cos 0 = 1, sin 0 = 0)
}
