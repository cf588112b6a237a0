// RoPE: frequencies for every scaling (each theta_k finite and positive), cos/sin
// tables, rope_apply and rope_apply_rows (equal row by row, as
// tests/cpp/test_rope.cpp holds them), the fast rope_apply_heads against the
// per-vector reference rope_apply within 5 * 2^-24 * (|x_a| + |x_b|) (the bound
// of tests/cpp/test_rope_heads.cpp), its table overload equal to it, in both head
// layouts; and RoFormer's decay bound and curve.
#include <cmath>
#include <limits>
#include <vector>

#include "fuzz_api.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_draw.hpp"
#include "posenc/rope.hpp"

namespace posenc::fuzz {

namespace {

constexpr double kUlp = 1.0 / (1 << 24);

// Pair by pair: y_a, y_b within 5 * 2^-24 * (|x_a| + |x_b|) of rope_apply's, and
// the dims past the rotary width copied exactly.
void fast_matches_reference(const std::vector<float>& x, const std::vector<float>& y, std::int64_t heads,
                            std::int64_t length, std::int64_t dim, double start, const RopeOptions& o,
                            HeadLayout layout) {
  const RopeFrequencies f = rope_frequencies(dim, o);
  for (std::int64_t h = 0; h < heads; ++h)
    for (std::int64_t i = 0; i < length; ++i) {
      const std::int64_t at = layout == HeadLayout::heads_first ? (h * length + i) * dim : (i * heads + h) * dim;
      const float* xi = x.data() + at;
      const float* yi = y.data() + at;
      const Eigen::RowVectorXf want = rope_apply(Eigen::Map<const Eigen::RowVectorXf>(xi, dim), start + static_cast<double>(i), o);
      auto expect = [&](std::int64_t c, double bound) {
        finite_value(yi[c], "rope_apply_heads", i, c);
        if (!(std::abs(static_cast<double>(yi[c]) - want[c]) <= bound))
          fail("rope_apply_heads: " + format_value(static_cast<double>(yi[c])) + " vs rope_apply " +
               format_value(static_cast<double>(want[c])) + " at head " +
               std::to_string(h) + ", position " + std::to_string(start + static_cast<double>(i)) + ", dim " +
               std::to_string(c));
      };
      for (std::int64_t k = 0; k < f.rotary_dim / 2; ++k) {
        long long a = 0, b = 0;
        kernels::rope_pair(k, f.rotary_dim, o.pairing, &a, &b);
        // Plus a few subnormal steps: with subnormal x each float32 rounding is off by
        // up to half of denorm_min absolutely, however small the value (found by CI's
        // fuzz run: values near 1e-40).
        const double bound = 5.0 * kUlp * (std::abs(xi[a]) + std::abs(xi[b])) +
                             4.0 * static_cast<double>(std::numeric_limits<float>::denorm_min());
        expect(a, bound);
        expect(b, bound);
      }
      for (std::int64_t c = f.rotary_dim; c < dim; ++c) expect(c, 0.0);
    }
}

void fuzz_heads(FuzzInput& in) {
  const Size heads = in.size(1, 4, kMaxHeads);
  const Size length = in.size(1, 16, kMaxLength);
  const Size dim = in.size(1, 32, kMaxDim);
  const double start = in.flag() ? static_cast<double>(in.any_int()) : in.real(-1e6, 1e6);
  const RopeOptions o = draw_rope(in);
  const int threads = in.flag() ? 1 : static_cast<int>(in.size(1, 2, kMaxThreads));
  const HeadLayout layout = in.flag() ? HeadLayout::heads_first : HeadLayout::length_first;
  const double scale = in.real(0.0, 100.0);
  if (!in.may_run()) return;
  const bool shape_ok = heads >= 1 && heads <= kSmallHeads && length >= 1 && length <= kSmallLength && dim >= 1 &&
                        dim <= kSmallDim;
  const std::size_t n = shape_ok ? static_cast<std::size_t>(heads * length * dim) : 1;
  std::vector<float> x(n), y(n, -7.0f), z(n, -5.0f);
  for (std::size_t k = 0; k < n; ++k) x[k] = static_cast<float>(scale * std::sin(0.7 * k + 0.01 * k * k));
  if (!std::isfinite(scale)) x[0] = static_cast<float>(scale);
  // A shape past the buffer is still tried when some size is invalid: the checks
  // must fail before any element is touched.
  if (!shape_ok && !in.invalid()) return;
  // Non-finite entries of x propagate by contract (rope.hpp), and rope_apply (the
  // reference) takes |x| <= FLT_MAX / sqrt 2 only: compared only within that.
  bool x_finite = true;
  for (float v : x) x_finite = x_finite && std::abs(v) <= 2.4e38f;
  const bool ok = guarded("rope_apply_heads",
                          [&] { rope_apply_heads(x.data(), y.data(), heads, length, dim, start, o, threads, layout); });
  if (ok && x_finite) fast_matches_reference(x, y, heads, length, dim, start, o, layout);
  RopeTables t;
  if (may_run_with({length, dim}) && guarded("rope_cos_sin", [&] { t = rope_cos_sin(dim, start, length, o); })) {
    finite(t.cos, "rope_cos_sin cos");
    finite(t.sin, "rope_cos_sin sin");
    if (guarded("rope_apply_heads(tables)",
                [&] { rope_apply_heads(x.data(), z.data(), heads, length, dim, t, o.pairing, threads, layout); }) &&
        ok && x_finite && z != y)
      fail("rope_apply_heads with tables differs from computing them");
  }
}

void fuzz_rows(FuzzInput& in) {
  const std::int64_t length = in.size(1, 8, kMaxLength);
  const std::int64_t dim = in.size(0, 32, kMaxDim);
  const double position = in.flag() ? static_cast<double>(in.any_int()) : in.real(-1e12, 1e12);
  const RopeOptions o = draw_rope(in);
  const double value = in.real(-1e3, 1e3);
  if (!in.may_run() || length > kSmallLength || dim > kSmallDim || length < 0 || dim < 0) return;
  Matrix x(length, dim);
  for (Eigen::Index k = 0; k < x.size(); ++k) x.data()[k] = static_cast<float>(value * std::cos(1.3 * k));
  Matrix rows;
  if (guarded("rope_apply_rows", [&] { rows = rope_apply_rows(x, position, o); })) {
    finite(rows, "rope_apply_rows");
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (rows.row(i) != rope_apply(x.row(i), position + static_cast<double>(i), o))
        fail("rope_apply_rows differs from rope_apply at row " + std::to_string(i));
  }
  if (x.rows() > 0) guarded("rope_apply", [&] { finite(rope_apply(x.row(0), position, o), "rope_apply"); });
}

void fuzz_freqs(FuzzInput& in) {
  const std::int64_t dim = in.size(1, kSmallDim, kMaxDim);
  const RopeOptions o = draw_rope(in);
  const double distance = in.flag() ? static_cast<double>(in.any_int()) : in.real(-1e6, 1e6);
  const std::int64_t max_distance = in.size(0, 64, kMaxPosition);
  const std::int64_t step = in.size(1, 16, kMaxPosition);
  if (!in.may_run()) return;
  guarded("rope_frequencies", [&] {
    const RopeFrequencies f = rope_frequencies(dim, o);
    for (double w : f.inv_freq)
      if (!(w > 0 && std::isfinite(w))) fail("rope_frequencies: theta_k = " + std::to_string(w));
    finite_value(f.attention_factor, "rope_frequencies attention_factor", 0);
    if (f.rotary_dim < 2 || f.rotary_dim % 2 != 0 || f.rotary_dim > dim ||
        static_cast<std::int64_t>(f.inv_freq.size()) != f.rotary_dim / 2)
      fail("rope_frequencies: rotary width not even in [2, d] or inv_freq of the wrong size");
  });
  guarded("rope_decay_bound", [&] { finite_value(rope_decay_bound(distance, dim, o.base), "rope_decay_bound", 0); });
  guarded("rope_decay_curve", [&] {
    const RopeDecayCurve c = rope_decay_curve(max_distance, step, dim, o.base);
    finite(c.bound, "rope_decay_curve");
  });
}

}  // namespace

void fuzz_rope(FuzzInput& in) {
  switch (in.pick(3)) {
    case 0: fuzz_heads(in); break;
    case 1: fuzz_rows(in); break;
    default: fuzz_freqs(in); break;
  }
}

}  // namespace posenc::fuzz
