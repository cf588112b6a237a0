// posenc/kernels/fire.hpp: one entry of FIRE's normalized input and one head of its MLP.
//
// Li et al. 2023, "Functional Interpolation for Relative Positions Improves Long
// Context Transformers" (ICLR 2024), section 3.1:
//
//   b(i, j) = f_theta( psi(i - j) / psi(max(i, L_thr)) ),   psi(x) = log(c x + 1)
//
// i is the query, j the key (relative position i - j >= 0 under the causal mask).
// Checked against the PyTorch `FIRE` module printed in the paper's appendix:
//   rel   = log(|c (i - j)| + 1)
//   norm  = log(|c max(i, |L_multiplier * init_L|)| + 1) + eps
//   input = rel / norm;  bias[h] = mlp(input)[h],  mlp = Linear(1, W), ReLU, Linear(W, H)
// Everything is formed in double and rounded to float32 once by the caller.
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// psi(x) = log(|c x| + 1): the log transform that spreads out small distances
/// (paper, "Amplifying the differences among local positions"). log1p keeps it exact
/// for small c x.
POSENC_HD double fire_psi(double x, double c) { return log1p(fabs(c * x)); }

/// The normalizer of query i: psi(max(i, threshold)) + eps. For i < threshold it is
/// the constant psi(threshold) (paper, "Thresholding the normalizer for better short
/// sequence modeling"); threshold >= 1 keeps it > 0.
POSENC_HD double fire_normalizer(long long i, double c, double threshold, double eps) {
  const double p = static_cast<double>(i);
  return fire_psi(p > threshold ? p : threshold, c) + eps;
}

/// The normalized input of (query i, key j): psi(i - j) / (psi(max(i, threshold)) + eps).
/// 0 on the diagonal; in [0, 1] for 0 <= j <= i with eps >= 0 (the progressive
/// interpolation maps every causal distance into [0, 1]).
POSENC_HD double fire_input(long long i, long long j, double c, double threshold, double eps) {
  return fire_psi(static_cast<double>(i - j), c) / fire_normalizer(i, c, threshold, eps);
}

/// Hidden unit k's input before the ReLU: w1[k] x + b1[k] (in double).
POSENC_HD double fire_unit(double x, float w1, float b1) {
  return static_cast<double>(w1) * x + static_cast<double>(b1);
}

/// One head of the MLP f_theta: R -> R^H with one hidden ReLU layer of width W:
///
///   f(x)[h] = b2[h] + sum_k w2[h, k] * max(0, w1[k] x + b1[k])
///
/// w1, b1: W values (PyTorch Linear(1, W): weight[:, 0] and bias); w2: H x W
/// row-major (Linear(W, H).weight), b2: H values. Sums run k = 0..W-1, in double.
POSENC_HD double fire_mlp(double x, long long head, long long hidden, const float* w1, const float* b1,
                          const float* w2, const float* b2) {
  double acc = static_cast<double>(b2[head]);
  const float* row = w2 + head * hidden;
  for (long long k = 0; k < hidden; ++k) {
    const double a = fire_unit(x, w1[k], b1[k]);
    if (a > 0.0) acc += static_cast<double>(row[k]) * a;
  }
  return acc;
}

/// FIRE's bias for query i, key j, head `head`: f_theta(fire_input(i, j))[head].
POSENC_HD double fire_bias(long long i, long long j, long long head, double c, double threshold, double eps,
                           long long hidden, const float* w1, const float* b1, const float* w2, const float* b2) {
  return fire_mlp(fire_input(i, j, c, threshold, eps), head, hidden, w1, b1, w2, b2);
}

}  // namespace posenc::kernels
