// posenc/conv.hpp: the convolutional position encoding, CPVT's Positional Encoding
// Generator (PEG) in one dimension.
//
// Chu et al. 2021, "Conditional Positional Encodings for Vision Transformers": a
// depthwise convolution with zero padding, added back to its input. Over positions
// (rows) of an L x D input, channel c on its own, odd kernel K, r = (K - 1) / 2:
//
//   y[i, c] = x[i, c] + b[c] + sum_{t=0}^{K-1} w[c, t] * x[i + t - r, c],
//   x[p, c] = 0 outside 0..L-1
//
// The conv itself is translation-equivariant and knows no position. Position comes
// only from the zero padding: feed it a position-free input (the same vector at
// every position) and every output row is the same except within r of an edge,
// where taps fall on the padding. K = 3, L = 6, one channel, input all v:
//
//   padded x:   0 [v v v v v v] 0
//   y:            [e v' v' v' v' e']     v' = v + b + (w0 + w1 + w2) v
//                                        e  = v + b + (w1 + w2) v (w0 hit the pad)
//                                        e' = v + b + (w0 + w1) v
//
// Stacking the layer n times moves the edge signal n r positions in; the interior
// value is what an infinitely long input would give everywhere.
//
// Checked against the authors' PosCNN (Meituan-AutoML/Twins, gvt.py; CPVT's code):
// nn.Conv2d(C, C, k, 1, k // 2, bias=True, groups=C), x = proj(x) + x, i.e. in
// 1-D PyTorch's Conv1d(D, D, K, 1, K // 2, groups=D) (cross-correlation: no kernel
// flip) plus the residual; re-implemented in tests/reference/fire_conv.py.
// The per-element math is in kernels/conv.hpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "posenc/limits.hpp"
#include "posenc/types.hpp"

namespace posenc {

/// A depthwise conv's parameters, laid out as PyTorch's Conv1d(D, D, K, groups=D).
struct ConvWeights {
  Matrix weight;  ///< D x K: weight[c, t] = conv.weight[c, 0, t]
  Vector bias;    ///< D

  std::int64_t dim() const { return weight.rows(); }
  std::int64_t kernel() const { return weight.cols(); }
};

/// Seeded weights, initialized as CPVT's authors do (Twins gvt.py,
/// CPVTV2._init_weights: weight ~ N(0, 2 / fan_out) with fan_out = K * out / groups,
/// which is K for a depthwise 1-D conv; bias = 0), drawn row by row from
/// posenc::Rng(seed, Stream::conv_kernel). Throws posenc::Error for dim outside
/// [1, kMaxDim] or kernel not odd in [1, kMaxConvKernel].
ConvWeights conv_weights(std::int64_t dim, std::int64_t kernel, std::uint64_t seed);

/// `layers` PEG layers, all with the same weights, applied to an L x D input:
/// x_{n+1} = x_n + conv(x_n) (each layer rounded to float32). Throws
/// posenc::Error("input") for a non-finite entry or a size over the limits,
/// ("weight") unless weight is D x K with D = input's columns, ("bias") unless it
/// has D values, ("kernel") for an even or too large K, ("layers") outside
/// [1, kMaxConvLayers] or when the values leave float32's range at some layer
/// (deep stacks of the same weights can grow geometrically; never Inf or NaN).
Matrix conv_apply(const Matrix& input, const ConvWeights& weights, std::int64_t layers = 1);

/// What every position of the demo input holds: `word`, one seeded vector with
/// entries U[-1, 1) from posenc::Rng(seed, Stream::word_embeddings) (the same word
/// repeated); `ones`, all ones. Either way the input carries no position.
enum class ConvContent { word, ones };

/// Parses "word" | "ones"; throws posenc::Error("content").
ConvContent parse_conv_content(std::string_view name);

struct ConvDemoOptions {
  std::int64_t length = 0;  ///< L, in [1, kMaxLength]
  std::int64_t dim = 0;     ///< D, in [1, kMaxDim]
  std::int64_t kernel = 3;  ///< K, odd, in [1, kMaxConvKernel]
  std::int64_t layers = 1;  ///< n, in [1, kMaxConvLayers]
  std::uint64_t seed = 0;   ///< conv weights and the word vector
  ConvContent content = ConvContent::word;
};

/// The demo of how position emerges from the padded edges.
struct ConvDemo {
  ConvWeights weights;         ///< conv_weights(dim, kernel, seed)
  Matrix input;                ///< L x D, every row the same
  Matrix output;               ///< L x D, conv_apply(input, weights, layers)
  Matrix signal;               ///< L x D, output - input: what the layers added
  Eigen::RowVectorXf interior; ///< D: the output an interior position gets (an
                               ///< infinitely long input's output, every row)
  Vector distance;             ///< L: ||output[i] - interior||_2; exactly 0 for
                               ///< n r <= i <= L-1-n r, where no pad is in reach
};

/// Builds the demo. Throws posenc::Error naming the option out of range,
/// "length" when the three L x D outputs exceed 1 GiB, or "layers" when the
/// outputs, the interior value or the distances leave float32's range.
ConvDemo conv_demo(const ConvDemoOptions& opts);

}  // namespace posenc
