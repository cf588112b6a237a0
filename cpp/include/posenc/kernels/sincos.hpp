// posenc/kernels/sincos.hpp: sin and cos of one angle, branch-free, for table loops.
//
// Every sinusoid and every RoPE table entry is sin or cos of an angle formed in
// double. libm's sin and cos are calls (tens of ns each, never vectorized); this
// version is straight-line arithmetic, so a loop over it vectorizes (AVX2/AVX-512
// natively, simd128 in wasm) and it runs unchanged under nvcc.
//
// Method (fdlibm, Sun Microsystems 1993: e_rem_pio2.c "medium" case, k_sin.c,
// k_cos.c):
//   n = round(x * 2/pi),  r = (x - n P1) - n P1t    (Cody & Waite, P1 the first 33
//                                                     bits of pi/2, P1t the rest)
//   sin r = r + r^3 (S1 + z S2 + ... + z^5 S6),  cos r = 1 - z/2 + z^2 (C1 + ... + z^5 C6),
//   z = r^2, |r| <= pi/4; then the quadrant n mod 4 swaps and negates the two.
// n P1 is exact while |n| < 2^20, so r keeps about 1e-16 absolute accuracy for
// |x| <= kSincosMaxAngle; the polynomials are fdlibm's minimax fits (error below
// 2^-58). Results rounded to float32 therefore equal float(std::sin(x)) except where
// the exact value lies within ~1e-16 of a float rounding boundary (tests check
// 1 ulp on sweeps). Beyond kSincosMaxAngle callers use std::sin / std::cos.
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// The largest |angle| sincos_reduced is accurate for (n < 2^20 quadrants).
constexpr double kSincosMaxAngle = 1.0e6;

/// x rounded to the nearest integer (ties to even), |x| < 2^51: adding and
/// subtracting 1.5 * 2^52 leaves no fraction bits. Plain arithmetic, unlike floor or
/// nearbyint, which GCC does not vectorize without -fno-trapping-math.
POSENC_HD double round_nearest(double x) {
  const double shifter = 6755399441055744.0;  // 1.5 * 2^52
  return (x + shifter) - shifter;
}

/// sin(x) and cos(x) for |x| <= kSincosMaxAngle (see above).
POSENC_HD void sincos_reduced(double x, double* sin_out, double* cos_out) {
  const double two_over_pi = 6.36619772367581382433e-01;
  const double pio2_1 = 1.57079632673412561417e+00;   // first 33 bits of pi/2
  const double pio2_1t = 6.07710050650619224932e-11;  // pi/2 - pio2_1
  const double n = round_nearest(x * two_over_pi);
  const double r = (x - n * pio2_1) - n * pio2_1t;
  const double z = r * r;
  const double s = r + r * z *
                           (-1.66666666666666324348e-01 +
                            z * (8.33333333332248946124e-03 +
                                 z * (-1.98412698298579493134e-04 +
                                      z * (2.75573137070700676789e-06 +
                                           z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)))));
  const double c = 1.0 - 0.5 * z +
                   z * z *
                       (4.16666666666666019037e-02 +
                        z * (-1.38888888888741095749e-03 +
                             z * (2.48015872894767294178e-05 +
                                  z * (-2.75573143513906633035e-07 +
                                       z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11)))));
  // Quadrant q = n mod 4 (exact: n is an integer below 2^20):
  //   q = 0: (s, c)   q = 1: (c, -s)   q = 2: (-s, -c)   q = 3: (-c, s)
  const double q = n - 4.0 * round_nearest(n * 0.25 - 0.375);  // floor(n / 4) for integer n
  const bool swap = q == 1.0 || q == 3.0;
  const double sv = swap ? c : s;
  const double cv = swap ? s : c;
  *sin_out = q >= 2.0 ? -sv : sv;
  *cos_out = (q == 1.0 || q == 2.0) ? -cv : cv;
}

}  // namespace posenc::kernels
