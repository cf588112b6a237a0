// posenc/alibi.hpp: Attention with Linear Biases (the `alibi` scheme).
//
// Press, Smith, Lewis 2022 (ICLR; arXiv 2108.12409), section 3: no position
// vectors at all; head h adds -m_h * distance to the attention logits, with fixed
// per-head slopes m_h. The slope rule and the bias are in kernels/alibi.hpp:
//
//   H = 8:  m = 1/2, 1/4, 1/8, ..., 1/256            (2^(-8k/H), k = 1..H)
//   H = 6:  m = 2^-2, 2^-4, 2^-6, 2^-8 (the 4-head sequence), then 2^-1, 2^-3
//           (slopes 1 and 3 of the 8-head sequence): not a geometric sequence
//
//   causal bias, one head (L = 4):        symmetric:
//     [  0   .   .   . ]                  [  0  -m -2m -3m ]
//     [ -m   0   .   . ]   . = masked     [ -m   0  -m -2m ]
//     [-2m  -m   0   . ]     (NaN)        [-2m  -m   0  -m ]
//     [-3m -2m  -m   0 ]                  [-3m -2m  -m   0 ]
//
// Checked against: ofirpress/attention_with_linear_biases get_slopes (re-implemented
// in tests/reference/alibi_slopes.py, every H from 1 to 32) and the paper's H = 8
// values. The symmetric variant (-m |i - j|) is the bidirectional form the authors
// suggest for encoders (attention_with_linear_biases issue #5).
#pragma once

#include <cstdint>
#include <vector>

#include "posenc/kernels/alibi.hpp"
#include "posenc/types.hpp"

namespace posenc {

/// The H slopes m_0..m_{H-1}, in double (exact powers of two where the exponent is
/// an integer). Throws posenc::Error("heads", ...) unless 1 <= heads <= kMaxHeads.
std::vector<double> alibi_slopes(std::int64_t heads);

/// The H x L x L biases: element [h](i, j) = -m_h (i - j) for j <= i and NaN
/// (masked) for j > i; with `symmetric`, -m_h |i - j| everywhere. Row i = query,
/// column j = key. Throws posenc::Error for heads outside [1, kMaxHeads], length
/// outside [1, kMaxLength], or an output (H * L * L float32) over 1 GiB.
HeadMatrices alibi_bias(std::int64_t heads, std::int64_t length, bool symmetric = false);

}  // namespace posenc
