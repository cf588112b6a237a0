// No NaN or Inf for any accepted input (issue 9): every public entry point called
// at the edges of what it accepts (largest position, base just above 1 and 1e12,
// largest RoPE factor, yarn and llama3 parameters at their range ends, FIRE and
// ALiBi at extreme heads and positions, conv at its largest kernel and depth, T5 at
// its largest distance, attention at offset kMaxPosition with large inputs), with
// small L and D so it runs fast. Every output must be finite, except the NaN
// markers the API documents (masked attention scores; the cosine of a zero vector).
// The libFuzzer harnesses (cpp/fuzz/) cover random inputs; these are deliberate.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "attention_support.hpp"
#include "support.hpp"
#include "posenc/alibi.hpp"
#include "posenc/attention.hpp"
#include "posenc/conv.hpp"
#include "posenc/embed.hpp"
#include "posenc/encode.hpp"
#include "posenc/fire.hpp"
#include "posenc/limits.hpp"
#include "posenc/metrics.hpp"
#include "posenc/rope.hpp"
#include "posenc/similarity.hpp"
#include "posenc/sinusoidal.hpp"
#include "posenc/t5.hpp"

using namespace posenc;

namespace {

constexpr double kMaxPos = static_cast<double>(kMaxPosition);
const double kJustAboveOne = std::nextafter(1.0, 2.0);
constexpr double kTiny = std::numeric_limits<double>::denorm_min();

// Every entry finite; names the first one that is not.
template <class M>
void check_finite(const M& m, const char* what) {
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    if (!std::isfinite(static_cast<double>(m.data()[i]))) {
      INFO(std::string(what) << ": entry " << i << " of " << m.size() << " is " << static_cast<double>(m.data()[i]));
      REQUIRE(std::isfinite(static_cast<double>(m.data()[i])));
    }
  }
}

void check_finite(const std::vector<double>& v, const char* what) {
  check_finite(Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())), what);
}

void check_finite(const HeadMatrices& hs, const char* what) {
  for (const Matrix& m : hs) check_finite(m, what);
}

// The largest float at most FLT_MAX / sqrt(2), what rope_apply accepts.
float largest_rotatable() {
  const double edge = static_cast<double>(FLT_MAX) / std::sqrt(2.0);
  float f = static_cast<float>(edge);
  return f > edge ? std::nextafter(f, 0.0f) : f;
}

// RoPE options at the ends of every range rope.hpp documents.
std::vector<RopeOptions> extreme_rope_options() {
  std::vector<RopeOptions> out;
  for (RopeScaling s : {RopeScaling::unscaled, RopeScaling::linear, RopeScaling::ntk, RopeScaling::dynamic,
                        RopeScaling::yarn, RopeScaling::llama3})
    for (double base : {kJustAboveOne, 10000.0, 1e12})
      for (double factor : {1.0, kMaxRopeFactor})
        for (std::int64_t M : {std::int64_t{1}, kMaxPosition}) {
          RopeOptions o;
          o.scaling = s, o.base = base, o.factor = factor, o.original_max_length = M;
          o.seq_len = kMaxPosition;
          out.push_back(o);
          if (s == RopeScaling::yarn) {
            for (auto [fast, slow] : {std::pair{1e6, kTiny}, std::pair{2 * kTiny, kTiny}, std::pair{1e6, 999999.0}}) {
              o.beta_fast = fast, o.beta_slow = slow;
              out.push_back(o);
            }
          }
          if (s == RopeScaling::llama3) {
            for (auto [low, high] : {std::pair{kTiny, 1e6}, std::pair{kTiny, 2 * kTiny}, std::pair{999999.0, 1e6}}) {
              o.low_freq_factor = low, o.high_freq_factor = high;
              out.push_back(o);
            }
          }
        }
  return out;
}

}  // namespace

TEST_CASE("finite edges: sinusoid at kMaxPosition, base just above 1 and 1e12, every layout, odd D") {
  for (SinusoidLayout layout : {SinusoidLayout::interleaved, SinusoidLayout::concat})
    for (Spacing spacing : {Spacing::paper, Spacing::endpoint})
      for (double base : {kJustAboveOne, 1e12})
        for (std::int64_t dim : {1, 2, 7}) {
          const SinusoidalOptions o{layout, base, spacing};
          for (double p : {0.0, kTiny, 1e7 + 0.5, kMaxPos}) {
            check_finite(sinusoidal_row(p, dim, o), "sinusoidal_row");
            check_finite(sinusoidal_row_reference(p, dim, o), "sinusoidal_row_reference");
          }
          check_finite(sinusoidal_encoding(4, dim, o), "sinusoidal_encoding");
        }
}

TEST_CASE("finite edges: every absolute scheme at L = 1, 2 and D = 1, through encode, metrics, similarity, embed") {
  for (Scheme scheme : absolute_schemes())
    for (std::int64_t length : {1, 2})
      for (std::int64_t dim : {1, 3}) {
        EncodeOptions e;
        e.scheme = scheme, e.length = length, e.dim = dim, e.seed = kMaxSeed;
        e.sinusoid.base = 1e12;
        INFO("scheme " << scheme_name(scheme) << ", L " << length << ", D " << dim);
        check_finite(encode(e), "encode");
        for (double s : {kMinWordScale, 1e6}) {
          EmbedOptions eo{e, s, static_cast<std::uint64_t>(kMaxSeed)};
          const Embedding em = embed(eo);
          check_finite(em.word, "embed word"), check_finite(em.sum, "embed sum");
          check_finite(em.norm_ratio, "embed norm_ratio");
          // cosine(e_i, w_i) is NaN only where e_i or w_i is the zero vector (documented).
          for (Eigen::Index i = 0; i < em.cosine.size(); ++i)
            CHECK((std::isfinite(em.cosine[i]) || em.sum.row(i).norm() == 0.0f || em.word.row(i).norm() == 0.0f));
          if (length < 2) continue;
          const Metrics m = measure({e, s});
          for (double v : {m.min_distance, m.consistency, m.order_spread, m.max_abs, m.norm_ratio, m.max_abs_beyond})
            CHECK(std::isfinite(v));
        }
        if (length < 2) continue;
        for (SimilarityMeasure measure : {SimilarityMeasure::dot, SimilarityMeasure::cosine}) {
          const Similarity s = similarity({e, measure});
          const Matrix p = encode(e);
          for (Eigen::Index i = 0; i < s.matrix.rows(); ++i)
            for (Eigen::Index j = 0; j < s.matrix.cols(); ++j) {
              const bool undefined =
                  measure == SimilarityMeasure::cosine && (p.row(i).norm() == 0.0f || p.row(j).norm() == 0.0f);
              CHECK((std::isfinite(s.matrix(i, j)) || undefined));
            }
        }
      }
  // Below kMinWordScale float32 words underflow to 0 (||p|| / ||w|| was NaN or Inf):
  // rejected.
  EncodeOptions none;
  none.scheme = Scheme::none, none.length = 2, none.dim = 1;
  test::check_error([&] { embed({none, kMinWordScale / 2}); }, "word_scale");
  test::check_error([&] { measure({none, kTiny}); }, "word_scale");
  // The largest metrics length with the unbounded naive scheme.
  EncodeOptions e;
  e.scheme = Scheme::index, e.length = kMaxMetricsLength, e.dim = 2;
  const Metrics m = measure({e, kMinWordScale});
  for (double v : {m.min_distance, m.consistency, m.order_spread, m.max_abs, m.norm_ratio, m.max_abs_beyond})
    CHECK(std::isfinite(v));
}

TEST_CASE("finite edges: RoPE frequencies, tables and rotations at every scaling's range ends") {
  const float big = FLT_MAX;
  for (const RopeOptions& base_opts : extreme_rope_options())
    for (RopePairing pairing : {RopePairing::half, RopePairing::interleaved})
      for (std::int64_t dim : {4, 6}) {
        RopeOptions o = base_opts;
        o.pairing = pairing;
        INFO("scaling " << scaling_name(o.scaling) << ", base " << o.base << ", factor " << o.factor << ", M "
                        << o.original_max_length << ", beta " << o.beta_fast << "/" << o.beta_slow << ", llama3 "
                        << o.low_freq_factor << "/" << o.high_freq_factor << ", d " << dim);
        const RopeFrequencies f = rope_frequencies(dim, o);
        check_finite(f.inv_freq, "inv_freq");
        CHECK(std::isfinite(f.attention_factor));
        for (double start : {-kMaxPos, 0.0, kMaxPos - 1}) {
          const RopeTables t = rope_cos_sin(dim, start, 2, o);
          check_finite(t.cos, "cos"), check_finite(t.sin, "sin");
        }
        // The largest accepted entries: a rotated pair keeps its norm, so entries up
        // to FLT_MAX / sqrt(2) stay finite whatever the angle.
        Eigen::RowVectorXf x = Eigen::RowVectorXf::Constant(dim, largest_rotatable());
        x[1] = -x[1];
        for (double p : {-kMaxPos, 1e7, kMaxPos}) check_finite(rope_apply(x, p, o), "rope_apply");
        const Matrix rows = x.replicate(2, 1);
        check_finite(rope_apply_rows(rows, kMaxPos - 1, o), "rope_apply_rows");
        std::vector<float> y(static_cast<std::size_t>(2 * dim));
        rope_apply_heads(rows.data(), y.data(), 1, 2, dim, kMaxPos - 1, o);
        check_finite(Eigen::Map<const Eigen::VectorXf>(y.data(), 2 * dim), "rope_apply_heads");
      }
  // One step past FLT_MAX / sqrt(2) a pair turned by pi/4 would reach Inf: rejected.
  Eigen::RowVectorXf past = Eigen::RowVectorXf::Constant(2, std::nextafter(largest_rotatable(), big));
  test::check_error([&] { rope_apply(past, 0.7853981633974483, RopeOptions{}); }, "x");
  test::check_error([&] { rope_apply_rows(Matrix(past), 0.0, RopeOptions{}); }, "x");
  for (double base : {kJustAboveOne, 1e12}) {
    CHECK(std::isfinite(rope_decay_bound(kMaxPos, 2, base)));
    CHECK(std::isfinite(rope_decay_bound(-kMaxPos, kMaxDim, base)));
    const RopeDecayCurve c = rope_decay_curve(kMaxPosition, kMaxPosition / 4, 64, base);
    check_finite(c.bound, "rope_decay_curve");
  }
}

TEST_CASE("finite edges: ALiBi at 1024 heads, FIRE at extreme c, threshold and eps, T5 at its largest distance") {
  for (std::int64_t heads : {std::int64_t{1}, std::int64_t{3}, kMaxHeads}) {
    check_finite(alibi_slopes(heads), "alibi_slopes");
    for (bool symmetric : {false, true}) {
      const HeadMatrices b = alibi_bias(heads, 3, symmetric);
      for (const Matrix& m : b)  // NaN marks the causal form's masked entries j > i only
        for (Eigen::Index i = 0; i < m.rows(); ++i)
          for (Eigen::Index j = 0; j <= (symmetric ? m.cols() - 1 : i); ++j) CHECK(std::isfinite(m(i, j)));
    }
  }
  // fire_input and fire_bias are NaN at the masked j > i only (fire.hpp).
  for (double c : {kTiny, 1e-3, 1e6})
    for (double threshold : {1.0, kMaxPos})
      for (double eps : {0.0, 1.0}) {
        const FireOptions o{c, threshold, eps};
        INFO("c " << c << ", threshold " << threshold << ", eps " << eps);
        const Matrix in = fire_input(4, o);
        for (Eigen::Index i = 0; i < in.rows(); ++i)
          for (Eigen::Index j = 0; j <= i; ++j) CHECK(std::isfinite(in(i, j)));
        for (std::int64_t heads : {std::int64_t{1}, kMaxHeads}) {
          const HeadMatrices b = fire_bias(3, heads, kMaxSeed, o, heads == 1 ? kMaxFireHidden : 2);
          for (const Matrix& m : b)
            for (Eigen::Index i = 0; i < m.rows(); ++i)
              for (Eigen::Index j = 0; j <= i; ++j) CHECK(std::isfinite(m(i, j)));
        }
      }
  for (bool causal : {false, true})
    for (std::int64_t buckets : {causal ? std::int64_t{2} : std::int64_t{4}, kMaxBuckets})
      for (std::int64_t max_distance : {std::int64_t{-1}, kMaxPosition}) {
        T5Options o;
        o.causal = causal, o.num_buckets = buckets;
        o.max_distance = max_distance < 0 ? t5_max_exact(o) + 1 : max_distance;
        INFO("causal " << causal << ", buckets " << buckets << ", max_distance " << o.max_distance);
        for (std::int64_t r : std::vector<std::int64_t>{-kMaxPosition, -o.max_distance, -1, 0, 1, o.max_distance, kMaxPosition}) {
          const std::int64_t b = t5_bucket(r, o);
          CHECK(b >= 0);
          CHECK(b < buckets);
        }
      }
}

TEST_CASE("finite edges: conv at the largest kernel and depth: finite, or a \"layers\" error") {
  // Seeded taps N(0, 2/K) grow a constant input by |1 + sum_t w_t| per layer: at
  // K = 1023 the 256 layers accepted overflow float32 (at layer 71 for this seed),
  // which must be reported, not returned as Inf or NaN.
  for (ConvContent content : {ConvContent::word, ConvContent::ones})
    for (std::int64_t layers : {std::int64_t{8}, kMaxConvLayers}) {
      ConvDemoOptions o;
      o.length = 4, o.dim = 2, o.kernel = kMaxConvKernel, o.layers = layers, o.seed = kMaxSeed;
      o.content = content;
      INFO("layers " << layers);
      if (layers == kMaxConvLayers) {
        test::check_error([&] { conv_demo(o); }, "layers");
        continue;
      }
      const ConvDemo d = conv_demo(o);
      check_finite(d.output, "conv output"), check_finite(d.signal, "conv signal");
      check_finite(d.interior, "conv interior"), check_finite(d.distance, "conv distance");
    }
  // Taps so large that one layer overflows: the error, and the module still usable.
  ConvWeights w = conv_weights(2, 3, 1);
  w.weight.setConstant(1e30f);
  const Matrix x = Matrix::Constant(3, 2, 1e10f);
  test::check_error([&] { conv_apply(x, w, 1); }, "layers");
  check_finite(conv_apply(x, conv_weights(2, 3, 1), 1), "conv_apply after an error");
}

TEST_CASE("finite edges: attention at offset kMaxPosition, large inputs, scale 1e6, every scheme") {
  const std::int64_t L = 4, d = 4;
  for (AttentionScheme scheme : test::all_attention_schemes())
    for (bool causal : {false, true})
      for (float magnitude : {1.0f, 1e6f, static_cast<float>(kMaxAttentionInput) / 8})
        for (double scale : {0.0, 1e6}) {
          AttentionConfig c = seeded_attention_config(scheme, 2, d, causal, 5);
          c.query_start = c.key_start = kMaxPosition - (L - 1);
          c.scale = scale;
          if (scheme == AttentionScheme::t5) c.t5.max_distance = kMaxPosition;
          const HeadMatrices q = test::random_heads(2, L, d, 1, magnitude), k = test::random_heads(2, L, d, 2, magnitude),
                             v = test::random_heads(2, L, d, 3, magnitude);
          INFO("scheme " << attention_scheme_name(scheme) << ", causal " << causal << ", |x| ~ " << magnitude
                         << ", scale " << scale);
          const AttentionRequest all{true, true};
          for (const AttentionResult& r : {attention(q, k, v, c, all), attention_reference(q, k, v, c, all)}) {
            check_finite(r.output, "output");
            check_finite(r.weights, "weights");
            for (const Matrix& s : r.scores)  // NaN marks the masked (future) logits only
              for (Eigen::Index i = 0; i < L; ++i)
                for (Eigen::Index j = 0; j < L; ++j) CHECK((std::isfinite(s(i, j)) || (causal && j > i)));
          }
        }
  // Past kMaxAttentionInput the float32 logits could overflow (at 1e18, scale 1e6
  // they did, and the softmax gave NaN): rejected, naming the tensor.
  AttentionConfig c;
  c.scale = 1e6;
  const HeadMatrices ok = test::random_heads(1, L, d, 1), huge = test::random_heads(1, L, d, 1, 1e18f);
  test::check_error([&] { attention(huge, ok, ok, c); }, "q");
  test::check_error([&] { attention_reference(ok, huge, ok, c); }, "k");
  test::check_error([&] { attention(ok, ok, huge, c); }, "v");
  check_finite(attention(ok, ok, ok, c).output, "attention after an error");
  // Learned bias tables as large as float32 allows: biases of 3.4e38 still give a softmax.
  for (AttentionScheme scheme : {AttentionScheme::t5, AttentionScheme::relative_bias})
    for (bool causal : {false, true}) {
      AttentionConfig t = seeded_attention_config(scheme, 1, d, causal, 5);
      Matrix& table = scheme == AttentionScheme::t5 ? t.t5_table : t.bias_table;
      for (Eigen::Index i = 0; i < table.size(); ++i) table.data()[i] = i % 2 == 0 ? FLT_MAX : -FLT_MAX;
      INFO("scheme " << attention_scheme_name(scheme) << ", causal " << causal);
      for (const AttentionResult& r : {attention(ok, ok, ok, t, {true, false}), attention_reference(ok, ok, ok, t, {true, false})}) {
        check_finite(r.output, "output");
        check_finite(r.weights, "weights");
      }
    }
}
