// The CUDA backend held to the CPU reference, kernel by kernel (llm.c style: the
// first mismatch is printed with its indices). Skips, with a visible message, where
// no CUDA device can be used (cudaGetDeviceCount fails or finds none).
//
// Tolerances (absolute, outputs of magnitude <= ~2):
// - sinusoid: 1e-6. Both sides evaluate the same double expression and round
//   once; the GPU's double sin/cos/exp/log are within 2 ulp of libm's, so float
//   results differ by at most 1 float ulp (6e-8) at these magnitudes.
// - RoPE: 10 * 2^-24 * max |x| of the row, which covers the CPU fast path's bound
//   5 * 2^-24 * (|x_a| + |x_b|) (float32 cos/sin and a float32 rotation against the
//   double reference); the GPU may fuse a multiply-add, which only removes a rounding.
// - attention: 2e-5 * (1 + |o|). float32 dot products of d <= 64 terms
//   (error ~ d 2^-24 |q||k| ~ 1e-5 on logits of size ~3) and softmax sums of
//   L <= 300 terms, against the reference's double sums.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "posenc/attention.hpp"
#include "posenc/error.hpp"
#include "posenc/rng.hpp"
#include "posenc_cuda.hpp"

using namespace posenc;

namespace {

bool g_have_device = false;

// Skips the calling test case when there is no device (the message is printed once by main).
#define REQUIRE_DEVICE() \
  if (!g_have_device) return

std::vector<float> tensor(std::int64_t n, double seed) {
  std::vector<float> x(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    x[static_cast<std::size_t>(i)] = static_cast<float>(1.5 * std::sin(seed * (i + 1) + 0.001 * i * i));
  return x;
}

HeadMatrices heads_of(std::int64_t h, std::int64_t l, std::int64_t d, double seed) {
  HeadMatrices m;
  const std::vector<float> x = tensor(h * l * d, seed);
  for (std::int64_t i = 0; i < h; ++i) m.push_back(Eigen::Map<const Matrix>(x.data() + i * l * d, l, d));
  return m;
}

}  // namespace

TEST_CASE("cuda sinusoid table == CPU sinusoidal_encoding, both layouts and spacings, odd D") {
  REQUIRE_DEVICE();
  for (auto layout : {SinusoidLayout::interleaved, SinusoidLayout::concat})
    for (auto spacing : {Spacing::paper, Spacing::endpoint})
      for (std::int64_t dim : {7, 64}) {
        SinusoidalOptions o;
        o.layout = layout;
        o.spacing = spacing;
        const Matrix want = sinusoidal_encoding(300, dim, o);
        const Matrix got = cuda::sinusoidal_encoding(300, dim, o);
        for (Eigen::Index i = 0; i < want.rows(); ++i)
          for (Eigen::Index c = 0; c < want.cols(); ++c) {
            INFO("position " << i << ", column " << c << ", dim " << dim);
            REQUIRE(std::abs(got(i, c) - want(i, c)) <= 1e-6);
          }
      }
}

TEST_CASE("cuda rope_apply_heads == CPU rope_apply, both pairings, scalings, partial, odd L") {
  REQUIRE_DEVICE();
  const double ulp = 1.0 / (1 << 24);
  for (auto pairing : {RopePairing::half, RopePairing::interleaved})
    for (auto scaling : {RopeScaling::unscaled, RopeScaling::yarn, RopeScaling::llama3})
      for (double partial : {1.0, 0.5}) {
        RopeOptions o;
        o.pairing = pairing;
        o.scaling = scaling;
        o.factor = 4.0;
        o.original_max_length = 64;
        o.partial = partial;
        const std::int64_t H = 3, L = 37, d = 32;
        const std::vector<float> x = tensor(H * L * d, 0.3);
        std::vector<float> y(x.size());
        cuda::rope_apply_heads(x.data(), y.data(), H, L, d, 999990.0, o);  // crosses the fast sin/cos range
        const RopeFrequencies f = rope_frequencies(d, o);
        for (std::int64_t h = 0; h < H; ++h)
          for (std::int64_t i = 0; i < L; ++i) {
            const Eigen::Map<const Eigen::RowVectorXf> xi(x.data() + (h * L + i) * d, d);
            const Eigen::RowVectorXf want = rope_apply(xi, 999990.0 + i, o);
            const double scale = xi.cwiseAbs().maxCoeff();
            for (std::int64_t c = 0; c < d; ++c) {
              INFO("head " << h << ", position " << i << ", dim " << c);
              const double bound = c < f.rotary_dim ? 10.0 * ulp * scale : 0.0;
              REQUIRE(std::abs(y[static_cast<std::size_t>((h * L + i) * d + c)] - want[c]) <= bound);
            }
          }
      }
}

TEST_CASE("cuda attention == CPU attention_reference: none, alibi, t5, rope; causal and full") {
  REQUIRE_DEVICE();
  for (auto scheme : {AttentionScheme::none, AttentionScheme::alibi, AttentionScheme::t5, AttentionScheme::rope})
    for (bool causal : {false, true})
      for (std::int64_t d : {32, 64}) {
        const std::int64_t H = 3, L = 150;  // not a multiple of the 64-query or 32-key tiles
        const AttentionConfig c = seeded_attention_config(scheme, H, d, causal, 7);
        const HeadMatrices q = heads_of(H, L, d, 0.11), k = heads_of(H, L, d, 0.23), v = heads_of(H, L, d, 0.37);
        const AttentionResult want = attention_reference(q, k, v, c);
        const HeadMatrices got = cuda::attention(q, k, v, c);
        for (std::int64_t h = 0; h < H; ++h)
          for (std::int64_t i = 0; i < L; ++i)
            for (std::int64_t t = 0; t < d; ++t) {
              const double w = want.output[h](i, t), g = got[h](i, t);
              INFO(attention_scheme_name(scheme) << (causal ? " causal" : " full") << ", d " << d << ", head " << h
                                                 << ", query " << i << ", dim " << t << ": got " << g << ", want "
                                                 << w);
              REQUIRE(std::abs(g - w) <= 2e-5 * (1.0 + std::abs(w)));
            }
      }
}

TEST_CASE("cuda bad input: the core's errors, and the backend's own limits") {
  // Validation runs before any device call, so these hold without a device too.
  const HeadMatrices q = heads_of(1, 4, 24, 0.1);
  const AttentionConfig none;
  bool thrown = false;
  try {
    cuda::attention(q, q, q, none);
  } catch (const Error& e) {
    thrown = true;
    CHECK(e.arg() == "q");  // d = 24 is not compiled
  }
  CHECK(thrown);
  thrown = false;
  try {
    cuda::rope_apply_heads(nullptr, nullptr, 1, 1, 8, 0.0);
  } catch (const Error& e) {
    thrown = true;
    CHECK(e.arg() == "x");
  }
  CHECK(thrown);
}

int main(int argc, char** argv) {
  const cuda::DeviceStatus s = cuda::device_status();
  g_have_device = s.available;
  if (!s.available)
    std::printf("SKIP: %s (the GPU comparisons are skipped; the argument checks still run)\n", s.message.c_str());
  else
    std::printf("CUDA device: %s\n", s.message.c_str());
  doctest::Context context(argc, argv);
  return context.run();
}
