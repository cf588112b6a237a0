// Implementation of posenc/fire.hpp: a thin driver over kernels/fire.hpp.
#include "posenc/fire.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "posenc/error.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"

namespace posenc {

namespace {

constexpr float kMasked = std::numeric_limits<float>::quiet_NaN();

}  // namespace

void check_fire_options(const FireOptions& o) {
  require_real("c", o.c, 0.0, 1e6, /*lo_open=*/true);
  require_real("threshold", o.threshold, 1.0, static_cast<double>(kMaxPosition));
  require_real("eps", o.eps, 0.0, 1.0);
}

namespace {

// Validates length and the size of `matrices` L x L outputs.
void check_length(std::int64_t length, std::int64_t matrices) {
  require_int("length", length, 1, kMaxLength);
  const double l = static_cast<double>(length);
  require_output_size("length", static_cast<double>(matrices) * l * l,
                      std::to_string(matrices) + " x length x length = " + std::to_string(matrices) + " x " +
                          std::to_string(length) + " x " + std::to_string(length));
}

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

// Every value finite and within kMaxFireWeight (so that f(u) stays inside float32).
template <class M>
void check_weight_values(const char* arg, const M& m) {
  for (Eigen::Index k = 0; k < m.size(); ++k) {
    const float v = m.data()[k];
    if (!(std::isfinite(v) && std::fabs(static_cast<double>(v)) <= kMaxFireWeight)) {
      throw Error(arg, format_value(static_cast<double>(v)) + " at index " + std::to_string(k),
                  "finite numbers with |x| <= " + format_value(kMaxFireWeight));
    }
  }
}

}  // namespace

void check_fire_weights(const FireWeights& w) {
  const std::int64_t hidden = w.w1.size();
  const std::int64_t heads = w.w2.rows();
  if (hidden < 1 || hidden > kMaxFireHidden) {
    throw Error("w1", std::to_string(hidden) + " values",
                "W values, W = MLP width in [1, " + std::to_string(kMaxFireHidden) + "]");
  }
  if (heads < 1 || heads > kMaxHeads) {
    throw Error("w2", shape(w.w2.rows(), w.w2.cols()),
                "H x W with H = heads in [1, " + std::to_string(kMaxHeads) + "]");
  }
  if (w.b1.size() != hidden) {
    throw Error("b1", std::to_string(w.b1.size()) + " values", "W = " + std::to_string(hidden) + " values (as w1)");
  }
  if (w.w2.cols() != hidden) {
    throw Error("w2", shape(w.w2.rows(), w.w2.cols()),
                "H x W = " + shape(heads, hidden) + " (W = " + std::to_string(hidden) + " as w1)");
  }
  if (w.b2.size() != heads) {
    throw Error("b2", std::to_string(w.b2.size()) + " values",
                "H = " + std::to_string(heads) + " values (as the rows of w2)");
  }
  check_weight_values("w1", w.w1);
  check_weight_values("b1", w.b1);
  check_weight_values("w2", w.w2);
  check_weight_values("b2", w.b2);
}


FireWeights fire_weights(std::int64_t heads, std::int64_t hidden, std::uint64_t seed) {
  require_int("heads", heads, 1, kMaxHeads);
  require_int("hidden", hidden, 1, kMaxFireHidden);
  // PyTorch nn.Linear default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias.
  Rng rng(seed, Stream::fire_mlp);
  const float bound2 = static_cast<float>(1.0 / std::sqrt(static_cast<double>(hidden)));
  FireWeights w;
  w.w1.resize(hidden);
  w.b1.resize(hidden);
  w.w2.resize(heads, hidden);
  w.b2.resize(heads);
  for (std::int64_t k = 0; k < hidden; ++k) w.w1[k] = rng.uniform(-1.0f, 1.0f);
  for (std::int64_t k = 0; k < hidden; ++k) w.b1[k] = rng.uniform(-1.0f, 1.0f);
  for (std::int64_t h = 0; h < heads; ++h)
    for (std::int64_t k = 0; k < hidden; ++k) w.w2(h, k) = rng.uniform(-bound2, bound2);
  for (std::int64_t h = 0; h < heads; ++h) w.b2[h] = rng.uniform(-bound2, bound2);
  return w;
}

Matrix fire_input(std::int64_t length, const FireOptions& opts) {
  check_length(length, 1);
  check_fire_options(opts);
  Matrix u(length, length);
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t j = 0; j < length; ++j)
      u(i, j) = j <= i ? static_cast<float>(kernels::fire_input(i, j, opts.c, opts.threshold, opts.eps)) : kMasked;
  return u;
}

HeadMatrices fire_bias(std::int64_t length, const FireWeights& weights, const FireOptions& opts) {
  require_int("length", length, 1, kMaxLength);
  check_fire_weights(weights);
  check_fire_options(opts);
  const std::int64_t heads = weights.heads();
  const std::int64_t hidden = weights.hidden();
  check_length(length, heads);
  const float *w1 = weights.w1.data(), *b1 = weights.b1.data(), *w2 = weights.w2.data(), *b2 = weights.b2.data();
  HeadMatrices bias(static_cast<std::size_t>(heads), Matrix::Constant(length, length, kMasked));

  // Rows i <= L_thr share the normalizer psi(L_thr), so there u depends on i - j
  // only: evaluate the MLP once per distance d (as the entry (d, 0), which has the
  // same normalizer, so the value is bit-identical) and copy it along the diagonals.
  const std::int64_t shared =
      opts.threshold >= static_cast<double>(length - 1) ? length : static_cast<std::int64_t>(opts.threshold) + 1;
  for (std::int64_t h = 0; h < heads; ++h) {
    Matrix& m = bias[static_cast<std::size_t>(h)];
    for (std::int64_t d = 0; d < shared; ++d) {
      const double u = kernels::fire_input(d, 0, opts.c, opts.threshold, opts.eps);
      const float v = static_cast<float>(kernels::fire_mlp(u, h, hidden, w1, b1, w2, b2));
      for (std::int64_t i = d; i < shared; ++i) m(i, i - d) = v;
    }
  }
  // Rows i > L_thr: the normalizer is psi(i), every entry its own.
  for (std::int64_t i = shared; i < length; ++i) {
    for (std::int64_t j = 0; j <= i; ++j) {
      const double u = kernels::fire_input(i, j, opts.c, opts.threshold, opts.eps);
      for (std::int64_t h = 0; h < heads; ++h)
        bias[static_cast<std::size_t>(h)](i, j) = static_cast<float>(kernels::fire_mlp(u, h, hidden, w1, b1, w2, b2));
    }
  }
  return bias;
}

HeadMatrices fire_bias(std::int64_t length, std::int64_t heads, std::uint64_t seed, const FireOptions& opts,
                       std::int64_t hidden) {
  require_int("length", length, 1, kMaxLength);
  require_int("heads", heads, 1, kMaxHeads);
  check_fire_options(opts);
  check_length(length, heads);
  return fire_bias(length, fire_weights(heads, hidden, seed), opts);
}

}  // namespace posenc
