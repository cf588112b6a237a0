// posenc/kernels/rope.hpp: the per-element math of RoPE (rotary position embedding).
//
// Su et al. 2021 ("RoFormer: Enhanced Transformer with Rotary Position Embedding",
// section 3.4.2, the computationally efficient form): the rotary part of a vector x
// at position m is rotated pair by pair,
//
//   [y_a]   [cos m*theta_k  -sin m*theta_k] [x_a]
//   [y_b] = [sin m*theta_k   cos m*theta_k] [x_b],      theta_k = inv_freq[k],
//
// for k = 0 .. r/2 - 1 (r = rotary width). Which two dims (a, b) form pair k is the
// pairing (see rope_pair below and the picture in posenc/rope.hpp):
//
//   half        (GPT-NeoX, HF rotate_half):      a = k,    b = k + r/2
//   interleaved (RoFormer, GPT-J, Meta Llama):   a = 2k,   b = 2k + 1
//
// The inverse frequencies (theta_k) and their context-extension scalings are here
// too, one function per formula, each checked against HF transformers
// src/transformers/modeling_rope_utils.py (the function named at each one). All in
// double: drivers round to float32 once, at the end.
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"
#include "posenc/kernels/sincos.hpp"

namespace posenc::kernels {

/// How the rotary dims are paired (see the header comment).
enum class RopePairing { half = 0, interleaved = 1 };

/// The two dims (a, b) rotated together as pair k of a rotary width r (r even).
POSENC_HD void rope_pair(long long k, long long rotary_dim, RopePairing pairing, long long* a,
                         long long* b) {
  if (pairing == RopePairing::half) {
    *a = k;
    *b = k + rotary_dim / 2;
  } else {
    *a = 2 * k;
    *b = 2 * k + 1;
  }
}

/// One 2-D rotation by the angle whose cosine and sine are c and s:
///   y_a = x_a c - x_b s,   y_b = x_b c + x_a s
/// (HF: q*cos + rotate_half(q)*sin with rotate_half = [-x2, x1]; Meta Llama: the
/// complex product (x_a + i x_b) e^{i angle}). T = double in the reference path (one
/// rounding at the end), float in the table-driven fast paths (CPU, CUDA).
template <class T>
POSENC_HD void rope_rotate(T xa, T xb, T c, T s, T* ya, T* yb) {
  *ya = xa * c - xb * s;
  *yb = xb * c + xa * s;
}

/// The angle of pair k at position m: m * theta_k, formed in double (at m = 10^6 a
/// float angle would be off by ~0.03 rad).
POSENC_HD double rope_angle(double position, double inv_freq) { return position * inv_freq; }

/// cos and sin of pair k's angle at position m, in double, by libm (the reference).
POSENC_HD void rope_cos_sin_exact(double position, double inv_freq, double* c, double* s) {
  const double angle = rope_angle(position, inv_freq);
  *c = cos(angle);
  *s = sin(angle);
}

/// The same by the branch-free sincos_reduced, for |m theta_k| <= kSincosMaxAngle
/// (tables; see kernels/sincos.hpp): equal to the reference after rounding to float32
/// but for ~1e-16 ties.
POSENC_HD void rope_cos_sin_fast(double position, double inv_freq, double* c, double* s) {
  sincos_reduced(rope_angle(position, inv_freq), s, c);
}

/// Rotates pair k of the row x into y (both of width >= r) by the angle
/// rope_angle(position, inv_freq).
POSENC_HD void rope_apply_pair(const float* x, float* y, long long k, long long rotary_dim,
                               double inv_freq, double position, RopePairing pairing) {
  long long a = 0, b = 0;
  rope_pair(k, rotary_dim, pairing, &a, &b);
  double c = 0, s = 0, ya = 0, yb = 0;
  rope_cos_sin_exact(position, inv_freq, &c, &s);
  rope_rotate(static_cast<double>(x[a]), static_cast<double>(x[b]), c, s, &ya, &yb);
  y[a] = static_cast<float>(ya);
  y[b] = static_cast<float>(yb);
}

// ---------------------------------------------------------------------------------
// Inverse frequencies. r is the rotary width ("dim" in HF, already multiplied by
// partial_rotary_factor); k = 0 .. r/2 - 1.

/// Unscaled (RoFormer section 3.2.2; HF _compute_default_rope_parameters):
///   theta_k = 1 / base^(2k / r)
POSENC_HD double rope_default_inv_freq(long long k, long long rotary_dim, double base) {
  return 1.0 / pow(base, static_cast<double>(2 * k) / static_cast<double>(rotary_dim));
}

/// Static NTK-aware base (bloc97, 2023; HF's former _compute_ntk_parameters):
///   base' = base * factor^(r / (r - 2)).   Needs r >= 4.
POSENC_HD double rope_ntk_base(double base, double factor, long long rotary_dim) {
  const double r = static_cast<double>(rotary_dim);
  return base * pow(factor, r / (r - 2.0));
}

/// Dynamic NTK base as a pure function of the current length (emozilla, 2023; HF
/// _compute_dynamic_ntk_parameters), with s = max(seq_len, original_max_length):
///   base' = base * (factor * s / original_max_length - (factor - 1))^(r / (r - 2))
/// At s <= original_max_length this is the unscaled base. Needs r >= 4.
POSENC_HD double rope_dynamic_base(double base, double factor, double seq_len,
                                   double original_max_length, long long rotary_dim) {
  const double r = static_cast<double>(rotary_dim);
  const double s = seq_len > original_max_length ? seq_len : original_max_length;
  return base * pow(factor * s / original_max_length - (factor - 1.0), r / (r - 2.0));
}

/// YaRN's inverse dimension (Peng et al. 2023, section 3.2; HF find_correction_dim):
/// the (fractional) dim index whose wavelength turns `rotations` times over
/// original_max_length positions:
///   d(rot) = r * ln(original_max_length / (2 pi rot)) / (2 ln base)
/// computed as HF does, except where the quotient overflows double (rot below
/// ~1e-297, accepted): there as ln(original_max_length) - ln(2 pi rot), finite,
/// where the quotient's ln would be +inf and the ramp below NaN.
POSENC_HD double rope_yarn_correction_dim(double rotations, long long rotary_dim, double base,
                                          double original_max_length) {
  const double two_pi = 6.283185307179586476925286766559;
  const double quotient = original_max_length / (rotations * two_pi);
  const double largest_double = 1.7976931348623157e308;
  const double log_quotient =
      quotient > largest_double ? log(original_max_length) - log(rotations * two_pi) : log(quotient);
  return static_cast<double>(rotary_dim) * log_quotient / (2.0 * log(base));
}

/// YaRN's ramp bounds (HF find_correction_range, truncating):
///   low = max(floor(d(beta_fast)), 0),  high = min(ceil(d(beta_slow)), r - 1)
POSENC_HD void rope_yarn_range(double beta_fast, double beta_slow, long long rotary_dim, double base,
                               double original_max_length, double* low, double* high) {
  const double lo = floor(rope_yarn_correction_dim(beta_fast, rotary_dim, base, original_max_length));
  const double hi = ceil(rope_yarn_correction_dim(beta_slow, rotary_dim, base, original_max_length));
  *low = lo > 0.0 ? lo : 0.0;
  *high = hi < static_cast<double>(rotary_dim - 1) ? hi : static_cast<double>(rotary_dim - 1);
}

/// YaRN "NTK-by-parts" frequency (HF _compute_yarn_parameters, linear_ramp_factor):
///   ramp_k = clamp((k - low) / (high - low), 0, 1)   (high += 0.001 when equal)
///   theta_k = theta0_k / factor * ramp_k + theta0_k * (1 - ramp_k)
/// with theta0_k the unscaled frequency: high frequencies (k < low) are kept,
/// low ones (k > high) are interpolated by 1/factor, a linear blend between.
POSENC_HD double rope_yarn_inv_freq(long long k, long long rotary_dim, double base, double factor,
                                    double low, double high) {
  if (low == high) high += 0.001;
  double ramp = (static_cast<double>(k) - low) / (high - low);
  ramp = ramp < 0.0 ? 0.0 : (ramp > 1.0 ? 1.0 : ramp);
  const double extrapolation = rope_default_inv_freq(k, rotary_dim, base);
  const double interpolation = extrapolation / factor;
  return interpolation * ramp + extrapolation * (1.0 - ramp);
}

/// YaRN attention factor (HF get_mscale; Peng et al. 2023, section 3.4:
/// sqrt(1/t) = 0.1 ln(s) + 1): 0.1 ln(factor) + 1 when factor > 1, else 1.
POSENC_HD double rope_yarn_attention_factor(double factor) {
  return factor <= 1.0 ? 1.0 : 0.1 * log(factor) + 1.0;
}

/// Llama 3.1 frequency (HF _compute_llama3_parameters; Meta llama-models
/// apply_scaling), from the unscaled theta0 and wavelength w = 2 pi / theta0:
///   w < L / high_freq_factor:  theta0                       (high frequencies kept)
///   w > L / low_freq_factor:   theta0 / factor              (low ones interpolated)
///   otherwise, with g = (L / w - low_freq_factor) / (high_freq_factor - low_freq_factor):
///                              (1 - g) theta0 / factor + g theta0
/// where L = original_max_length.
POSENC_HD double rope_llama3_inv_freq(double inv_freq, double factor, double low_freq_factor,
                                      double high_freq_factor, double original_max_length) {
  const double two_pi = 6.283185307179586476925286766559;
  const double wavelength = two_pi / inv_freq;
  const double low_freq_wavelength = original_max_length / low_freq_factor;
  const double high_freq_wavelength = original_max_length / high_freq_factor;
  if (wavelength < high_freq_wavelength) return inv_freq;
  if (wavelength > low_freq_wavelength) return inv_freq / factor;
  const double g = (original_max_length / wavelength - low_freq_factor) / (high_freq_factor - low_freq_factor);
  return (1.0 - g) * inv_freq / factor + g * inv_freq;
}

// ---------------------------------------------------------------------------------
// Long-term decay (RoFormer section 3.4.3, figure 2).

/// The upper bound of |<R_m q, R_n k>| / max|h| at relative distance r = m - n
/// (RoFormer section 3.4.3, divided by d/2 as in its figure 2), over the n = d/2
/// frequencies theta_k = inv_freq[k] (RoFormer: base^(-2k/d)):
///   bound(r) = (1/n) * sum_{j=1..n} |S_j|,   S_j = sum_{k=0..j-1} e^{i r theta_k}.
/// bound(0) = (n + 1) / 2; for d = 2, bound(r) = 1.
POSENC_HD double rope_decay_bound(double distance, const double* inv_freq, long long n) {
  double re = 0.0, im = 0.0, total = 0.0;
  for (long long k = 0; k < n; ++k) {
    const double angle = distance * inv_freq[k];
    re += cos(angle);
    im += sin(angle);
    total += sqrt(re * re + im * im);
  }
  return total / static_cast<double>(n);
}

}  // namespace posenc::kernels
