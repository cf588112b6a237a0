// Implementation of posenc/conv.hpp: a thin driver over kernels/conv.hpp.
#include "posenc/conv.hpp"

#include <cmath>
#include <string>

#include "posenc/error.hpp"
#include "posenc/kernels/conv.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"

namespace posenc {

namespace {

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

// K must be odd: 'same' zero padding of (K - 1) / 2 on each side needs a centre tap.
void check_kernel(std::int64_t kernel) {
  if (kernel < 1 || kernel > kMaxConvKernel || kernel % 2 == 0) {
    throw Error("kernel", format_value(kernel),
                "odd integer in [1, " + std::to_string(kMaxConvKernel) +
                    "] ('same' zero padding of (K-1)/2 per side needs a centre tap)");
  }
}

template <class M>
void check_finite(const char* arg, const M& m) {
  for (Eigen::Index k = 0; k < m.size(); ++k) {
    const float v = m.data()[k];
    if (!std::isfinite(v)) {
      throw Error(arg, format_value(static_cast<double>(v)) + " at index " + std::to_string(k), "finite numbers");
    }
  }
}

void check_weights(const ConvWeights& w, std::int64_t dim) {
  check_kernel(w.kernel());
  if (w.weight.rows() != dim) {
    throw Error("weight", shape(w.weight.rows(), w.weight.cols()),
                "dim x kernel = " + shape(dim, w.kernel()) + " (one row of taps per input column)");
  }
  if (w.bias.size() != dim) {
    throw Error("bias", std::to_string(w.bias.size()) + " values", "dim = " + std::to_string(dim) + " values");
  }
  check_finite("weight", w.weight);
  check_finite("bias", w.bias);
}

// A stack whose values left float32's range at layer `at` (1-based): each layer can
// multiply them by up to 1 + sum_t |w[c, t]|, so a deep stack of the same weights
// can overflow. Reported, as too many layers for these weights, rather than
// returning Inf or NaN.
[[noreturn]] void throw_overflow(std::int64_t layers, std::int64_t at) {
  const std::string why = " (each layer multiplies values by up to 1 + sum |taps|)";
  throw Error("layers", format_value(layers) + " (values pass float32's range, 3.4e38, at layer " +
                            format_value(at) + ")",
              at > 1 ? "at most " + format_value(at - 1) + " layers for these weights and this input" + why
                     : "weights and input whose conv stays within float32's range" + why);
}

bool all_finite(const float* x, Eigen::Index n) {
  bool ok = true;
  for (Eigen::Index k = 0; k < n; ++k) ok &= std::isfinite(x[k]);
  return ok;
}

// One layer: out = in + conv(in), every channel on its own.
void apply_layer(const Matrix& in, const ConvWeights& w, Matrix& out) {
  const std::int64_t length = in.rows(), dim = in.cols(), kernel = w.kernel();
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t c = 0; c < dim; ++c)
      out(i, c) = static_cast<float>(
          kernels::peg_output(in.data() + c, dim, length, i, w.weight.row(c).data(), kernel, w.bias[c]));
}

}  // namespace

ConvWeights conv_weights(std::int64_t dim, std::int64_t kernel, std::uint64_t seed) {
  require_int("dim", dim, 1, kMaxDim);
  check_kernel(kernel);
  require_output_size("kernel", static_cast<double>(dim) * static_cast<double>(kernel),
                      "dim x kernel = " + shape(dim, kernel));
  // Twins gvt.py CPVTV2._init_weights: normal(0, sqrt(2 / fan_out)), fan_out = K for
  // a depthwise 1-D conv; bias zero.
  const float std = static_cast<float>(std::sqrt(2.0 / static_cast<double>(kernel)));
  Rng rng(seed, Stream::conv_kernel);
  ConvWeights w;
  w.weight.resize(dim, kernel);
  for (std::int64_t c = 0; c < dim; ++c)
    for (std::int64_t t = 0; t < kernel; ++t) w.weight(c, t) = rng.normal(0.0f, std);
  w.bias = Vector::Zero(dim);
  return w;
}

Matrix conv_apply(const Matrix& input, const ConvWeights& weights, std::int64_t layers) {
  require_int("length", input.rows(), 1, kMaxLength);
  require_int("dim", input.cols(), 1, kMaxDim);
  require_output_size("input", static_cast<double>(input.rows()) * static_cast<double>(input.cols()),
                      "length x dim = " + shape(input.rows(), input.cols()));
  check_weights(weights, input.cols());
  require_int("layers", layers, 1, kMaxConvLayers);
  check_finite("input", input);
  Matrix cur = input, next(input.rows(), input.cols());
  for (std::int64_t n = 0; n < layers; ++n) {
    apply_layer(cur, weights, next);
    if (!all_finite(next.data(), next.size())) throw_overflow(layers, n + 1);
    cur.swap(next);
  }
  return cur;
}

ConvContent parse_conv_content(std::string_view name) {
  return parse_choice<ConvContent>("content", name, {{"word", ConvContent::word}, {"ones", ConvContent::ones}});
}

ConvDemo conv_demo(const ConvDemoOptions& o) {
  require_int("length", o.length, 1, kMaxLength);
  require_int("dim", o.dim, 1, kMaxDim);
  check_kernel(o.kernel);
  require_int("layers", o.layers, 1, kMaxConvLayers);
  require_output_size("length", 3.0 * static_cast<double>(o.length) * static_cast<double>(o.dim),
                      "3 x length x dim = 3 x " + shape(o.length, o.dim));

  ConvDemo d;
  d.weights = conv_weights(o.dim, o.kernel, o.seed);
  Eigen::RowVectorXf word(o.dim);
  if (o.content == ConvContent::ones) {
    word.setOnes();
  } else {
    Rng rng(o.seed, Stream::word_embeddings);
    for (std::int64_t c = 0; c < o.dim; ++c) word[c] = rng.uniform(-1.0f, 1.0f);
  }
  d.input = word.replicate(o.length, 1);
  d.output = conv_apply(d.input, d.weights, o.layers);
  d.signal = d.output - d.input;

  // The interior: the same layers on a constant input with no edge in reach, rounded
  // to float after each layer as conv_apply does, so it matches interior rows exactly.
  d.interior = word;
  for (std::int64_t n = 0; n < o.layers; ++n) {
    for (std::int64_t c = 0; c < o.dim; ++c)
      d.interior[c] = static_cast<float>(
          kernels::peg_interior(d.interior[c], d.weights.weight.row(c).data(), o.kernel, d.weights.bias[c]));
    if (!all_finite(d.interior.data(), d.interior.size())) throw_overflow(o.layers, n + 1);
  }

  d.distance.resize(o.length);
  for (std::int64_t i = 0; i < o.length; ++i) {
    double s = 0.0;
    for (std::int64_t c = 0; c < o.dim; ++c) {
      const double e = static_cast<double>(d.output(i, c)) - static_cast<double>(d.interior[c]);
      s += e * e;
    }
    d.distance[i] = static_cast<float>(std::sqrt(s));
  }
  // Outputs near 3.4e38 can still make a difference or a distance overflow.
  if (!all_finite(d.signal.data(), d.signal.size()) || !all_finite(d.distance.data(), d.distance.size()))
    throw_overflow(o.layers, o.layers);
  return d;
}

}  // namespace posenc
