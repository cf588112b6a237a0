// posenc/fire.hpp: FIRE, Functional Interpolation for Relative position Encoding.
//
// Li et al. 2023, "Functional Interpolation for Relative Positions Improves Long
// Context Transformers" (ICLR 2024), section 3.1. A per-head attention bias, added
// to the logits q_i . k_j, that is a learned function of a normalized distance:
//
//   b(i, j) = f_theta( psi(i - j) / psi(max(i, L_thr)) ),   psi(x) = log(c x + 1)
//
//   i = query, j = key; causal: j <= i. Entries with j > i are masked (NaN here,
//   null in the CLI's JSON), as the decoder-only models of the paper mask them.
//
//   input (L x L, query rows):         bias (H x L x L): f_theta(input)[h]
//       j=0   1    2    3
//   i=0 [ 0   .    .    .  ]           "." = masked (NaN)
//   i=1 [ u10 0    .    .  ]           u_ij = psi(i - j) / psi(max(i, L_thr))
//   i=2 [ u20 u21  0    .  ]
//   i=3 [ u30 u31  u32  0  ]
//
// Choices (the paper's own defaults, from its appendix code, the `FIRE` PyTorch
// module with init_c = 0.1, init_L = 512, mlp_width = 32):
// - c = 0.1 and L_thr = 512. In the paper both are learnable (c directly, L_thr as
//   |L_multiplier * init_L| with L_multiplier learned); here they are given values,
//   i.e. the module at initialization or after training, read off.
// - The normalizer is psi(max(i, L_thr)): the paper's "progressive interpolation"
//   with the threshold for short sequences. For i < L_thr it is the constant
//   psi(L_thr), so the input is a fixed function of i - j; for i >= L_thr it is
//   psi(i), so every row spans [0, psi(i)/psi(i)] = [0, 1].
// - eps: the appendix code adds eps = 1e-6 to the normalizer. The paper's formula
//   has none, and L_thr >= 1 already keeps psi(max(i, L_thr)) >= log(1 + c) > 0, so
//   the default here is eps = 0; pass 1e-6 to reproduce the code bit for bit.
// - f_theta: Linear(1, W) -> ReLU -> Linear(W, H), W = 32 (the appendix code).
// - Seeded weights follow PyTorch's nn.Linear default init (kaiming_uniform with
//   a = sqrt(5), which reduces to U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and the same
//   bound for the bias): layer 1 U(-1, 1) (fan_in = 1), layer 2 U(-1/sqrt(W),
//   1/sqrt(W)); drawn from posenc::Rng(seed, Stream::fire_mlp) in the order
//   w1, b1, w2 (row by row), b2.
// Checked against: the paper's equation in section 3.1 and the appendix `FIRE`
// module (re-implemented in tests/reference/fire_conv.py, whose printed values the
// tests hold this code to).
#pragma once

#include <cstdint>

#include "posenc/limits.hpp"
#include "posenc/types.hpp"

namespace posenc {

/// The weights of f_theta: Linear(1, W) -> ReLU -> Linear(W, H).
struct FireWeights {
  Vector w1;  ///< W: first layer weight (PyTorch Linear(1, W).weight[:, 0])
  Vector b1;  ///< W: first layer bias
  Matrix w2;  ///< H x W: second layer weight (PyTorch Linear(W, H).weight)
  Vector b2;  ///< H: second layer bias

  std::int64_t heads() const { return w2.rows(); }
  std::int64_t hidden() const { return w1.size(); }
};

/// The smallest FIRE scale c in attention (fire_input and fire_bias, in double,
/// take any c > 0): the fast attention path keeps psi(d) = log(1 + c d)
/// and 1 / psi(n) in float32, so below about 1e-38 psi underflows to 0 and the
/// normalizer's inverse overflows (0 x inf = NaN; found by the API fuzzer with
/// c = 7e-304, tests/fuzz/api/crash-7a1fa3c9). 1e-30 keeps both normal floats.
inline constexpr double kMinFireC = 1e-30;

/// The largest |value| of a FIRE weight (w1, b1, w2, b2). The input u is at most
/// about 2.2e12 (causal: at most 1; attention with keys 2^41 after the query and
/// c = kMinFireC: psi's ratio), so |f(u)| <= |b2| + sum_k |w2[k]| (|w1[k]| u + |b1[k]|)
/// <= 4096 x 1e12 x 2.2e12 ~ 9e27: far inside float32 (3.4e38), with room for the
/// logits it is added to. Trained FIRE weights are of order 1. (Found by the API
/// fuzzer: w1 = 3.4e38 was accepted and fire_bias returned Inf.)
inline constexpr double kMaxFireWeight = 1e6;

struct FireOptions {
  double c = 0.1;            ///< psi's scale, in (0, 1e6]; attention: [kMinFireC, 1e6]
  double threshold = 512.0;  ///< L_thr, in [1, kMaxPosition]
  double eps = 0.0;          ///< added to the normalizer, in [0, 1] (appendix code: 1e-6)
};

/// Throws posenc::Error unless c in (0, 1e6], threshold in [1, kMaxPosition] and
/// eps in [0, 1].
void check_fire_options(const FireOptions& opts);

/// Throws posenc::Error unless the shapes agree (w1, b1: W in [1, kMaxFireHidden];
/// w2: H x W with H in [1, kMaxHeads]; b2: H) and every value is finite with
/// |value| <= kMaxFireWeight.
void check_fire_weights(const FireWeights& weights);

/// Seeded weights for H heads and width W (PyTorch nn.Linear's default init, see
/// above). Throws posenc::Error for heads outside [1, kMaxHeads] or hidden outside
/// [1, kMaxFireHidden].
FireWeights fire_weights(std::int64_t heads, std::int64_t hidden, std::uint64_t seed);

/// The L x L normalized input u(i, j) = psi(i - j) / (psi(max(i, L_thr)) + eps) for
/// j <= i, NaN for j > i. Throws posenc::Error for length outside
/// [1, kMaxLength], options out of range, or an output over 1 GiB.
Matrix fire_input(std::int64_t length, const FireOptions& opts = {});

/// The H x L x L bias b_h(i, j) = f_theta(u(i, j))[h] for j <= i, NaN for j > i.
/// Throws posenc::Error for the above, or for weights whose shapes disagree
/// (w1, b1: W; w2: H x W; b2: H) or that hold a value that is not finite or has
/// |value| > kMaxFireWeight.
HeadMatrices fire_bias(std::int64_t length, const FireWeights& weights, const FireOptions& opts = {});

/// fire_bias with fire_weights(heads, hidden, seed).
HeadMatrices fire_bias(std::int64_t length, std::int64_t heads, std::uint64_t seed,
                       const FireOptions& opts = {}, std::int64_t hidden = 32);

}  // namespace posenc
