// posenc/kernels/sinusoid.hpp: one entry of the sinusoidal table.
//
// Vaswani et al. 2017, section 3.5:
//   PE(pos, 2i)   = sin(pos / base^(2i/D))
//   PE(pos, 2i+1) = cos(pos / base^(2i/D)),     base = 10000
// The angle is formed in double: at pos = 10^6 a float angle would be off by ~0.03.
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// Frequency spacing. paper: w_i = base^(-2i/D). endpoint (tensor2tensor's
/// get_timing_signal_1d, fairseq's SinusoidalPositionalEmbedding):
/// w_i = base^(-i/max(n-1, 1)) over n frequencies, so the last one is exactly 1/base.
enum class Spacing { paper = 0, endpoint = 1 };

/// Inverse frequency w_i of frequency index i (0-based) for width `dim` with
/// `count` frequencies in all.
POSENC_HD double sinusoid_inv_freq(long long i, long long dim, long long count, double base,
                                   Spacing spacing) {
  const double exponent = spacing == Spacing::paper
                              ? 2.0 * static_cast<double>(i) / static_cast<double>(dim)
                              : static_cast<double>(i) / static_cast<double>(count > 1 ? count - 1 : 1);
  return exp(-exponent * log(base));
}

/// Interleaved layout (the paper, the notebook): [sin w0 p, cos w0 p, sin w1 p, ...].
/// Column c uses frequency c/2: sin for even c, cos for odd c. With odd D the last
/// column is a sine (the formula above, applied to the columns that exist).
POSENC_HD double sinusoid_interleaved(double pos, long long col, long long dim, double base,
                                      Spacing spacing) {
  const long long count = (dim + 1) / 2;
  const double angle = pos * sinusoid_inv_freq(col / 2, dim, count, base, spacing);
  return (col % 2 == 0) ? sin(angle) : cos(angle);
}

/// Concat layout ([sin | cos]: tensor2tensor, fairseq): n = floor(D/2) frequencies,
/// columns 0..n-1 hold sin(w_c p), columns n..2n-1 hold cos(w_{c-n} p). With odd D
/// the last column is 0, as both reference implementations pad it.
POSENC_HD double sinusoid_concat(double pos, long long col, long long dim, double base,
                                 Spacing spacing) {
  const long long n = dim / 2;
  if (col >= 2 * n) return 0.0;
  const long long i = col < n ? col : col - n;
  const double angle = pos * sinusoid_inv_freq(i, dim, n, base, spacing);
  return col < n ? sin(angle) : cos(angle);
}

}  // namespace posenc::kernels
