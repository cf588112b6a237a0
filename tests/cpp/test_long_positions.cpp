// Long positions (issue 9): every float32 sinusoid and RoPE value up to position
// 10^7 held to a long-double reference written here from the papers' formulas and
// HF transformers' modeling_rope_utils.py (_compute_*_parameters), not from our
// kernels; what holds up to kMaxPosition = 2^40; and, for contrast, what a float32
// angle gives at 10^7.
//
// The accuracy stated (and asserted) for an output v of sin or cos of the angle
// p * w_k, with ref the long-double value:
//
//   |v - ref| <= 1/2 ulp_f32(ref) + |p| * 2^-50                         (A)
//
// The first term is the one rounding to float32; the second bounds the error of
// the angle formed in double (w_k <= 1 carries a few double ulps, times |p|:
// 8.9e-9 at p = 10^7). Up to 10^7, (A) implies |v - ref| <= 2^-24 = 5.96e-8 for
// every entry. It is an absolute bound, not one in ulps: near a zero of sin or cos
// the angle's error of ~1e-9 spans many ulps of the small value.
// Measured (x86-64, g++ 12, Release; this file's sweeps), p <= 10^7:
//   sinusoid (360,128 entries): worst 3.01e-8; at most 1.1e-9 past the rounding;
//     646 entries (0.18%) not the nearest float (up to 156 ulps off, near zeros);
//   RoPE tables 2.98e-8 (5.2e-10 past the rounding); rope_apply and
//     rope_apply_rows 5.96e-8 (|y| up to 1.4: 1/2 ulp is 2^-24 there);
//   rope_apply_heads (rotation in float32) 1.82 x 2^-24 (|x_a| + |x_b|);
//   RoPE attention shifted by 10^7: outputs within 1.2e-7 of long double.
// From 10^8 to 2^40 bound (A) still holds; the worst seen is 9.3e-5 at 2^40
// (outputs keep ~4 correct digits; w_0 = 1 stays exact), attention 8.7e-6.
// A float32 angle (p and w in float, as many implementations compute it) gives
// sin errors up to 3.3e-5 at 10^3, 3.3e-3 at 10^5, 0.033 at 10^6 and 0.41 at 10^7
// (the last test case measures them).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "attention_support.hpp"
#include "posenc/attention.hpp"
#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "posenc/sinusoidal.hpp"

using namespace posenc;

namespace {

constexpr long double kPiL = 3.141592653589793238462643383279502884L;

// Half the float32 spacing at |v|'s binade (2^(e - 24) for |v| in [2^e, 2^(e+1))).
long double half_ulp_f32(long double v) {
  if (v == 0.0L) return std::ldexp(1.0L, -150);
  return std::ldexp(1.0L, std::max(std::ilogb(static_cast<double>(v)), -126) - 24);
}

// Bound (A) of the header comment.
long double bound_a(long double ref, long double p) { return half_ulp_f32(ref) + std::fabs(p) * std::ldexp(1.0L, -50); }

// The largest error seen: absolute; in float32 ulps of the reference; and past
// the rounding (error - 1/2 ulp: what the angle's own error adds); and how many
// outputs were not the correctly rounded float.
struct Worst {
  long double abs = 0, ulps = 0, excess = 0;
  long count = 0, not_nearest = 0;
  void add(float got, long double ref) {
    const long double e = std::fabs(got - ref);
    abs = std::max(abs, e);
    ulps = std::max(ulps, e / (2 * half_ulp_f32(ref)));
    excess = std::max(excess, e - half_ulp_f32(ref));
    ++count;
    not_nearest += got != static_cast<float>(ref) ? 1 : 0;
  }
};

// "worst 2.98e-08 (0.5 ulp; 1e-9 past the rounding; 3 of 100 not nearest)".
doctest::String describe(const Worst& w) {
  return doctest::String("worst ") + doctest::toString(static_cast<double>(w.abs)) + " (" +
         doctest::toString(static_cast<double>(w.ulps)) + " ulps; " +
         doctest::toString(static_cast<double>(std::max(w.excess, 0.0L))) + " past the rounding; " +
         doctest::toString(w.not_nearest) + " of " + doctest::toString(w.count) + " not the nearest float)";
}

// Checks one output against its long-double reference under bound (A) (or `bound`
// when given) and records it; on failure names what and where.
template <class Where>
void check_entry(float got, long double ref, long double bound, Worst& worst, Where&& where) {
  worst.add(got, ref);
  if (!(std::fabs(got - ref) <= bound)) {
    INFO(where() << ": got " << got << ", want " << static_cast<double>(ref) << ", error "
                 << static_cast<double>(std::fabs(got - ref)) << " > bound " << static_cast<double>(bound));
    REQUIRE(std::fabs(got - ref) <= bound);
  }
}

// --- the sinusoid, long double (Vaswani et al. 2017, section 3.5) ------------------

// w_i: paper base^(-2i/D); endpoint (tensor2tensor, fairseq) exp(-i ln(base) / max(n-1, 1)).
long double ld_sinusoid_freq(int i, int n, int dim, long double base, Spacing spacing) {
  if (spacing == Spacing::paper) return powl(base, -2.0L * i / dim);
  return expl(-i * logl(base) / (n > 1 ? n - 1 : 1));
}

// Column c of the encoding of position p, as the paper (interleaved) and
// tensor2tensor (concat, zero pad for odd D) write it.
long double ld_sinusoid(long double p, int c, int dim, long double base, SinusoidLayout layout, Spacing spacing) {
  if (layout == SinusoidLayout::interleaved) {
    const long double a = p * ld_sinusoid_freq(c / 2, (dim + 1) / 2, dim, base, spacing);
    return c % 2 == 0 ? sinl(a) : cosl(a);
  }
  const int n = dim / 2;
  if (c >= 2 * n) return 0.0L;
  const long double a = p * ld_sinusoid_freq(c < n ? c : c - n, n, dim, base, spacing);
  return c < n ? sinl(a) : cosl(a);
}

// Positions around each centre: integers either side, and two fractions.
std::vector<double> around(double centre) {
  std::vector<double> out;
  for (double d : {-3.0, -1.0, 0.0, 1.0, 2.0, 0.25, 0.5})
    if (centre + d >= 0) out.push_back(centre + d);
  return out;
}

const std::vector<double>& centres() {
  static const std::vector<double> c = {1.0, 1e3, 1e5, 1e6, 1e7};
  return c;
}

// --- RoPE frequencies, long double, from HF modeling_rope_utils.py -----------------

// theta_k for rotary width r, every scaling (the formulas of HF's
// _compute_default / _linear_scaling / _dynamic_ntk / _yarn / _llama3 functions and
// bloc97's static NTK base).
long double ld_rope_freq(int k, int r, const RopeOptions& o) {
  const long double factor = o.factor, M = static_cast<long double>(o.original_max_length);
  long double base = o.base;
  if (o.scaling == RopeScaling::ntk) base *= powl(factor, static_cast<long double>(r) / (r - 2));
  if (o.scaling == RopeScaling::dynamic) {
    const long double s = std::max(static_cast<long double>(o.seq_len), M);
    base *= powl(factor * s / M - (factor - 1), static_cast<long double>(r) / (r - 2));
  }
  const long double inv = 1.0L / powl(base, static_cast<long double>(2 * k) / r);
  switch (o.scaling) {
    case RopeScaling::linear: return inv / factor;
    case RopeScaling::yarn: {
      auto dim_of = [&](long double rot) { return r * logl(M / (rot * 2 * kPiL)) / (2 * logl(base)); };
      const long double low = std::max(floorl(dim_of(o.beta_fast)), 0.0L);
      long double high = std::min(ceill(dim_of(o.beta_slow)), static_cast<long double>(r - 1));
      if (low == high) high += 0.001L;
      const long double ramp = std::clamp((k - low) / (high - low), 0.0L, 1.0L);
      const long double extrapolation_factor = 1 - ramp;
      return inv / factor * (1 - extrapolation_factor) + inv * extrapolation_factor;
    }
    case RopeScaling::llama3: {
      const long double wavelen = 2 * kPiL / inv;
      if (wavelen < M / o.high_freq_factor) return inv;
      if (wavelen > M / o.low_freq_factor) return inv / factor;
      const long double smooth = (M / wavelen - o.low_freq_factor) / (o.high_freq_factor - o.low_freq_factor);
      return (1 - smooth) * inv / factor + smooth * inv;
    }
    default: return inv;
  }
}

// One options set per scaling, with the parameters of published configs.
std::vector<RopeOptions> rope_option_sets() {
  std::vector<RopeOptions> out;
  RopeOptions o;
  out.push_back(o);  // default
  o.scaling = RopeScaling::linear, o.factor = 4.0;
  out.push_back(o);
  o.scaling = RopeScaling::ntk, o.factor = 8.0;
  out.push_back(o);
  o.scaling = RopeScaling::dynamic, o.factor = 4.0, o.original_max_length = 8192, o.seq_len = 10000000;
  out.push_back(o);
  o = RopeOptions{};
  o.scaling = RopeScaling::yarn, o.factor = 40.0, o.original_max_length = 4096;  // DeepSeek-style yarn
  out.push_back(o);
  o = RopeOptions{};
  o.scaling = RopeScaling::llama3, o.factor = 8.0, o.base = 500000.0, o.original_max_length = 8192;  // Llama 3.1
  out.push_back(o);
  return out;
}

// A deterministic irregular vector of width d, entries in [-1, 1].
Eigen::RowVectorXf wave(std::int64_t d, double seed) {
  Eigen::RowVectorXf x(d);
  for (std::int64_t i = 0; i < d; ++i) x[i] = static_cast<float>(std::sin(seed * (i + 1) + 0.3 * i * i));
  return x;
}

// The pair (a, b) of dim c and its frequency index k (see posenc/rope.hpp's picture).
void pair_of(int c, int r, RopePairing pairing, int* k, int* a, int* b) {
  *k = pairing == RopePairing::half ? c % (r / 2) : c / 2;
  *a = pairing == RopePairing::half ? *k : 2 * *k;
  *b = pairing == RopePairing::half ? *k + r / 2 : 2 * *k + 1;
}

// R_m x in long double: y_a = x_a cos - x_b sin, y_b = x_b cos + x_a sin.
long double ld_rotated(const Eigen::RowVectorXf& x, int c, int r, long double m, const RopeOptions& o) {
  if (c >= r) return x[c];
  int k = 0, a = 0, b = 0;
  pair_of(c, r, o.pairing, &k, &a, &b);
  const long double angle = m * ld_rope_freq(k, r, o);
  const long double cs = cosl(angle), sn = sinl(angle);
  return c == a ? x[a] * cs - x[b] * sn : x[b] * cs + x[a] * sn;
}

}  // namespace

TEST_CASE("long positions: sinusoid within 1/2 ulp + |p| 2^-50 of long double up to 10^7") {
  Worst worst;
  for (SinusoidLayout layout : {SinusoidLayout::interleaved, SinusoidLayout::concat})
    for (Spacing spacing : {Spacing::paper, Spacing::endpoint})
      for (double base : {1.0001, 10000.0, 500000.0, 1e12})
        for (int dim : {1, 2, 7, 64, 257}) {
          const SinusoidalOptions o{layout, base, spacing};
          for (double centre : centres())
            for (double p : around(centre)) {
              const Eigen::RowVectorXf fast = sinusoidal_row(p, dim, o);
              const Eigen::RowVectorXf slow = sinusoidal_row_reference(p, dim, o);
              for (int c = 0; c < dim; ++c) {
                const long double ref = ld_sinusoid(p, c, dim, base, layout, spacing);
                auto where = [&] {
                  return doctest::String("layout ") + doctest::toString(static_cast<int>(layout)) + ", spacing " +
                         doctest::toString(static_cast<int>(spacing)) + ", base " + doctest::toString(base) +
                         ", D " + doctest::toString(dim) + ", position " + doctest::toString(p) + ", col " +
                         doctest::toString(c);
                };
                check_entry(fast[c], ref, bound_a(ref, p), worst, where);
                check_entry(slow[c], ref, bound_a(ref, p), worst, where);
                REQUIRE(std::fabs(fast[c] - ref) <= std::ldexp(1.0L, -24));
              }
            }
        }
  MESSAGE("sinusoid, p <= 1e7: " << describe(worst));
  CHECK(worst.abs <= std::ldexp(1.0L, -24));
  // The table path (rows from 0, 32-row blocks) under the same bound.
  Worst table;
  const Matrix t = sinusoidal_encoding(1100, 33);
  for (int i = 0; i < 1100; ++i)
    for (int c = 0; c < 33; ++c) {
      const long double ref = ld_sinusoid(i, c, 33, 10000.0L, SinusoidLayout::interleaved, Spacing::paper);
      check_entry(t(i, c), ref, bound_a(ref, i), table, [&] { return doctest::String("table row ") + doctest::toString(i); });
    }
}

TEST_CASE("long positions: sinusoid up to kMaxPosition = 2^40 keeps bound (A), about 2.4e-4") {
  Worst worst;
  const double max_p = static_cast<double>(kMaxPosition);
  for (double p : {1e8, 1e9, 3e10, 1e11, max_p - 1.5, max_p})
    for (double base : {10000.0, 1e12})
      for (int dim : {3, 64}) {
        const SinusoidalOptions o{SinusoidLayout::interleaved, base, Spacing::paper};
        const Eigen::RowVectorXf fast = sinusoidal_row(p, dim, o);
        for (int c = 0; c < dim; ++c) {
          const long double ref = ld_sinusoid(p, c, dim, base, o.layout, o.spacing);
          // The long-double angle itself is off by up to |p| 2^-63: allowed for too.
          check_entry(fast[c], ref, bound_a(ref, p) + p * std::ldexp(1.0L, -62), worst,
                      [&] { return doctest::String("position ") + doctest::toString(p); });
        }
      }
  MESSAGE("sinusoid, p from 1e8 to 2^40: " << describe(worst));
  CHECK(worst.abs <= 2.5e-4L);
}

TEST_CASE("long positions: RoPE tables, rope_apply, rope_apply_rows, every scaling and pairing, up to 10^7") {
  Worst tables, vectors, rows;
  for (RopeOptions o : rope_option_sets())
    for (RopePairing pairing : {RopePairing::half, RopePairing::interleaved})
      for (int dim : {4, 64, 128}) {
        o.pairing = pairing;
        const int r = static_cast<int>(rope_frequencies(dim, o).rotary_dim);
        INFO("scaling " << scaling_name(o.scaling) << ", pairing " << pairing_name(pairing) << ", d " << dim);
        for (double centre : centres()) {
          // cos/sin tables for 8 positions from centre - 3.
          const double start = std::max(0.0, centre - 3);
          const RopeTables t = rope_cos_sin(dim, start, 8, o);
          for (int i = 0; i < 8; ++i)
            for (int k = 0; k < r / 2; ++k) {
              const long double m = start + i;
              const long double angle = m * ld_rope_freq(k, r, o);
              auto where = [&] { return doctest::String("table position ") + doctest::toString(static_cast<double>(m)) + ", k " + doctest::toString(k); };
              check_entry(t.cos(i, k), cosl(angle), bound_a(cosl(angle), m), tables, where);
              check_entry(t.sin(i, k), sinl(angle), bound_a(sinl(angle), m), tables, where);
            }
          // One vector at each position around the centre (double rotation, one rounding):
          // |y - ref| <= 1/2 ulp(ref) + |p| 2^-50 (|x_a| + |x_b|), |x| <= 1.
          for (double p : around(centre)) {
            const Eigen::RowVectorXf x = wave(dim, 0.37 + p * 1e-9);
            const Eigen::RowVectorXf y = rope_apply(x, p, o);
            for (int c = 0; c < dim; ++c) {
              const long double ref = ld_rotated(x, c, r, p, o);
              check_entry(y[c], ref, half_ulp_f32(ref) + 2 * std::fabs(p) * std::ldexp(1.0L, -50), vectors,
                          [&] { return doctest::String("rope_apply position ") + doctest::toString(p) + ", dim " + doctest::toString(c); });
            }
          }
          // Rows of a matrix rotated to start, start + 1, ... (what attention does to q and k).
          Matrix x(4, dim);
          for (int i = 0; i < 4; ++i) x.row(i) = wave(dim, 1.3 + i);
          const Matrix y = rope_apply_rows(x, start, o);
          for (int i = 0; i < 4; ++i)
            for (int c = 0; c < dim; ++c) {
              const long double ref = ld_rotated(x.row(i), c, r, start + i, o);
              check_entry(y(i, c), ref, half_ulp_f32(ref) + 2 * (start + i) * std::ldexp(1.0L, -50), rows,
                          [&] { return doctest::String("rope_apply_rows row ") + doctest::toString(i); });
            }
        }
      }
  MESSAGE("RoPE tables, p <= 1e7: " << describe(tables));
  MESSAGE("rope_apply, p <= 1e7: " << describe(vectors));
  MESSAGE("rope_apply_rows, p <= 1e7: " << describe(rows));
  CHECK(tables.abs <= std::ldexp(1.0L, -24));
}

TEST_CASE("long positions: rope_apply_heads (float32 rotation) within 3 x 2^-24 (|x_a| + |x_b|) up to 10^7") {
  // The fast path rounds cos and sin (bound A each), the two products and their
  // difference (2^-24 relative each): 2.5 x 2^-24 (|x_a| + |x_b|) plus the angle term.
  long double worst = 0;  // in units of 2^-24 (|x_a| + |x_b|)
  const std::int64_t heads = 2, length = 8;
  for (RopeOptions o : rope_option_sets())
    for (RopePairing pairing : {RopePairing::half, RopePairing::interleaved}) {
      o.pairing = pairing;
      const int dim = 64, r = 64;
      for (double centre : centres()) {
        const double start = centre;
        std::vector<float> x(static_cast<std::size_t>(heads * length * dim)), y(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(std::sin(0.7 * i + 0.01 * i * i));
        rope_apply_heads(x.data(), y.data(), heads, length, dim, start, o);
        for (std::int64_t h = 0; h < heads; ++h)
          for (std::int64_t i = 0; i < length; ++i) {
            const float* xi = x.data() + (h * length + i) * dim;
            const Eigen::RowVectorXf row = Eigen::Map<const Eigen::RowVectorXf>(xi, dim);
            for (int c = 0; c < dim; ++c) {
              int k = 0, a = 0, b = 0;
              pair_of(c, r, pairing, &k, &a, &b);
              const long double m = start + static_cast<double>(i);
              const long double ref = ld_rotated(row, c, r, m, o);
              const long double scale = std::fabs(row[a]) + std::fabs(row[b]);
              const long double err = std::fabs(y[static_cast<std::size_t>((h * length + i) * dim + c)] - ref);
              worst = std::max(worst, err / (scale * std::ldexp(1.0L, -24)));
              INFO("scaling " << scaling_name(o.scaling) << ", pairing " << pairing_name(pairing) << ", position "
                              << static_cast<double>(m) << ", dim " << c);
              REQUIRE(err <= scale * (3 * std::ldexp(1.0L, -24) + m * std::ldexp(1.0L, -50)));
            }
          }
      }
    }
  MESSAGE("rope_apply_heads, p <= 1e7: worst error " << static_cast<double>(worst) << " x 2^-24 (|x_a| + |x_b|)");
}

namespace {

// One head of RoPE attention in long double: rotate q and k (long-double angles),
// s_ij = <q~_i, k~_j> / sqrt(d), softmax over j (no mask), o_i = sum_j w_ij v_j.
Matrix ld_rope_attention(const Matrix& q, const Matrix& k, const Matrix& v, long double start, const RopeOptions& o) {
  const int L = static_cast<int>(q.rows()), d = static_cast<int>(q.cols());
  std::vector<long double> qr(L * d), kr(L * d);
  for (int i = 0; i < L; ++i)
    for (int c = 0; c < d; ++c) {
      qr[i * d + c] = ld_rotated(q.row(i), c, d, start + i, o);
      kr[i * d + c] = ld_rotated(k.row(i), c, d, start + i, o);
    }
  Matrix out(L, v.cols());
  for (int i = 0; i < L; ++i) {
    std::vector<long double> s(L);
    long double mx = -INFINITY, sum = 0;
    for (int j = 0; j < L; ++j) {
      long double dot = 0;
      for (int c = 0; c < d; ++c) dot += qr[i * d + c] * kr[j * d + c];
      s[j] = dot / sqrtl(d);
      mx = std::max(mx, s[j]);
    }
    for (int j = 0; j < L; ++j) sum += (s[j] = expl(s[j] - mx));
    for (int c = 0; c < v.cols(); ++c) {
      long double acc = 0;
      for (int j = 0; j < L; ++j) acc += s[j] / sum * v(j, c);
      out(i, c) = static_cast<float>(acc);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("long positions: RoPE attention with query/key positions shifted by up to 10^7 and 2^40") {
  const std::int64_t L = 8, d = 16;
  const HeadMatrices q = test::random_heads(1, L, d, 11), k = test::random_heads(1, L, d, 12),
                     v = test::random_heads(1, L, d, 13);
  for (RopeOptions o : {rope_option_sets()[0], rope_option_sets()[5]}) {
    for (double offset : {0.0, 1e3, 1e6, 1e7, static_cast<double>(kMaxPosition - (L - 1))}) {
      AttentionConfig c;
      c.scheme = AttentionScheme::rope;
      c.rope = o;
      c.query_start = c.key_start = static_cast<std::int64_t>(offset);
      const Matrix want = ld_rope_attention(q[0], k[0], v[0], offset, o);
      // Scores carry the float32 rounding of the rotated q and k (~2^-24 |q||k|,
      // |q|, |k| ~ 4) and, past 10^7, the angle error (up to |p| 2^-50 per pair).
      const double tol = offset <= 1e7 ? 1e-6 : 1e-4;
      for (const auto& got : {attention(q, k, v, c).output, attention_reference(q, k, v, c).output}) {
        const double err = (got[0] - want).cwiseAbs().maxCoeff();
        INFO("scaling " << scaling_name(o.scaling) << ", offset " << offset << ": max |output - long double| " << err);
        CHECK(err <= tol);
        if (offset == 1e7 || offset > 1e7) MESSAGE("attention at offset " << offset << ": worst " << err);
      }
    }
  }
}

TEST_CASE("long positions, for contrast: a float32 angle is wrong in the first digit at 10^7") {
  // What many implementations do: position and w_k in float32, their product in
  // float32 (PyTorch: exp(arange(0, D, 2) * -(ln(10000) / D)) * position). Not our
  // code: the figure for the tutorial, and a check that this file's reference can
  // tell a bad angle from a good one.
  const int dim = 64;
  for (double centre : {1e3, 1e5, 1e6, 1e7}) {
    double worst = 0;
    for (int j = -16; j <= 16; ++j) {
      const float p = static_cast<float>(centre + j);
      for (int i = 0; i < dim / 2; ++i) {
        const float w = std::exp(static_cast<float>(2 * i) * -(std::log(10000.0f) / dim));
        const float s = std::sin(p * w);
        const long double ref = sinl(static_cast<long double>(centre + j) * powl(10000.0L, -2.0L * i / dim));
        worst = std::max(worst, static_cast<double>(std::fabs(s - ref)));
      }
    }
    MESSAGE("float32 angle at p ~ " << centre << ": worst |sin error| " << worst);
    if (centre == 1e7) CHECK(worst > 0.1);
  }
}
