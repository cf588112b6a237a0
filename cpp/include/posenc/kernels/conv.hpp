// posenc/kernels/conv.hpp: one output of the 1-D Positional Encoding Generator.
//
// Chu et al. 2021, "Conditional Positional Encodings for Vision Transformers"
// (CPVT), the Positional Encoding Generator (PEG): "a 2-D convolution with kernel
// k (k >= 3) and (k - 1)/2 zero paddings", added back to its input; the zero
// padding is what tells the model where the edges, and so the absolute positions,
// are. In 1-D, channel c, position i, odd kernel K, r = (K - 1) / 2:
//
//   y[i, c] = x[i, c] + b[c] + sum_{t=0}^{K-1} w[c, t] * x[i + t - r, c],
//   x[p, c] = 0 for p < 0 or p >= L (zero padding)
//
// Checked against the authors' PosCNN (Meituan-AutoML/Twins, gvt.py):
// nn.Conv2d(C, C, k, 1, k // 2, bias=True, groups=C), then proj(x) + x; here as
// PyTorch's Conv1d(D, D, K, 1, K // 2, groups=D), which is a cross-correlation (no
// kernel flip). The sum runs t = 0..K-1 in double; the caller rounds once.
#pragma once

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// y[i, c] for one channel. `x` points at the channel's value at position 0, with
/// `stride` floats between positions (D for a row-major L x D matrix); `w` holds
/// the channel's K taps, `b` its bias.
POSENC_HD double peg_output(const float* x, long long stride, long long length, long long i, const float* w,
                            long long kernel, float b) {
  const long long r = (kernel - 1) / 2;
  double acc = static_cast<double>(b);
  for (long long t = 0; t < kernel; ++t) {
    const long long p = i + t - r;
    if (p >= 0 && p < length) acc += static_cast<double>(w[t]) * static_cast<double>(x[p * stride]);
  }
  return static_cast<double>(x[i * stride]) + acc;
}

/// The same output for a position with no edge in reach (an interior position of a
/// sequence that is constant, = v, in this channel): v + b + sum_t w[c, t] * v.
/// Same summation order as peg_output, so an interior output of a constant input
/// equals it exactly.
POSENC_HD double peg_interior(float v, const float* w, long long kernel, float b) {
  double acc = static_cast<double>(b);
  for (long long t = 0; t < kernel; ++t) acc += static_cast<double>(w[t]) * static_cast<double>(v);
  return static_cast<double>(v) + acc;
}

}  // namespace posenc::kernels
