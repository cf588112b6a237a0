// posenc/kernels/exp.hpp: exp(x) for the softmax's x <= 0, in plain arithmetic.
//
// The softmax needs exp(s - max) <= 1 for every logit. Natively Eigen's
// vectorized exp does it; in WebAssembly Eigen falls back to scalar expf, a call
// per element. This version is branch-free arithmetic, so clang vectorizes a loop
// over it for -msimd128. Method (Cephes expf, S. Moshier): n = round(x / ln 2),
// r = x - n ln 2 in two parts (Cody & Waite), exp(r) by a degree-7 polynomial
// (its Taylor-like coefficients fitted on [-ln2/2, ln2/2]), times 2^n built in
// the exponent bits. Relative error about 1e-7 (held by
// tests/cpp/test_gemm_kernel.cpp against std::exp in double).
//
// Inputs below -87 (and -inf, a masked logit) give exp(-87) ~ 1.6e-38 instead of
// a smaller number or 0: against the row's largest weight, 1, that is nothing;
// the causal mask's entries are set to exactly 0 by the caller anyway.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "common.hpp"

namespace posenc::kernels {

/// exp(x) for x <= 0 (see above for x < -87). Not for x > 0.
POSENC_HD float exp_nonpositive(float x) {
  x = x < -87.0f ? -87.0f : x;  // also maps -inf and keeps 2^n a normal number
  const float n = std::nearbyint(x * 1.44269504088896341f);  // x / ln 2
  float r = x - n * 0.693359375f;  // ln 2 = 0.693359375 - 2.12194440e-4, the first part exact in float
  r = r + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float er = p * (r * r) + r + 1.0f;
  const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;  // 2^n, n in [-126, 0]
  float two_n;
  std::memcpy(&two_n, &bits, sizeof two_n);
  return er * two_n;
}

}  // namespace posenc::kernels
