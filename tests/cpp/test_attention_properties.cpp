// What the tutorial claims about attention and positions, tested as properties of
// posenc::attention (the fast path) and posenc::attention_reference alike:
// permutation equivariance without positions, shift invariance of the relative
// schemes (and how absolute encodings and FIRE's normalizer break it), RoPE's
// long-term decay, ALiBi's geometric fall-off, and the sanity rules every result
// obeys (rows sum to 1, the causal mask, the KV-cache layout).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "attention_support.hpp"
#include "posenc/encode.hpp"
#include "posenc/rope.hpp"

using namespace posenc;
using posenc::test::check_close;
using posenc::test::random_heads;
using posenc::test::seeded_config;

namespace {

using AttentionFn = AttentionResult (*)(const HeadMatrices&, const HeadMatrices&, const HeadMatrices&,
                                        const AttentionConfig&, AttentionRequest);
struct Path {
  const char* name;
  AttentionFn run;
};
// Every property is checked on both implementations of the one contract.
const Path kPaths[] = {{"fast", &attention}, {"reference", &attention_reference}};

constexpr double kUlp = 1.0 / (1 << 24);  // float32 unit roundoff 2^-24 (half an ulp of 1)

std::string scheme_text(AttentionScheme scheme, bool causal) {
  return std::string(attention_scheme_name(scheme)) + (causal ? " causal" : "");
}

// A permutation of 0..n-1 by Fisher-Yates on the project's own generator (the same
// everywhere, unlike std::shuffle).
std::vector<Eigen::Index> random_permutation(Eigen::Index n, std::uint64_t seed) {
  std::vector<Eigen::Index> p(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) p[static_cast<std::size_t>(i)] = i;
  Rng rng(seed, Stream::random_positions);
  for (Eigen::Index i = n - 1; i > 0; --i) {
    const auto j = static_cast<Eigen::Index>(rng.next_u64() % static_cast<std::uint64_t>(i + 1));
    std::swap(p[static_cast<std::size_t>(i)], p[static_cast<std::size_t>(j)]);
  }
  return p;
}

// (P X)_a = X_{perm[a]}: row a of the result is row perm[a] of X, per head.
HeadMatrices permute_rows(const HeadMatrices& x, const std::vector<Eigen::Index>& perm) {
  HeadMatrices out;
  for (const Matrix& m : x) {
    Matrix y(m.rows(), m.cols());
    for (Eigen::Index a = 0; a < m.rows(); ++a) y.row(a) = m.row(perm[static_cast<std::size_t>(a)]);
    out.push_back(y);
  }
  return out;
}

// (P W P^T)_ab = W_{perm[a], perm[b]}.
HeadMatrices permute_both(const HeadMatrices& w, const std::vector<Eigen::Index>& perm) {
  HeadMatrices out;
  for (const Matrix& m : w) {
    Matrix y(m.rows(), m.cols());
    for (Eigen::Index a = 0; a < m.rows(); ++a)
      for (Eigen::Index b = 0; b < m.cols(); ++b)
        y(a, b) = m(perm[static_cast<std::size_t>(a)], perm[static_cast<std::size_t>(b)]);
    out.push_back(y);
  }
  return out;
}

// Largest |a - b| over every element; masked (NaN) in both counts as equal, in one
// as infinitely far.
double max_abs_diff(const HeadMatrices& a, const HeadMatrices& b) {
  REQUIRE(a.size() == b.size());
  double worst = 0.0;
  for (std::size_t h = 0; h < a.size(); ++h) {
    REQUIRE((a[h].rows() == b[h].rows() && a[h].cols() == b[h].cols()));
    for (Eigen::Index i = 0; i < a[h].rows(); ++i)
      for (Eigen::Index j = 0; j < a[h].cols(); ++j) {
        const double x = a[h](i, j), y = b[h](i, j);
        if (std::isnan(x) && std::isnan(y)) continue;
        const double diff = std::abs(x - y);
        worst = std::isnan(diff) ? std::numeric_limits<double>::infinity() : std::max(worst, diff);
      }
  }
  return worst;
}

// H copies of one matrix.
HeadMatrices heads_of(const Matrix& m, std::int64_t heads) { return HeadMatrices(static_cast<std::size_t>(heads), m); }

}  // namespace

// --- 1. permutation equivariance -----------------------------------------------------

TEST_CASE("attention properties: without positions, attention is permutation equivariant") {
  // Claim (the notebook's central argument for positional encodings; Vaswani et al.
  // 2017, section 3.5: the model "contains no recurrence and no convolution"): with
  // scheme none and no mask, reordering the tokens reorders the result and nothing
  // else, attention(Pq, Pk, Pv) = P attention(q, k, v) and the weights become
  // P W P^T. So without position information word order is invisible.
  const std::int64_t H = 2, L = 23, d = 8;
  const auto q = random_heads(H, L, d, 11), k = random_heads(H, L, d, 12), v = random_heads(H, L, d, 13);
  const AttentionConfig c = seeded_config(AttentionScheme::none, H, d, false);
  for (const Path& path : kPaths) {
    const AttentionResult base = path.run(q, k, v, c, {true, false});
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      const auto perm = random_permutation(L, seed);
      const AttentionResult moved = path.run(permute_rows(q, perm), permute_rows(k, perm), permute_rows(v, perm), c,
                                             {true, false});
      // Only the order of float sums changes: a few ulp.
      const std::string what = std::string(path.name) + " permutation " + std::to_string(seed);
      check_close(moved.output, permute_rows(base.output, perm), 1e-5, 1e-5, what + " output");
      check_close(moved.weights, permute_both(base.weights, perm), 1e-6, 1e-5, what + " weights");
    }
  }
}

TEST_CASE("attention properties: the causal mask, rope and alibi each break permutation equivariance") {
  // Claim (same source): anything that ties a token to its index breaks the
  // symmetry above. The causal mask lets query i see keys 0..i only; RoPE and ALiBi
  // give row i the position i whatever token sits there (positions stay 0..L-1 in
  // the new order). Each differs from P attention(q, k, v) by far more than the
  // float tolerance (1e-5) of the property above.
  const std::int64_t H = 2, L = 23, d = 8;
  const auto q = random_heads(H, L, d, 11), k = random_heads(H, L, d, 12), v = random_heads(H, L, d, 13);
  const auto perm = random_permutation(L, 1);
  REQUIRE(perm[0] != 0);  // query 0 then sees other keys than before
  struct Breaker {
    AttentionScheme scheme;
    bool causal;
  };
  for (const Breaker& b : {Breaker{AttentionScheme::none, true}, Breaker{AttentionScheme::rope, false},
                           Breaker{AttentionScheme::alibi, false}}) {
    const AttentionConfig c = seeded_config(b.scheme, H, d, b.causal);
    for (const Path& path : kPaths) {
      const AttentionResult base = path.run(q, k, v, c, {});
      const AttentionResult moved =
          path.run(permute_rows(q, perm), permute_rows(k, perm), permute_rows(v, perm), c, {});
      const double diff = max_abs_diff(moved.output, permute_rows(base.output, perm));
      INFO(path.name << " " << scheme_text(b.scheme, b.causal) << ": max |attention(Pq, Pk, Pv) - P attention| = "
                     << diff);
      CHECK(diff > 0.05);
    }
  }
  // The mask, concretely: query 0 sees key 0 alone, so its output is v_0 exactly;
  // after the permutation query 0 is token perm[0], which still sees only itself.
  const AttentionConfig causal = seeded_config(AttentionScheme::none, H, d, true);
  for (const Path& path : kPaths) {
    const AttentionResult moved =
        path.run(permute_rows(q, perm), permute_rows(k, perm), permute_rows(v, perm), causal, {});
    const AttentionResult base = path.run(q, k, v, causal, {});
    const Eigen::Index t = perm[0];
    CHECK(max_abs_diff({moved.output[0].row(0)}, {v[0].row(t)}) <= 1e-6);            // sees itself only
    CHECK(max_abs_diff({moved.output[0].row(0)}, {base.output[0].row(t)}) > 0.05);  // not P o
  }
}

// --- 2. shift invariance ----------------------------------------------------------------

namespace {

constexpr std::int64_t kShifts[] = {1, 37, 1000, 100000};

// Logits of q, k at query_start = key_start = shift.
HeadMatrices shifted_scores(const Path& path, const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                            AttentionConfig c, std::int64_t shift) {
  c.query_start = shift;
  c.key_start = shift;
  return path.run(q, k, v, c, {false, true}).scores;
}

// Tolerance for two logits of the same (q_i, k_j) that agree in exact arithmetic.
// Each rotated vector is rounded to float once (error <= 2^-24 |q| per vector,
// rotations keep the norm) and the dot product of d floats sums with error
// <= d 2^-24 |q||k| (the gamma_d bound); two runs, and the final rounding of each
// logit: (6 + 2d) 2^-24 (scale |q_i||k_j| + |s_ij|). The angle m theta_k is formed
// in double: at m = 1e5 its error (~1e-11 rad) is far below this. Schemes without
// rotation add the same bias to the same float dot product and need none of it.
void check_same_scores(const HeadMatrices& got, const HeadMatrices& want, const HeadMatrices& q,
                       const HeadMatrices& k, double scale, const std::string& what) {
  std::int64_t bad = 0;
  std::ostringstream first;
  for (std::size_t h = 0; h < want.size(); ++h) {
    const auto d = static_cast<double>(q[h].cols());
    for (Eigen::Index i = 0; i < want[h].rows(); ++i)
      for (Eigen::Index j = 0; j < want[h].cols(); ++j) {
        const double g = got[h](i, j), w = want[h](i, j);
        if (std::isnan(w) && std::isnan(g)) continue;
        const double tol =
            (6.0 + 2.0 * d) * kUlp *
            (scale * static_cast<double>(q[h].row(i).norm()) * static_cast<double>(k[h].row(j).norm()) + std::abs(w));
        if (!(std::abs(g - w) <= tol) && bad++ < 5)
          first << " [" << h << "][" << i << "][" << j << "] got " << g << " want " << w << " (tol " << tol << ");";
      }
  }
  CHECK_MESSAGE(bad == 0, what << ": " << bad << " mismatches:" << first.str());
}

}  // namespace

TEST_CASE("attention properties: relative schemes' logits depend only on j - i (shift invariance)") {
  // Claim (RoFormer section 3.4.1 for rope: <R_m q, R_n k> = <q, R_{n-m} k>; Press et
  // al. 2022 section 3, Raffel et al. 2020 section 2.1 and Shaw et al. 2018 section
  // 3.2 for alibi, t5, relative-bias and relative: the bias is a function of j - i):
  // moving the whole sequence to positions P..P+L-1 leaves every logit as it was.
  // T5 with causal buckets (the decoder) and with bidirectional ones, with the mask
  // on or off, is invariant as well.
  const std::int64_t H = 2, L = 12, d = 8;
  const auto q = random_heads(H, L, d, 21), k = random_heads(H, L, d, 22), v = random_heads(H, L, d, 23);
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  for (AttentionScheme scheme : {AttentionScheme::rope, AttentionScheme::alibi, AttentionScheme::t5,
                                 AttentionScheme::relative, AttentionScheme::relative_bias})
    for (bool causal : {false, true})
      for (bool t5_causal : {false, true}) {
        if (scheme != AttentionScheme::t5 && t5_causal) continue;  // one bucket rule per T5 variant
        AttentionConfig c = seeded_config(scheme, H, d, causal);
        if (scheme == AttentionScheme::t5) c.t5.causal = t5_causal;
        for (const Path& path : kPaths) {
          const HeadMatrices at0 = shifted_scores(path, q, k, v, c, 0);
          for (std::int64_t shift : kShifts)
            check_same_scores(shifted_scores(path, q, k, v, c, shift), at0, q, k, scale,
                              std::string(path.name) + " " + scheme_text(scheme, causal) +
                                  (t5_causal ? " (causal buckets)" : "") + " at P = " + std::to_string(shift));
        }
      }
}

TEST_CASE("attention properties: an absolute encoding added to q and k is not shift invariant") {
  // Claim (the notebook, and Vaswani et al. 2017 section 3.5: the sinusoid is added
  // to the token, so <q + p_i, k + p_j> has the cross terms <q, p_j> + <p_i, k>,
  // which depend on i and j themselves): with the sinusoidal encoding of positions
  // P..P+L-1 added and scheme none, the logits at P != 0 differ from those at P = 0
  // by far more than the tolerance of the test above (~1e-5 here).
  const std::int64_t H = 2, L = 12, d = 8;
  const auto q = random_heads(H, L, d, 21), k = random_heads(H, L, d, 22), v = random_heads(H, L, d, 23);
  const AttentionConfig c = seeded_config(AttentionScheme::none, H, d, false);
  // x + the sinusoids of positions P .. P+L-1, each head.
  const auto encoded = [&](const HeadMatrices& x, const Matrix& table) {
    HeadMatrices out;
    for (const Matrix& m : x) out.push_back(m + table.bottomRows(L));
    return out;
  };
  const auto sinusoids = [&](std::int64_t shift) {
    EncodeOptions o;
    o.scheme = Scheme::sinusoidal;
    o.length = shift + L;
    o.dim = d;
    return encode(o);
  };
  const Matrix table0 = sinusoids(0);
  for (std::int64_t shift : kShifts) {
    const Matrix table = sinusoids(shift);
    for (const Path& path : kPaths) {
      const HeadMatrices at0 = path.run(encoded(q, table0), encoded(k, table0), v, c, {false, true}).scores;
      const HeadMatrices at = path.run(encoded(q, table), encoded(k, table), v, c, {false, true}).scores;
      const double diff = max_abs_diff(at, at0);
      INFO(path.name << " sinusoidal at P = " << shift << ": max |s(P) - s(0)| = " << diff);
      CHECK(diff > 0.1);
    }
  }
}

TEST_CASE("attention properties: FIRE is shift invariant only while every query sits below L_thr") {
  // Claim (Li et al. 2023, section 3.1): b(i, j) = f(psi(|i - j|) / psi(max(i, L_thr))),
  // psi(x) = log(c x + 1). The normalizer depends on the query position i, so
  //  (a) while all query positions are below L_thr it is the constant psi(L_thr) and
  //      the logits depend on j - i only;
  //  (b) past L_thr it is psi(i): the same distance gets a smaller input u, so the
  //      logits change with the shift (direction checked with f(u) = -u: the bias
  //      of a fixed distance moves up toward 0 as i grows);
  //  (c) the diagonal has u = psi(0) / ... = 0 at any position: its bias is f(0).
  const std::int64_t H = 2, L = 12, d = 8;
  const auto q = random_heads(H, L, d, 31), k = random_heads(H, L, d, 32), v = random_heads(H, L, d, 33);
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  for (bool causal : {false, true}) {
    AttentionConfig c = seeded_config(AttentionScheme::fire, H, d, causal);
    for (const Path& path : kPaths) {
      const std::string what = std::string(path.name) + " " + scheme_text(AttentionScheme::fire, causal);
      // (a) L_thr above every position used (100000 + L).
      c.fire_options.threshold = 1e6;
      const HeadMatrices below0 = shifted_scores(path, q, k, v, c, 0);
      for (std::int64_t shift : kShifts)
        check_same_scores(shifted_scores(path, q, k, v, c, shift), below0, q, k, scale,
                          what + " below L_thr at P = " + std::to_string(shift));
      // (b) L_thr = 8: the normalizer grows with i, the logits move, by far more than
      // the ~1e-5 tolerance of (a) (the least: P = 1, where only rows 8..11 move).
      c.fire_options.threshold = 8.0;
      const HeadMatrices past0 = shifted_scores(path, q, k, v, c, 0);
      for (std::int64_t shift : kShifts) {
        const double diff = max_abs_diff(shifted_scores(path, q, k, v, c, shift), past0);
        INFO(what << " past L_thr at P = " << shift << ": max |s(P) - s(0)| = " << diff);
        CHECK(diff > 1e-3);
      }
    }
  }

  // (c) With q = 0 every logit is its bias; the diagonal is f(0) = w2 relu(b1) + b2
  // (the MLP evaluated by hand) at every shift, on either side of L_thr.
  const HeadMatrices zero_q = heads_of(Matrix::Zero(L, d), H);
  for (double threshold : {8.0, 1e6}) {
    AttentionConfig c = seeded_config(AttentionScheme::fire, H, d, true);
    c.fire_options.threshold = threshold;
    for (const Path& path : kPaths)
      for (std::int64_t shift : {std::int64_t{0}, std::int64_t{37}, std::int64_t{100000}}) {
        const HeadMatrices s = shifted_scores(path, zero_q, k, v, c, shift);
        for (std::int64_t h = 0; h < H; ++h) {
          double f0 = c.fire.b2(h);
          for (std::int64_t w = 0; w < c.fire.hidden(); ++w)
            f0 += static_cast<double>(c.fire.w2(h, w)) * std::max(0.0, static_cast<double>(c.fire.b1(w)));
          for (Eigen::Index i = 0; i < L; ++i) {
            INFO(path.name << " L_thr " << threshold << " P " << shift << " head " << h << " row " << i);
            CHECK(s[static_cast<std::size_t>(h)](i, i) == doctest::Approx(f0).epsilon(1e-5));
          }
        }
      }
  }
}

TEST_CASE("attention properties: FIRE past L_thr, the bias of a fixed distance shrinks as the query moves on") {
  // (b) of the claim above, with values: f(u) = -u (W = 1: w1 = 1, b1 = 0, w2 = -1,
  // b2 = 0; u >= 0 so the ReLU passes it), q = 0 so the logit is the bias
  //   b(i, j) = -log(c (i - j) + 1) / log(c max(i, L_thr) + 1)      (causal, j <= i)
  // which at a fixed distance i - j > 0 rises strictly toward 0 as i grows past L_thr.
  const std::int64_t L = 12, d = 4;
  AttentionConfig c;
  c.scheme = AttentionScheme::fire;
  c.causal = true;
  c.fire.w1 = Vector::Constant(1, 1.0f);
  c.fire.b1 = Vector::Zero(1);
  c.fire.w2 = Matrix::Constant(1, 1, -1.0f);
  c.fire.b2 = Vector::Zero(1);
  c.fire_options.threshold = 8.0;
  const double cc = c.fire_options.c;
  const HeadMatrices q = {Matrix::Zero(L, d)}, k = random_heads(1, L, d, 41), v = random_heads(1, L, d, 42);
  const std::int64_t shifts[] = {0, 37, 1000, 100000};
  for (const Path& path : kPaths) {
    std::vector<Matrix> bias;
    for (std::int64_t shift : shifts) {
      bias.push_back(shifted_scores(path, q, k, v, c, shift)[0]);
      for (Eigen::Index i = 0; i < L; ++i)
        for (Eigen::Index j = 0; j <= i; ++j) {
          const double pq = static_cast<double>(shift + i);
          const double want = -std::log(cc * static_cast<double>(i - j) + 1.0) / std::log(cc * std::max(pq, 8.0) + 1.0);
          INFO(path.name << " P " << shift << " (" << i << ", " << j << ")");
          CHECK(bias.back()(i, j) == doctest::Approx(want).epsilon(1e-5).scale(1e-6));
        }
    }
    for (std::size_t s = 1; s < bias.size(); ++s)
      for (Eigen::Index i = 0; i < L; ++i)
        for (Eigen::Index j = 0; j < i; ++j) {
          INFO(path.name << " P " << shifts[s - 1] << " -> " << shifts[s] << " (" << i << ", " << j << ")");
          CHECK(bias[s](i, j) > bias[s - 1](i, j));
          CHECK(bias[s](i, j) < 0.0f);
        }
  }
}

// --- 3. RoPE's long-term decay ------------------------------------------------------------

namespace {

// Mean of values[lo .. hi-1].
double window_mean(const std::vector<double>& values, std::size_t lo, std::size_t hi) {
  double s = 0.0;
  for (std::size_t r = lo; r < hi; ++r) s += values[r];
  return s / static_cast<double>(hi - lo);
}

// The windows of distance the claims compare: [0,16) [16,64) [64,256) [256,1024).
constexpr std::size_t kWindows[] = {0, 16, 64, 256, 1024};

void check_windows_decrease(const std::vector<double>& values, const std::string& what) {
  for (std::size_t w = 1; w + 1 < std::size(kWindows); ++w) {
    const double before = window_mean(values, kWindows[w - 1], kWindows[w]);
    const double after = window_mean(values, kWindows[w], kWindows[w + 1]);
    INFO(what << ": mean over [" << kWindows[w - 1] << ", " << kWindows[w] << ") = " << before << ", over ["
              << kWindows[w] << ", " << kWindows[w + 1] << ") = " << after);
    CHECK(after < before);
  }
}

}  // namespace

TEST_CASE("attention properties: RoFormer's decay bound falls window by window") {
  // Claim (RoFormer section 3.4.3, figure 2): the relative upper bound of
  // |<R_m q, R_n k>| decays as the distance grows (with oscillations, so compare
  // window averages). At r = 0 every partial sum has modulus j, so the bound is
  // (1/n) sum_j j = (n + 1)/2 = 32.5 for d = 128 (n = 64).
  const RopeDecayCurve curve = rope_decay_curve(1023, 1, 128, 10000.0);
  REQUIRE(curve.bound.size() == 1024);
  CHECK(curve.bound[0] == doctest::Approx(32.5).epsilon(1e-12));
  check_windows_decrease(curve.bound, "rope_decay_curve d=128");
}

TEST_CASE("attention properties: RoPE's measured self-similarity decays with distance as predicted") {
  // Claim (the long-term decay, RoFormer section 3.4.3), measured on attention's own
  // logits. With q, k independent and zero-mean, E<R_m q, R_n k> = 0 at every
  // distance, so there is nothing to see; the decay is about how much a vector still
  // matches itself (or a correlated key) when moved: take k = q. Per rotated pair
  // (x_a, x_b) with angle difference r theta_k, r = n - m:
  //   <R(m theta) x, R(n theta) x> = x^T R(r theta) x = cos(r theta)(x_a^2 + x_b^2)
  // (the sine part is antisymmetric and drops out of a quadratic form), and for
  // x ~ N(0, I) E[x_a^2 + x_b^2] = 2, Var = 4 (chi-square with 2 dof), so
  //   E s(r) = sum_k 2 cos(r theta_k),   Var s(r) = sum_k 4 cos^2(r theta_k)
  // with theta_k = 10000^(-2k/d) (RoFormer section 3.2.2), logits at scale 1.
  // The sample mean of N draws must be within 5 standard errors sqrt(Var / N) of
  // E s(r) at every distance (one in ~2 million per distance, and the seed is fixed),
  // and the measured window averages must fall.
  const std::int64_t d = 64, keys = 1024;
  std::vector<double> expected(static_cast<std::size_t>(keys)), stderr_unit(expected.size());
  for (std::int64_t r = 0; r < keys; ++r) {
    double mean = 0.0, var = 0.0;
    for (std::int64_t p = 0; p < d / 2; ++p) {
      const double theta = std::pow(10000.0, -2.0 * static_cast<double>(p) / static_cast<double>(d));
      const double cr = std::cos(static_cast<double>(r) * theta);
      mean += 2.0 * cr;
      var += 4.0 * cr * cr;
    }
    expected[static_cast<std::size_t>(r)] = mean;
    stderr_unit[static_cast<std::size_t>(r)] = std::sqrt(var);
  }
  CHECK(expected[0] == doctest::Approx(static_cast<double>(d)));  // E|q|^2 = d

  AttentionConfig c = seeded_config(AttentionScheme::rope, 1, d, false);
  c.scale = 1.0;
  const HeadMatrices v = {Matrix::Zero(keys, 1)};
  // Each draw rotates 1025 rows; the reference rotates them one call at a time
  // (slower): fewer draws there, and a bound that widens as 1/sqrt(N).
  for (const Path& path : kPaths) {
    const int draws = std::string(path.name) == "fast" ? 500 : 50;
    std::vector<double> sum(expected.size(), 0.0);
    const HeadMatrices xs = random_heads(draws, 1, d, 51);
    for (int n = 0; n < draws; ++n) {
      const Matrix& x = xs[static_cast<std::size_t>(n)];
      // One query at position 0, the same vector as every key at positions 0..1023:
      // logit j = <R_0 x, R_j x> = s(j).
      const HeadMatrices q = {x}, k = {x.replicate(keys, 1)};
      const Matrix s = path.run(q, k, v, c, {false, true}).scores[0];
      for (std::int64_t j = 0; j < keys; ++j) sum[static_cast<std::size_t>(j)] += s(0, j);
    }
    std::vector<double> mean(sum.size());
    std::int64_t bad = 0;
    std::ostringstream first;
    for (std::size_t r = 0; r < sum.size(); ++r) {
      mean[r] = sum[r] / draws;
      const double bound = 5.0 * stderr_unit[r] / std::sqrt(static_cast<double>(draws));
      if (std::abs(mean[r] - expected[r]) > bound && bad++ < 5)
        first << " r=" << r << " mean " << mean[r] << " want " << expected[r] << " +- " << bound << ";";
    }
    CHECK_MESSAGE(bad == 0, path.name << ": " << bad << " distances off E s(r):" << first.str());
    check_windows_decrease(mean, std::string(path.name) + " measured mean logit");
    check_windows_decrease(expected, "E s(r)");
  }
}

// --- 4. ALiBi's geometric fall-off ---------------------------------------------------------

TEST_CASE("attention properties: ALiBi under the causal mask, weights fall off by exp(-m_h) per step") {
  // Claim (Press et al. 2022, section 3 and figure 3): head h adds -m_h (i - j), with
  // m_h = 2^(-8(h+1)/H), for H = 8 the paper's 1/2, 1/4, ..., 1/256. With q = 0 every
  // logit is its bias, so the weights are a truncated geometric sequence and
  //   w(i, j - 1) / w(i, j) = exp(-m_h)     for every 1 <= j <= i.
  // The tolerance: each weight is a float (2^-24 relative) and the fast path's
  // exp of a float logit up to 63 m_h <= 32 in size adds ~32 * 2^-24 relative.
  const double paper_slopes[] = {1.0 / 2, 1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256};
  const std::int64_t H = 8, L = 64, d = 16;
  const AttentionConfig c = seeded_config(AttentionScheme::alibi, H, d, true);
  const HeadMatrices zero_q = heads_of(Matrix::Zero(L, d), H);
  const auto k = random_heads(H, L, d, 61), v = random_heads(H, L, d, 62);
  for (const Path& path : kPaths) {
    const HeadMatrices w = path.run(zero_q, k, v, c, {true, false}).weights;
    for (std::int64_t h = 0; h < H; ++h) {
      const double want = std::exp(-paper_slopes[h]);
      std::int64_t bad = 0;
      std::ostringstream first;
      for (Eigen::Index i = 1; i < L; ++i)
        for (Eigen::Index j = 1; j <= i; ++j) {
          const double ratio = static_cast<double>(w[static_cast<std::size_t>(h)](i, j - 1)) /
                               static_cast<double>(w[static_cast<std::size_t>(h)](i, j));
          if (!(std::abs(ratio - want) <= 64 * kUlp * want) && bad++ < 5)
            first << " (" << i << ", " << j << ") ratio " << ratio << ";";
        }
      CHECK_MESSAGE(bad == 0, path.name << " head " << h << ": want exp(-" << paper_slopes[h] << ") = " << want
                                        << ", " << bad << " off:" << first.str());
    }
  }
}

TEST_CASE("attention properties: ALiBi with content, the fitted log-weight slope per step is m_h") {
  // Claim (as above) with small random q, k: log w(i, j) = s q_i.k_j - m_h (i - j)
  // - log Z_i, so within each row log w falls by m_h per step of distance plus noise.
  // Fit one slope per head by least squares with a free intercept per row (Z_i):
  //   m^ = -sum_ij (x_ij - x_i.)(y_ij - y_i.) / sum_ij (x_ij - x_i.)^2,  x = i - j.
  // q, k ~ N(0, 0.1^2) with d = 16 give content logits of std 0.1^2 sqrt(d) / sqrt(d)
  // = 0.01, and a slope standard error of ~2e-5 over the 64 causal rows if that noise
  // were independent (the rows share keys, so a few times more). The tolerance 5e-4
  // is well above that, and under half the gap between the two smallest slopes
  // (1/128 - 1/256 = 0.0039), so the fit tells each head's slope from its
  // neighbours'.
  const double paper_slopes[] = {1.0 / 2, 1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256};
  const std::int64_t H = 8, L = 64, d = 16;
  const AttentionConfig c = seeded_config(AttentionScheme::alibi, H, d, true);
  const auto q = random_heads(H, L, d, 71, 0.1f), k = random_heads(H, L, d, 72, 0.1f),
             v = random_heads(H, L, d, 73);
  for (const Path& path : kPaths) {
    const HeadMatrices w = path.run(q, k, v, c, {true, false}).weights;
    for (std::int64_t h = 0; h < H; ++h) {
      const Matrix& wh = w[static_cast<std::size_t>(h)];
      double sxy = 0.0, sxx = 0.0;
      for (Eigen::Index i = 1; i < L; ++i) {
        double xbar = 0.0, ybar = 0.0;
        for (Eigen::Index j = 0; j <= i; ++j) {
          xbar += static_cast<double>(i - j);
          ybar += std::log(static_cast<double>(wh(i, j)));
        }
        xbar /= static_cast<double>(i + 1);
        ybar /= static_cast<double>(i + 1);
        for (Eigen::Index j = 0; j <= i; ++j) {
          const double x = static_cast<double>(i - j) - xbar;
          sxy += x * (std::log(static_cast<double>(wh(i, j))) - ybar);
          sxx += x * x;
        }
      }
      const double fitted = -sxy / sxx;
      INFO(path.name << " head " << h << ": fitted slope " << fitted << ", paper " << paper_slopes[h]);
      CHECK(std::abs(fitted - paper_slopes[h]) <= 5e-4);
    }
  }
}

// --- 5. sanity ---------------------------------------------------------------------------------

TEST_CASE("attention properties: weights are a distribution per row; the causal mask zeroes later keys") {
  // Softmax (Vaswani et al. 2017, eq. 1): each row of weights is >= 0 and sums to 1
  // (float sum of Lk terms: within Lk 2^-24); under the causal mask keys with
  // pk > pq get weight 0 exactly and a NaN logit (attention.hpp), and every earlier
  // key a finite logit. Every scheme, both paths, with the blocks at their own
  // positions.
  const std::int64_t H = 3, Lq = 9, Lk = 14, d = 6;
  const std::int64_t query_start = 20, key_start = 15;  // keys 15..28, queries 20..28
  const auto q = random_heads(H, Lq, d, 81), k = random_heads(H, Lk, d, 82), v = random_heads(H, Lk, d, 83);
  for (AttentionScheme scheme : posenc::test::all_attention_schemes())
    for (bool causal : {false, true}) {
      AttentionConfig c = seeded_config(scheme, H, d, causal);
      c.query_start = query_start;
      c.key_start = key_start;
      for (const Path& path : kPaths) {
        const AttentionResult r = path.run(q, k, v, c, {true, true});
        for (std::int64_t h = 0; h < H; ++h) {
          const Matrix& w = r.weights[static_cast<std::size_t>(h)];
          const Matrix& s = r.scores[static_cast<std::size_t>(h)];
          for (Eigen::Index i = 0; i < Lq; ++i) {
            INFO(path.name << " " << scheme_text(scheme, causal) << " head " << h << " row " << i);
            CHECK(std::abs(static_cast<double>(w.row(i).cast<double>().sum()) - 1.0) <= Lk * kUlp * 2);
            CHECK(w.row(i).minCoeff() >= 0.0f);
            for (Eigen::Index j = 0; j < Lk; ++j) {
              const bool masked = causal && key_start + j > query_start + i;
              if (masked) {
                CHECK(w(i, j) == 0.0f);
                CHECK(std::isnan(s(i, j)));
              } else {
                CHECK(std::isfinite(s(i, j)));
              }
            }
          }
        }
      }
    }
}

TEST_CASE("attention properties: a query block over a KV cache equals the tail of the full run") {
  // Claim (attention.hpp; how decoders run with a KV cache): under the causal mask
  // query i sees keys 0..i only, so the 64 queries at positions 1000..1063 attending
  // to keys 0..1063 give exactly the last 64 rows of the full 1064-query run (up to
  // the order of float sums in the fast path's tiles).
  const std::int64_t H = 1, L = 1064, block = 64, d = 8;
  const auto q = random_heads(H, L, d, 91), k = random_heads(H, L, d, 92), v = random_heads(H, L, d, 93);
  HeadMatrices tail_q;
  for (const Matrix& m : q) tail_q.push_back(m.bottomRows(block));
  for (AttentionScheme scheme : {AttentionScheme::none, AttentionScheme::rope, AttentionScheme::alibi}) {
    const AttentionConfig full_c = seeded_config(scheme, H, d, true);
    AttentionConfig cache_c = full_c;
    cache_c.query_start = L - block;
    for (const Path& path : kPaths) {
      const AttentionResult full = path.run(q, k, v, full_c, {});
      const AttentionResult cached = path.run(tail_q, k, v, cache_c, {});
      HeadMatrices tail;
      for (const Matrix& m : full.output) tail.push_back(m.bottomRows(block));
      check_close(cached.output, tail, 1e-5, 1e-4,
                  std::string(path.name) + " " + scheme_text(scheme, true) + " KV cache vs full run");
    }
  }
}
