// Internal: filling cos/sin tables of RoPE angles, shared by rope_cos_sin
// (rope.cpp) and the fast multi-head apply (rope_heads.cpp). Not a public header.
#pragma once

#include <cstdint>

namespace posenc::detail {

/// For rows i = 0 .. rows-1 (position m = first_position + i) and k = 0 .. half-1:
/// cos_out[i * ld + k] = float(cos(m theta_k)), sin_out likewise, theta_k =
/// inv_freq[k]. Rows whose largest angle fits kernels::kSincosMaxAngle use the
/// vectorized kernels::rope_cos_sin_fast, the others libm (rope_cos_sin_exact).
void fill_rope_cos_sin(const double* inv_freq, std::int64_t half, double first_position, std::int64_t rows,
                       float* cos_out, float* sin_out, std::int64_t ld);

/// Positions start .. start + length - 1 must all lie in [-kMaxPosition,
/// kMaxPosition]; throws posenc::Error naming "start" or "length".
void check_rope_positions(double start, std::int64_t length);

}  // namespace posenc::detail
