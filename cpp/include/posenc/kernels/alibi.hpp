// posenc/kernels/alibi.hpp: ALiBi's slope of one head and its bias for one (i, j).
//
// Press, Smith, Lewis 2022 ("Train Short, Test Long: Attention with Linear Biases
// Enables Input Length Extrapolation", section 3). Slopes follow the reference
// implementation (ofirpress/attention_with_linear_biases, fairseq/models/
// transformer.py, get_slopes), with p = the largest power of two <= H, heads
// h = 0..H-1:
//
//   h < p:   m_h = 2^(-8 (h + 1) / p)                  (the geometric sequence)
//   h >= p:  m_h = 2^(-4 (2 (h - p) + 1) / p)          (every other slope of 2p heads)
//
// The paper's wording ("a geometric sequence that starts at 2^(-8/n) and uses that
// same value as its ratio") is only right for H a power of two; for other H the
// reference takes the p-head sequence, then slopes 1, 3, 5, ... (1-based) of the
// 2p-head sequence. The exponent is exact in double (p is a power of two), so m_h is
// exp2 of an exact number: 1/2, 1/4, ..., 1/256 for H = 8 exactly.
//
// Bias added to the logit of query i, key j:
//   causal:    b_h(i, j) = -m_h (i - j)  for j <= i;  masked (NaN) for j > i
//   symmetric: b_h(i, j) = -m_h |i - j|  for every (i, j)
// (The reference code adds m_h * j instead, which differs from -m_h (i - j) by
// -m_h i per row: softmax cancels it. This library uses the paper's form.)
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// The largest power of two <= heads (heads >= 1).
POSENC_HD long long alibi_closest_power_of_two(long long heads) {
  long long p = 1;
  while (p * 2 <= heads) p *= 2;
  return p;
}

/// Slope m_h of head h (0-based) of `heads` heads, in double (see above).
POSENC_HD double alibi_slope(long long h, long long heads) {
  const long long p = alibi_closest_power_of_two(heads);
  const double exponent = h < p ? -8.0 * static_cast<double>(h + 1) / static_cast<double>(p)
                                : -4.0 * static_cast<double>(2 * (h - p) + 1) / static_cast<double>(p);
  return exp2(exponent);
}

/// Bias of head slope m for query i, key j: -m (i - j), or -m |i - j| when
/// symmetric; NaN (masked) for a causal future key j > i. Formed in double, rounded
/// to float32 once.
/// The bias attention adds for query position i, key position j: -m |i - j|, in
/// double (the causal mask, where attention applies one, is separate: under it this
/// is the paper's -m (i - j)). Every driver's ALiBi bias is this expression: the
/// bias matrices below, attention's reference, its per-distance table, and CUDA.
POSENC_HD double alibi_distance_bias(double slope, long long i, long long j) {
  const long long distance = i >= j ? i - j : j - i;
  return -slope * static_cast<double>(distance);
}

POSENC_HD float alibi_bias(double slope, long long i, long long j, bool symmetric) {
  if (!symmetric && j > i) return NAN;
  return static_cast<float>(alibi_distance_bias(slope, i, j));
}

}  // namespace posenc::kernels
