// RoPE: frequencies under every scaling vs HF transformers' formulas, both pairings
// vs HF / Meta Llama / GPT-NeoX / GPT-J, RoFormer's decay curve, the properties
// that make RoPE relative, and one check per kind of bad input.
//
// Known values come from tests/reference/rope_freqs.py, rope_apply.py and
// rope_decay.py (re-implementations of the canonical code, run in float64).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Every element within `rel` relative error; prints the first mismatch (llm.c style).
void check_rel(const std::vector<double>& got, const std::vector<double>& want, double rel) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("index " << i << ": got " << got[i] << ", want " << want[i]);
    REQUIRE(std::abs(got[i] - want[i]) <= rel * std::abs(want[i]));
  }
}

// Every element within `tol` absolute error (float32 outputs).
void check_abs(const Eigen::RowVectorXf& got, const std::vector<double>& want, double tol) {
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("index " << i << ": got " << got[static_cast<Eigen::Index>(i)] << ", want " << want[i]);
    REQUIRE(std::abs(got[static_cast<Eigen::Index>(i)] - want[i]) <= tol);
  }
}

Eigen::RowVectorXf row(const std::vector<double>& v) {
  Eigen::RowVectorXf r(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) r[static_cast<Eigen::Index>(i)] = static_cast<float>(v[i]);
  return r;
}

RopeOptions scaled(RopeScaling s, double factor) {
  RopeOptions o;
  o.scaling = s;
  o.factor = factor;
  return o;
}

RopeOptions paired(RopePairing p, double partial = 1.0) {
  RopeOptions o;
  o.pairing = p;
  o.partial = partial;
  return o;
}

// A deterministic, irregular test vector of width d.
Eigen::RowVectorXf wave(std::int64_t d, double seed) {
  Eigen::RowVectorXf x(d);
  for (std::int64_t i = 0; i < d; ++i) x[i] = static_cast<float>(std::sin(seed * (i + 1) + 0.3 * i * i));
  return x;
}

}  // namespace

// --- frequencies -----------------------------------------------------------------

TEST_CASE("rope freqs: default, theta_k = base^(-2k/d) (HF _compute_default_rope_parameters)") {
  // tests/reference/rope_freqs.py "default d=16 base=10000"
  const std::vector<double> want = {1.0, 0.31622776601683794, 0.1, 0.03162277660168379,
                                    0.01, 0.003162277660168379, 0.001, 0.00031622776601683794};
  const RopeFrequencies f = rope_frequencies(16);
  CHECK(f.dim == 16);
  CHECK(f.rotary_dim == 16);
  CHECK(f.attention_factor == 1.0);
  check_rel(f.inv_freq, want, 1e-12);
}

TEST_CASE("rope freqs: linear = default / factor (position interpolation)") {
  // rope_freqs.py "linear d=16 factor=4"
  const std::vector<double> want = {0.25, 0.07905694150420949, 0.025, 0.007905694150420948,
                                    0.0025, 0.0007905694150420947, 0.00025, 7.905694150420948e-05};
  const RopeFrequencies f = rope_frequencies(16, scaled(RopeScaling::linear, 4.0));
  check_rel(f.inv_freq, want, 1e-12);
  CHECK(f.attention_factor == 1.0);
}

TEST_CASE("rope freqs: static NTK, base' = base * factor^(d/(d-2))") {
  // rope_freqs.py "ntk d=16 factor=8"
  const std::vector<double> want = {1.0, 0.23495632718377818, 0.055204475683690614, 0.01297064085074614,
                                    0.003047534135511189, 0.0007160374274468995, 0.00016823752407904452,
                                    3.952847075210474e-05};
  check_rel(rope_frequencies(16, scaled(RopeScaling::ntk, 8.0)).inv_freq, want, 1e-12);
}

TEST_CASE("rope freqs: dynamic NTK as a function of seq_len (HF _compute_dynamic_ntk_parameters)") {
  RopeOptions o = scaled(RopeScaling::dynamic, 2.0);
  o.original_max_length = 2048;
  o.seq_len = 5000;
  // rope_freqs.py "dynamic d=16 factor=2 M=2048 seq_len=5000"
  const std::vector<double> want = {1.0, 0.26051709445418625, 0.06786915650285139, 0.01768107545517928,
                                    0.0046062224044085345, 0.001199999677206287, 0.0003126204292517432,
                                    8.144296589568463e-05};
  check_rel(rope_frequencies(16, o).inv_freq, want, 1e-12);
  // seq_len <= M: seq_len is raised to M and the base is unchanged.
  o.seq_len = 1000;
  check_rel(rope_frequencies(16, o).inv_freq, rope_frequencies(16).inv_freq, 1e-15);
  o.seq_len = 2048;
  check_rel(rope_frequencies(16, o).inv_freq, rope_frequencies(16).inv_freq, 1e-15);
}

TEST_CASE("rope freqs: YaRN ramp and attention factor (HF _compute_yarn_parameters)") {
  RopeOptions o = scaled(RopeScaling::yarn, 4.0);
  o.original_max_length = 2048;
  // rope_freqs.py "yarn d=32 factor=4 M=2048": ramp over k in [4, 11], k < 4 kept,
  // k > 11 divided by 4.
  const std::vector<double> want = {
      1.0, 0.5623413251903491, 0.31622776601683794, 0.17782794100389226, 0.1, 0.05020904689199546,
      0.024846467329894407, 0.012066895996692691, 0.005714285714285714, 0.0026108704383837637,
      0.001129384878631564, 0.00044456985250973074, 0.00025, 0.00014058533129758727, 7.905694150420948e-05,
      4.445698525097307e-05};
  const RopeFrequencies f = rope_frequencies(32, o);
  check_rel(f.inv_freq, want, 1e-12);
  // 0.1 ln 4 + 1 (rope_freqs.py prints 1.138629436111989).
  CHECK(f.attention_factor == doctest::Approx(1.138629436111989).epsilon(1e-14));
  double low = 0, high = 0;
  kernels::rope_yarn_range(32.0, 1.0, 32, 10000.0, 2048.0, &low, &high);
  CHECK(low == 4.0);
  CHECK(high == 11.0);
  // Truncation is floor / ceil, not rounding (rope_freqs.py: d(32) = 12.88 -> 12,
  // d(1) = 2.02 -> 3), and clamped at 0 below.
  kernels::rope_yarn_range(32.0, 1.0, 64, 10000.0, 8192.0, &low, &high);
  CHECK(low == 12.0);
  CHECK(high == 25.0);
  kernels::rope_yarn_range(32.0, 1.0, 16, 10000.0, 64.0, &low, &high);
  CHECK(low == 0.0);
  CHECK(high == 3.0);
  RopeOptions small = o;
  small.original_max_length = 64;
  // rope_freqs.py "yarn d=16 factor=4 M=64 (CLI)"
  check_rel(rope_frequencies(16, small).inv_freq,
            {1.0, 0.23717082451262847, 0.05, 0.007905694150420948, 0.0025, 0.0007905694150420947, 0.00025,
             7.905694150420948e-05},
            1e-12);
  // M = 4: low == high == 0, HF moves high by 0.001 (else 0/0 at k = 0).
  // rope_freqs.py "yarn d=16 factor=4 M=4"
  small.original_max_length = 4;
  check_rel(rope_frequencies(16, small).inv_freq,
            {1.0, 0.07905694150420949, 0.025, 0.007905694150420948, 0.0025, 0.0007905694150420947, 0.00025,
             7.905694150420948e-05},
            1e-12);
  // factor 1: nothing scaled, attention factor exactly 1 (HF get_mscale).
  o.factor = 1.0;
  const RopeFrequencies one = rope_frequencies(32, o);
  CHECK(one.attention_factor == 1.0);
  check_rel(one.inv_freq, rope_frequencies(32).inv_freq, 1e-15);
}

TEST_CASE("rope freqs: Llama 3.1 smooth blend (HF _compute_llama3_parameters)") {
  RopeOptions o = scaled(RopeScaling::llama3, 8.0);
  o.base = 500000.0;
  // rope_freqs.py "llama3 d=32 base=500000 factor=8 low=1 high=4 M=8192": k <= 7 kept,
  // k = 8 blended, k >= 9 divided by 8.
  const std::vector<double> want = {
      1.0, 0.44036660267178046, 0.19392274474868576, 0.08539710028576561, 0.03760603093086393,
      0.016560440080994446, 0.0072926647372171085, 0.0032114459947525913, 0.0005248461609929547,
      7.78465527393245e-05, 3.428102195952591e-05, 1.509621717643313e-05, 6.647869871181236e-06,
      2.9274998701761677e-06, 1.2891731721515574e-06, 5.677088100759837e-07};
  const RopeFrequencies f = rope_frequencies(32, o);
  check_rel(f.inv_freq, want, 1e-12);
  CHECK(f.attention_factor == 1.0);
  // The regimes by wavelength: kept below M/4 = 2048, divided above M = 8192.
  const std::vector<double> plain = rope_frequencies(32, [] { RopeOptions p; p.base = 500000.0; return p; }()).inv_freq;
  for (std::size_t k = 0; k < plain.size(); ++k) {
    const double wavelength = 2 * kPi / plain[k];
    if (wavelength < 2048) CHECK(f.inv_freq[k] == plain[k]);
    if (wavelength > 8192) CHECK(f.inv_freq[k] == doctest::Approx(plain[k] / 8).epsilon(1e-15));
  }
}

TEST_CASE("rope freqs: partial rotary width uses r as HF's dim (GPT-NeoX rotary_pct = 0.25)") {
  RopeOptions o;
  o.partial = 0.25;
  const RopeFrequencies f = rope_frequencies(64, o);
  CHECK(f.rotary_dim == 16);
  // rope_freqs.py "partial d=64 rotary_pct=0.25 (r=16)": base^(-2k/16), not base^(-2k/64).
  const std::vector<double> want = {1.0, 0.31622776601683794, 0.1, 0.03162277660168379,
                                    0.01, 0.003162277660168379, 0.001, 0.00031622776601683794};
  check_rel(f.inv_freq, want, 1e-12);
  // int(d * partial) truncates like Python's int(): int(100 * 0.29) = 28.
  o.partial = 0.29;
  CHECK(rope_frequencies(100, o).rotary_dim == 28);
}

// --- applying the rotation ----------------------------------------------------------

TEST_CASE("rope apply: half pairing vs HF rotate_half / apply_rotary_pos_emb") {
  const Eigen::RowVectorXf x = row({0.5, -1.0, 2.0, 0.25, -0.75, 1.5, 3.0, -2.0});
  const RopeOptions o = paired(RopePairing::half);
  // tests/reference/rope_apply.py "half d=8 m=..."
  check_abs(rope_apply(x, 3.0, o), {-0.389156242255322, -1.398616799117615, 1.909113566890488, 0.255998866000848,
                                    0.813054376480268, 1.137484527027069, 3.058641101651954, -1.999241001131749},
            1e-6);
  check_abs(rope_apply(x, 2.5, o), {0.0482823003045, -1.340018360592429, 1.924382844807268, 0.254999213542075,
                                    0.900093783712179, 1.205964673311444, 3.049057340656532, -1.999368750654297},
            1e-6);
  check_abs(rope_apply(x, -4.0, o), {0.24078006104914, -0.336933480539909, 2.118368215881858, 0.241998021335983,
                                     0.868633963301673, 1.771009833312978, 2.917621651609665, -2.000983997354669},
            1e-6);
  // A far position: the angle is formed in double, so the phase is still exact.
  check_abs(rope_apply(x, 100000.0, o), {-0.472868805240094, 1.410576951591393, -1.355880469014602,
                                         -0.797151564147597, 0.767395004564668, -1.12261866350027,
                                         3.340896309936114, -1.851229154852807},
            1e-6);
  RopeOptions b = o;
  b.base = 500000.0;
  check_abs(rope_apply(x, 3.0, b), {-0.389156242255322, -1.162511168709451, 1.987254116149374, 0.250319094570482,
                                    0.813054376480268, 1.377885257423777, 3.008458255958918, -1.999960087325098},
            1e-6);
}

TEST_CASE("rope apply: interleaved pairing vs Meta Llama apply_rotary_emb (complex product)") {
  const Eigen::RowVectorXf x = row({0.5, -1.0, 2.0, 0.25, -0.75, 1.5, 3.0, -2.0});
  const RopeOptions o = paired(RopePairing::interleaved);
  // rope_apply.py "interleaved d=8 m=..."
  check_abs(rope_apply(x, 3.0, o), {-0.353876240240355, 1.060552500630379, 1.836792926585877, 0.829874535604081,
                                    -0.794655775615484, 1.47682842547161, 3.005986491010129, -1.990991013506744},
            1e-6);
  check_abs(rope_apply(x, 2.5, o), {0.19790033633049, 1.100379687598912, 1.875973853607659, 0.737036023936707,
                                    -0.787261731078845, 1.48078322747752, 3.004990619796551, -1.992493757815753},
            1e-6);
  check_abs(rope_apply(x, -4.0, o), {0.429980684876122, 1.032044868517576, 1.939476573582933, -0.54857143611658,
                                     -0.689416078715782, 1.528792160631443, 2.991976021365316, -2.011983968021359},
            1e-6);
  check_abs(rope_apply(x, 100000.0, o), {-0.46393160574709, 1.017235206424221, -1.827907139295966,
                                         -0.849267619841258, -1.662103618016031, 0.223408959037052,
                                         1.574225334643534, -3.243734667904644},
            1e-6);
}

TEST_CASE("rope apply: partial rotary width, the rest passes through (GPT-NeoX, GPT-J)") {
  Eigen::RowVectorXf x(16);
  for (int i = 0; i < 16; ++i) x[i] = static_cast<float>((i + 1) / 4.0 - 2.0);
  const std::vector<double> tail = {-0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0};
  // rope_apply.py "half partial d=16 rotary_pct=0.25 (r=4) m=7" (GPT-NeoX)
  std::vector<double> half = {-0.498095696702297, -1.426383653042387, -2.092104365687012, -1.102465271259579};
  half.insert(half.end(), tail.begin(), tail.end());
  check_abs(rope_apply(x, 7.0, paired(RopePairing::half, 0.25)), half, 1e-6);
  // rope_apply.py "interleaved partial d=16 rotary_dim=4 m=7" (GPT-J rotate_every_two)
  std::vector<double> inter = {-0.333849047022599, -2.280579929272838, -1.176995902979067, -1.084979559425196};
  inter.insert(inter.end(), tail.begin(), tail.end());
  check_abs(rope_apply(x, 7.0, paired(RopePairing::interleaved, 0.25)), inter, 1e-6);
}

TEST_CASE("rope apply: the pair-index mapping of the kernel") {
  long long a = 0, b = 0;
  kernels::rope_pair(3, 16, RopePairing::half, &a, &b);
  CHECK(a == 3);
  CHECK(b == 11);
  kernels::rope_pair(3, 16, RopePairing::interleaved, &a, &b);
  CHECK(a == 6);
  CHECK(b == 7);
  // Position 0 is the identity; m = pi/2 at theta_0 = 1 maps (1, 0) to (0, 1).
  const Eigen::RowVectorXf x = wave(8, 0.7);
  CHECK(rope_apply(x, 0.0, paired(RopePairing::half)) == x);
  Eigen::RowVectorXf e = Eigen::RowVectorXf::Zero(2);
  e[0] = 1.0f;
  const Eigen::RowVectorXf y = rope_apply(e, kPi / 2, {});
  CHECK(std::abs(y[0]) < 1e-7);
  CHECK(y[1] == doctest::Approx(1.0));
}

// --- properties ----------------------------------------------------------------------

TEST_CASE("rope property: a rotation preserves the norm, for both pairings and partial widths") {
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    for (double partial : {1.0, 0.5, 0.25}) {
      const Eigen::RowVectorXf x = wave(64, 1.3);
      for (double m : {1.0, 17.5, -300.0, 1e6}) {
        const Eigen::RowVectorXf y = rope_apply(x, m, paired(p, partial));
        CHECK(y.norm() == doctest::Approx(x.norm()).epsilon(1e-6));
      }
    }
  }
}

TEST_CASE("rope property: <R_m q, R_n k> = <R_{m-n} q, k> (relative position only)") {
  const Eigen::RowVectorXf q = wave(32, 0.9);
  const Eigen::RowVectorXf k = wave(32, 2.1);
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    for (double partial : {1.0, 0.5, 0.25, 0.125}) {
      const RopeOptions o = paired(p, partial);
      for (auto [m, n] : {std::pair{5.0, 2.0}, {2.0, 5.0}, {100.0, 37.0}, {0.5, -3.25}, {1000.0, 1000.0}}) {
        const double lhs = rope_apply(q, m, o).dot(rope_apply(k, n, o));
        const double rhs = rope_apply(q, m - n, o).dot(k);
        // The same score for every (m, n) with the same m - n.
        const double shifted = rope_apply(q, m + 11.0, o).dot(rope_apply(k, n + 11.0, o));
        CHECK(lhs == doctest::Approx(rhs).epsilon(1e-5).scale(q.norm() * k.norm()));
        CHECK(shifted == doctest::Approx(rhs).epsilon(1e-5).scale(q.norm() * k.norm()));
      }
    }
  }
}

TEST_CASE("rope property: half == interleaved after permuting the rotary dims") {
  // x_half[k] = x_int[2k], x_half[k + r/2] = x_int[2k + 1]; the rest unchanged.
  for (double partial : {1.0, 0.5}) {
    const std::int64_t d = 16, r = static_cast<std::int64_t>(d * partial);
    const Eigen::RowVectorXf xi = wave(d, 1.7);
    auto to_half = [&](const Eigen::RowVectorXf& v) {
      Eigen::RowVectorXf h = v;
      for (std::int64_t k = 0; k < r / 2; ++k) {
        h[k] = v[2 * k];
        h[k + r / 2] = v[2 * k + 1];
      }
      return h;
    };
    for (double m : {3.0, -7.5, 1234.0}) {
      const Eigen::RowVectorXf a = rope_apply(to_half(xi), m, paired(RopePairing::half, partial));
      const Eigen::RowVectorXf b = to_half(rope_apply(xi, m, paired(RopePairing::interleaved, partial)));
      CHECK((a - b).cwiseAbs().maxCoeff() < 1e-6);
      // ...and without the permutation they differ.
      CHECK((rope_apply(xi, m, paired(RopePairing::half, partial)) -
             rope_apply(xi, m, paired(RopePairing::interleaved, partial)))
                .cwiseAbs()
                .maxCoeff() > 1e-2);
    }
  }
}

TEST_CASE("rope property: linear scaling by s at position m equals default at m / s") {
  const Eigen::RowVectorXf x = wave(32, 0.4);
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    RopeOptions lin = scaled(RopeScaling::linear, 4.0);
    lin.pairing = p;
    for (double m : {8.0, 13.0, 4000.0}) {
      const Eigen::RowVectorXf a = rope_apply(x, m, lin);
      const Eigen::RowVectorXf b = rope_apply(x, m / 4.0, paired(p));
      CHECK((a - b).cwiseAbs().maxCoeff() < 1e-6);
    }
  }
}

TEST_CASE("rope cos/sin tables and rows: agree with the frequencies and with rope_apply") {
  RopeOptions o = scaled(RopeScaling::yarn, 4.0);
  o.original_max_length = 64;
  o.partial = 0.5;
  const RopeFrequencies f = rope_frequencies(16, o);
  const RopeTables t = rope_cos_sin(16, 10.0, 5, o);
  CHECK(t.cos.rows() == 5);
  CHECK(t.cos.cols() == 4);
  CHECK(t.sin.cols() == 4);
  for (int i = 0; i < 5; ++i)
    for (int k = 0; k < 4; ++k) {
      CHECK(t.cos(i, k) == static_cast<float>(std::cos((10.0 + i) * f.inv_freq[k])));
      CHECK(t.sin(i, k) == static_cast<float>(std::sin((10.0 + i) * f.inv_freq[k])));
    }
  // HF's form with these tables (q cos + rotate_half(q) sin on the rotary part).
  Matrix x(5, 16);
  for (int i = 0; i < 5; ++i) x.row(i) = wave(16, 0.3 * (i + 1));
  for (RopePairing p : {RopePairing::half, RopePairing::interleaved}) {
    o.pairing = p;
    const Matrix y = rope_apply_rows(x, 10.0, o);
    for (int i = 0; i < 5; ++i) CHECK(y.row(i) == rope_apply(x.row(i), 10.0 + i, o));
  }
  o.pairing = RopePairing::half;
  const Matrix y = rope_apply_rows(x, 10.0, o);
  for (int i = 0; i < 5; ++i)
    for (int k = 0; k < 4; ++k) {
      const double a = x(i, k), b = x(i, k + 4);
      CHECK(y(i, k) == doctest::Approx(a * t.cos(i, k) - b * t.sin(i, k)).epsilon(1e-6).scale(1.0));
      CHECK(y(i, k + 4) == doctest::Approx(b * t.cos(i, k) + a * t.sin(i, k)).epsilon(1e-6).scale(1.0));
    }
  CHECK(y.rightCols(8) == x.rightCols(8));  // past the rotary width: unrotated
}

// --- decay ---------------------------------------------------------------------------

TEST_CASE("rope decay: RoFormer figure 2 bound") {
  // r = 0: |S_j| = j, so the bound is (d/2 + 1)/2 exactly.
  for (std::int64_t d : {2, 8, 64, 128, 512}) CHECK(rope_decay_bound(0.0, d) == (d / 2 + 1) / 2.0);
  // d = 2: one term of modulus 1 at every distance.
  for (double r : {0.0, 1.0, 3.7, 250.0, -9.0}) CHECK(rope_decay_bound(r, 2) == doctest::Approx(1.0).epsilon(1e-15));
  // tests/reference/rope_decay.py, "d=128 base=10000 r=[0, 1, 10, 50, 100, 250]"
  const std::vector<double> r128 = {0, 1, 10, 50, 100, 250};
  const std::vector<double> want = {32.5, 31.53816614265808, 17.95413713708483, 12.629452488319242,
                                    10.227329948505133, 6.548179031941596};
  std::vector<double> got;
  for (double r : r128) got.push_back(rope_decay_bound(r, 128));
  check_rel(got, want, 1e-12);
  // "d=16 base=100 r=[7.5, -7.5]": real and negative distances (symmetric).
  CHECK(rope_decay_bound(7.5, 16, 100.0) == doctest::Approx(2.1925368640264233).epsilon(1e-12));
  CHECK(rope_decay_bound(-7.5, 16, 100.0) == doctest::Approx(2.1925368640264233).epsilon(1e-12));
  // The curve: distances 0, step, ... <= max_distance.
  const RopeDecayCurve c = rope_decay_curve(40, 20, 64);
  CHECK(c.distance == std::vector<double>{0, 20, 40});
  // "d=64 base=10000 r=[0, 20, 40]"
  check_rel(c.bound, {16.5, 8.01057804260171, 5.571069276203876}, 1e-12);
  CHECK(rope_decay_curve(41, 20, 64).distance.size() == 3);
}

// --- bad input -----------------------------------------------------------------------

TEST_CASE("rope bad input: dim out of range, odd dim, odd rotary width") {
  test::check_error([] { rope_frequencies(0); }, "dim");
  test::check_error([] { rope_frequencies(kMaxDim + 2); }, "dim");
  test::check_error([] { rope_frequencies(7); }, "dim");  // odd width, partial = 1
  RopeOptions o;
  o.partial = 0.3;  // int(10 * 0.3) = 3
  test::check_error([&] { rope_frequencies(10, o); }, "partial");
  o.partial = 0.1;  // int(8 * 0.1) = 0
  test::check_error([&] { rope_frequencies(8, o); }, "partial");
  // ntk and dynamic need r >= 4 (exponent r/(r-2)).
  test::check_error([] { rope_frequencies(2, scaled(RopeScaling::ntk, 2.0)); }, "dim");
  RopeOptions d = scaled(RopeScaling::dynamic, 2.0);
  d.partial = 0.25;
  test::check_error([&] { rope_frequencies(8, d); }, "partial");
}

TEST_CASE("rope bad input: partial outside (0, 1]") {
  for (double p : {0.0, -0.5, 1.5, std::nan("")}) {
    RopeOptions o;
    o.partial = p;
    test::check_error([&] { rope_frequencies(8, o); }, "partial");
  }
}

TEST_CASE("rope bad input: base, factor, lengths") {
  RopeOptions o;
  o.base = 1.0;
  test::check_error([&] { rope_frequencies(8, o); }, "base");
  o.base = std::numeric_limits<double>::infinity();
  test::check_error([&] { rope_frequencies(8, o); }, "base");
  test::check_error([] { rope_frequencies(8, scaled(RopeScaling::linear, 0.5)); }, "factor");
  test::check_error([] { rope_frequencies(8, scaled(RopeScaling::yarn, std::nan(""))); }, "factor");
  RopeOptions s = scaled(RopeScaling::dynamic, 2.0);
  s.seq_len = 0;
  test::check_error([&] { rope_frequencies(8, s); }, "seq_len");
  RopeOptions m = scaled(RopeScaling::llama3, 8.0);
  m.original_max_length = 0;
  test::check_error([&] { rope_frequencies(8, m); }, "original_max_length");
}

TEST_CASE("rope bad input: yarn betas (beta_fast > beta_slow > 0)") {
  RopeOptions o = scaled(RopeScaling::yarn, 4.0);
  o.beta_fast = 1.0;  // == beta_slow
  test::check_error([&] { rope_frequencies(8, o); }, "beta_fast");
  o.beta_fast = 32.0;
  o.beta_slow = 0.0;
  test::check_error([&] { rope_frequencies(8, o); }, "beta_slow");
}

TEST_CASE("rope bad input: llama3 low_freq_factor < high_freq_factor") {
  RopeOptions o = scaled(RopeScaling::llama3, 8.0);
  o.low_freq_factor = 4.0;  // == high_freq_factor
  test::check_error([&] { rope_frequencies(8, o); }, "low_freq_factor");
  o.low_freq_factor = 1.0;
  o.high_freq_factor = -4.0;
  test::check_error([&] { rope_frequencies(8, o); }, "high_freq_factor");
}

TEST_CASE("rope bad input: positions") {
  const Eigen::RowVectorXf x = wave(8, 1.0);
  test::check_error([&] { rope_apply(x, std::nan(""), {}); }, "position");
  test::check_error([&] { rope_apply(x, std::numeric_limits<double>::infinity(), {}); }, "position");
  test::check_error([&] { rope_apply(x, 2.0 * static_cast<double>(kMaxPosition), {}); }, "position");
  test::check_error([] { rope_cos_sin(8, std::nan(""), 4); }, "start");
  test::check_error([] { rope_cos_sin(8, static_cast<double>(kMaxPosition), 2); }, "length");  // last = max + 1
  test::check_error([] { rope_cos_sin(8, 0.0, 0); }, "length");
  test::check_error([] { rope_apply_rows(Matrix(0, 8), 0.0); }, "length");
}

TEST_CASE("rope bad input: non-finite vector entries") {
  Eigen::RowVectorXf x = wave(8, 1.0);
  x[3] = std::numeric_limits<float>::quiet_NaN();
  test::check_error([&] { rope_apply(x, 1.0, {}); }, "x");
  Matrix m = Matrix::Ones(2, 8);
  m(1, 2) = std::numeric_limits<float>::infinity();
  test::check_error([&] { rope_apply_rows(m, 0.0); }, "x");
}

TEST_CASE("rope bad input: decay arguments") {
  test::check_error([] { rope_decay_bound(1.0, 7); }, "dim");
  test::check_error([] { rope_decay_bound(std::nan(""), 8); }, "distance");
  test::check_error([] { rope_decay_bound(1.0, 8, 0.5); }, "base");
  test::check_error([] { rope_decay_curve(-1, 1, 8); }, "max_distance");
  test::check_error([] { rope_decay_curve(10, 0, 8); }, "step");
  test::check_error([] { rope_decay_curve(kMaxLength, 1, 8); }, "max_distance");      // 2^20 + 1 distances
  test::check_error([] { rope_decay_curve(100000, 1, kMaxDim); }, "max_distance");   // too many terms
}

TEST_CASE("rope bad input: names and enum values") {
  test::check_error([] { parse_pairing("diagonal"); }, "pairing");
  test::check_error([] { parse_scaling("longrope"); }, "scaling");
  CHECK(parse_scaling("default") == RopeScaling::unscaled);
  CHECK(parse_pairing("interleaved") == RopePairing::interleaved);
  RopeOptions o;
  o.scaling = static_cast<RopeScaling>(42);
  test::check_error([&] { rope_frequencies(8, o); }, "scaling");
  RopeOptions p;
  p.pairing = static_cast<RopePairing>(7);
  test::check_error([&] { rope_frequencies(8, p); }, "pairing");
}
