// Implementation of posenc/rope.hpp: validation, then thin loops over kernels/rope.hpp.
#include "posenc/rope.hpp"

#include <cmath>
#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "rope_table.hpp"

namespace posenc {

namespace {

constexpr double kMaxPos = static_cast<double>(kMaxPosition);

void check_options(const RopeOptions& o) {
  require_real("base", o.base, 1.0, 1e12, /*lo_open=*/true);
  if (o.scaling != RopeScaling::unscaled && o.scaling != RopeScaling::linear && o.scaling != RopeScaling::ntk &&
      o.scaling != RopeScaling::dynamic && o.scaling != RopeScaling::yarn && o.scaling != RopeScaling::llama3) {
    throw Error("scaling", format_value(static_cast<std::int64_t>(o.scaling)),
                "one of default, linear, ntk, dynamic, yarn, llama3");
  }
  if (o.pairing != RopePairing::half && o.pairing != RopePairing::interleaved) {
    throw Error("pairing", format_value(static_cast<std::int64_t>(o.pairing)), "one of half, interleaved");
  }
  require_real("factor", o.factor, 1.0, kMaxRopeFactor);
  require_int("original_max_length", o.original_max_length, 1, kMaxPosition);
  require_int("seq_len", o.seq_len, 1, kMaxPosition);
  require_real("beta_slow", o.beta_slow, 0.0, 1e6, /*lo_open=*/true);
  if (!(std::isfinite(o.beta_fast) && o.beta_fast > o.beta_slow && o.beta_fast <= 1e6)) {
    throw Error("beta_fast", format_value(o.beta_fast),
                "finite number in (beta_slow = " + format_value(o.beta_slow) + ", 1000000]");
  }
  require_real("high_freq_factor", o.high_freq_factor, 0.0, 1e6, /*lo_open=*/true);
  if (!(std::isfinite(o.low_freq_factor) && o.low_freq_factor > 0.0 && o.low_freq_factor < o.high_freq_factor)) {
    throw Error("low_freq_factor", format_value(o.low_freq_factor),
                "finite number in (0, high_freq_factor = " + format_value(o.high_freq_factor) + ")");
  }
  require_real("partial", o.partial, 0.0, 1.0, /*lo_open=*/true);
}

// r = int(d * partial), as HF's int(head_dim * partial_rotary_factor); even, >= 2.
std::int64_t rotary_width(std::int64_t dim, const RopeOptions& o) {
  require_int("dim", dim, 2, kMaxDim);
  const auto r = static_cast<std::int64_t>(static_cast<double>(dim) * o.partial);
  const bool needs4 = o.scaling == RopeScaling::ntk || o.scaling == RopeScaling::dynamic;
  const std::int64_t least = needs4 ? 4 : 2;
  if (r % 2 == 0 && r >= least) return r;
  const std::string why = needs4 ? " (ntk and dynamic need r >= 4: their exponent is r/(r-2))" : "";
  if (o.partial == 1.0) {
    throw Error("dim", format_value(dim),
                "even integer in [" + format_value(least) + ", " + format_value(kMaxDim) + "]" + why);
  }
  throw Error("partial",
              format_value(o.partial) + " (rotary width r = int(" + format_value(dim) + " * " +
                  format_value(o.partial) + ") = " + format_value(r) + ")",
              "a fraction in (0, 1] with r even and >= " + format_value(least) + why);
}

}  // namespace

void detail::check_rope_positions(double start, std::int64_t length) {
  require_real("start", start, -kMaxPos, kMaxPos);
  require_int("length", length, 1, kMaxLength);
  const double last = start + static_cast<double>(length - 1);
  if (last > kMaxPos) {
    throw Error("length", format_value(length) + " (last position " + format_value(last) + ")",
                "start + length - 1 <= " + format_value(kMaxPosition));
  }
}

namespace {

// Entries up to FLT_MAX / sqrt(2): a rotated pair keeps its norm, so no output
// entry can then pass FLT_MAX (a pair (FLT_MAX, FLT_MAX) turned by pi/4 would give
// sqrt(2) FLT_MAX = Inf).
constexpr double kMaxRotatedEntry = 3.4028234663852886e38 / 1.4142135623730951;

void check_finite(const float* x, std::int64_t count, std::string_view arg) {
  for (std::int64_t i = 0; i < count; ++i) {
    if (!(std::isfinite(x[i]) && std::fabs(static_cast<double>(x[i])) <= kMaxRotatedEntry)) {
      throw Error(std::string(arg), format_value(static_cast<double>(x[i])) + " at index " + std::to_string(i),
                  "finite numbers with |x| <= " + format_value(kMaxRotatedEntry) +
                      " (FLT_MAX / sqrt 2: a rotation can grow an entry by sqrt 2)");
    }
  }
}

// Rotates one row of width d; dims r .. d-1 are copied unrotated.
void rotate_row(const float* x, float* y, const RopeFrequencies& f, double position, RopePairing pairing) {
  for (std::int64_t c = f.rotary_dim; c < f.dim; ++c) y[c] = x[c];
  const auto half = static_cast<std::int64_t>(f.inv_freq.size());
  for (std::int64_t k = 0; k < half; ++k)
    kernels::rope_apply_pair(x, y, k, f.rotary_dim, f.inv_freq[k], position, pairing);
}

void check_decay_args(std::int64_t dim, double base) {
  require_int("dim", dim, 2, kMaxDim);
  if (dim % 2 != 0) throw Error("dim", format_value(dim), "even integer in [2, " + format_value(kMaxDim) + "]");
  require_real("base", base, 1.0, 1e12, /*lo_open=*/true);
}

std::vector<double> decay_inv_freq(std::int64_t dim, double base) {
  std::vector<double> inv(static_cast<std::size_t>(dim / 2));
  for (std::int64_t k = 0; k < dim / 2; ++k) inv[k] = kernels::rope_default_inv_freq(k, dim, base);
  return inv;
}

}  // namespace

RopeFrequencies rope_frequencies(std::int64_t dim, const RopeOptions& o) {
  check_options(o);
  RopeFrequencies f;
  f.dim = dim;
  f.rotary_dim = rotary_width(dim, o);
  const std::int64_t r = f.rotary_dim;
  const auto M = static_cast<double>(o.original_max_length);
  f.inv_freq.resize(static_cast<std::size_t>(r / 2));
  double low = 0.0, high = 0.0;
  if (o.scaling == RopeScaling::yarn) kernels::rope_yarn_range(o.beta_fast, o.beta_slow, r, o.base, M, &low, &high);
  const double base = o.scaling == RopeScaling::ntk ? kernels::rope_ntk_base(o.base, o.factor, r)
                      : o.scaling == RopeScaling::dynamic
                          ? kernels::rope_dynamic_base(o.base, o.factor, static_cast<double>(o.seq_len), M, r)
                          : o.base;
  for (std::int64_t k = 0; k < r / 2; ++k) {
    double w = 0.0;
    switch (o.scaling) {
      case RopeScaling::unscaled:
      case RopeScaling::ntk:
      case RopeScaling::dynamic: w = kernels::rope_default_inv_freq(k, r, base); break;
      case RopeScaling::linear: w = kernels::rope_default_inv_freq(k, r, base) / o.factor; break;
      case RopeScaling::yarn: w = kernels::rope_yarn_inv_freq(k, r, base, o.factor, low, high); break;
      case RopeScaling::llama3:
        w = kernels::rope_llama3_inv_freq(kernels::rope_default_inv_freq(k, r, base), o.factor, o.low_freq_factor,
                                          o.high_freq_factor, M);
        break;
    }
    f.inv_freq[k] = w;
  }
  f.attention_factor = o.scaling == RopeScaling::yarn ? kernels::rope_yarn_attention_factor(o.factor) : 1.0;
  return f;
}

RopeTables rope_cos_sin(std::int64_t dim, double start, std::int64_t length, const RopeOptions& opts) {
  const RopeFrequencies f = rope_frequencies(dim, opts);
  detail::check_rope_positions(start, length);
  const std::int64_t half = f.rotary_dim / 2;
  require_output_size("length", 2.0 * static_cast<double>(length) * static_cast<double>(half),
                      "2 x length x rotary_dim/2 = 2 x " + std::to_string(length) + " x " + std::to_string(half));
  RopeTables t{Matrix(length, half), Matrix(length, half)};
  detail::fill_rope_cos_sin(f.inv_freq.data(), half, start, length, t.cos.data(), t.sin.data(), half);
  return t;
}

Eigen::RowVectorXf rope_apply(const Eigen::RowVectorXf& x, double position, const RopeOptions& opts) {
  const RopeFrequencies f = rope_frequencies(x.size(), opts);
  require_real("position", position, -kMaxPos, kMaxPos);
  check_finite(x.data(), x.size(), "x");
  Eigen::RowVectorXf y(x.size());
  rotate_row(x.data(), y.data(), f, position, opts.pairing);
  return y;
}

Matrix rope_apply_rows(const Matrix& x, double start, const RopeOptions& opts) {
  const RopeFrequencies f = rope_frequencies(x.cols(), opts);
  detail::check_rope_positions(start, x.rows());
  check_finite(x.data(), x.size(), "x");
  Matrix y(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    rotate_row(x.row(i).data(), y.row(i).data(), f, start + static_cast<double>(i), opts.pairing);
  return y;
}

double rope_decay_bound(double distance, std::int64_t dim, double base) {
  check_decay_args(dim, base);
  require_real("distance", distance, -kMaxPos, kMaxPos);
  const std::vector<double> inv = decay_inv_freq(dim, base);
  return kernels::rope_decay_bound(distance, inv.data(), dim / 2);
}

RopeDecayCurve rope_decay_curve(std::int64_t max_distance, std::int64_t step, std::int64_t dim, double base) {
  check_decay_args(dim, base);
  require_int("max_distance", max_distance, 0, kMaxPosition);
  require_int("step", step, 1, kMaxPosition);
  const std::int64_t count = max_distance / step + 1;
  if (count > kMaxLength) {
    throw Error("max_distance", format_value(max_distance) + " (" + std::to_string(count) + " distances at step " +
                                    format_value(step) + ")",
                "at most " + format_value(kMaxLength) + " distances (max_distance / step + 1)");
  }
  const double terms = static_cast<double>(count) * static_cast<double>(dim / 2);
  if (terms > kMaxRopeDecayTerms) {
    throw Error("max_distance",
                format_value(max_distance) + " (" + std::to_string(count) + " distances x dim/2 = " +
                    format_value(terms) + " terms)",
                "at most " + format_value(kMaxRopeDecayTerms) + " terms (distances x dim/2)");
  }
  const std::vector<double> inv = decay_inv_freq(dim, base);
  RopeDecayCurve c;
  c.distance.resize(static_cast<std::size_t>(count));
  c.bound.resize(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    const double r = static_cast<double>(i * step);
    c.distance[i] = r;
    c.bound[i] = kernels::rope_decay_bound(r, inv.data(), dim / 2);
  }
  return c;
}

RopePairing parse_pairing(std::string_view name) {
  return parse_choice<RopePairing>("pairing", name,
                                   {{"half", RopePairing::half}, {"interleaved", RopePairing::interleaved}});
}

RopeScaling parse_scaling(std::string_view name) {
  using S = RopeScaling;
  return parse_choice<S>("scaling", name,
                         {{scaling_name(S::unscaled), S::unscaled}, {scaling_name(S::linear), S::linear},
                          {scaling_name(S::ntk), S::ntk}, {scaling_name(S::dynamic), S::dynamic},
                          {scaling_name(S::yarn), S::yarn}, {scaling_name(S::llama3), S::llama3}});
}

std::string_view pairing_name(RopePairing pairing) {
  return pairing == RopePairing::half ? "half" : "interleaved";
}

std::string_view scaling_name(RopeScaling scaling) {
  switch (scaling) {
    case RopeScaling::unscaled: return "default";
    case RopeScaling::linear: return "linear";
    case RopeScaling::ntk: return "ntk";
    case RopeScaling::dynamic: return "dynamic";
    case RopeScaling::yarn: return "yarn";
    case RopeScaling::llama3: return "llama3";
  }
  return "default";
}

}  // namespace posenc
