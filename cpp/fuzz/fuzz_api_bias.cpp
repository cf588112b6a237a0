// The relative schemes and the bias makers: relative distances and Shaw indices
// and tables, T5 buckets (each in [0, num_buckets)), ALiBi slopes and biases, FIRE
// weights, inputs and biases, and the conv positional encoding. Masked entries
// (j > i: ALiBi causal, FIRE) are NaN by contract; every other value is finite.
#include "fuzz_api.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_draw.hpp"
#include "posenc/alibi.hpp"
#include "posenc/conv.hpp"
#include "posenc/fire.hpp"
#include "posenc/relative.hpp"
#include "posenc/t5.hpp"

namespace posenc::fuzz {

namespace {

// Finite for j <= i (or everywhere), NaN above the diagonal when causal.
void causal_bias(const HeadMatrices& bias, bool causal, const char* what) {
  for (const Matrix& m : bias)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      for (Eigen::Index j = 0; j < m.cols(); ++j) {
        if (causal && j > i) {
          if (!std::isnan(m(i, j))) fail(std::string(what) + ": a masked entry (j > i) is not NaN");
        } else {
          finite_value(m(i, j), what, i, j);
        }
      }
}

void fuzz_t5(FuzzInput& in) {
  const T5Options o = draw_t5(in);
  const std::int64_t r = in.any_int();
  std::vector<std::int64_t> list(in.pick(6));
  for (auto& x : list) x = in.any_int();
  const std::int64_t length = in.size(1, kSmallLength, kMaxLength);
  if (!in.may_run()) return;
  auto in_range = [&](std::int64_t b) {
    if (b < 0 || b >= o.num_buckets) fail("t5_bucket: bucket " + std::to_string(b) + " outside [0, num_buckets)");
  };
  guarded("t5_max_exact", [&] { t5_max_exact(o); });
  guarded("t5_bucket", [&] { in_range(t5_bucket(r, o)); });
  guarded("t5_buckets", [&] {
    for (std::int64_t b : t5_buckets(list, o)) in_range(b);
  });
  guarded("t5_bucket_matrix", [&] {
    const IMatrix m = t5_bucket_matrix(length, o);
    for (Eigen::Index k = 0; k < m.size(); ++k) in_range(m.data()[k]);
  });
}

void fuzz_relative_parts(FuzzInput& in) {
  const Size length = in.size(1, kSmallLength, kMaxLength);
  const Size clip = in.size(0, kSmallLength, kMaxLength);
  const Size dim = in.size(1, kSmallDim, kMaxDim);
  const std::uint64_t seed = draw_seed(in);
  const float std = in.flag() ? 0.02f : static_cast<float>(in.real(0.0, 10.0));
  const std::int64_t i = in.any_int(), j = in.any_int();
  if (!in.may_run()) return;
  if (may_run_with({length})) guarded("relative_distances", [&] { relative_distances(length); });
  if (may_run_with({length, clip})) {
    guarded("relative_indices", [&] {
      const IMatrix m = relative_indices(length, clip);
      for (Eigen::Index k = 0; k < m.size(); ++k)
        if (m.data()[k] < 0 || m.data()[k] > 2 * clip) fail("relative_indices: index outside 0..2k");
    });
    guarded("relative_indices", [&] { relative_indices(length); });
    guarded("relative_unique_count", [&] { relative_unique_count(length, clip); });
  }
  if (!may_run_with({clip, dim})) return;
  guarded("ShawTables", [&] {
    const ShawTables t(clip, dim, seed, std);
    finite(t.keys(), "ShawTables keys");
    finite(t.values(), "ShawTables values");
    guarded("ShawTables::key", [&] { finite(t.key(i, j), "ShawTables::key"); });
    guarded("ShawTables::value", [&] { finite(t.value(i, j), "ShawTables::value"); });
  });
}

void fuzz_alibi(FuzzInput& in) {
  const std::int64_t heads = in.size(1, kSmallHeads, kMaxHeads);
  const std::int64_t length = in.size(1, kSmallLength, kMaxLength);
  const bool symmetric = in.flag();
  if (!in.may_run()) return;
  guarded("alibi_slopes", [&] {
    for (double m : alibi_slopes(heads))
      if (!(m > 0 && std::isfinite(m))) fail("alibi_slopes: a slope that is not finite and positive");
  });
  guarded("alibi_bias", [&] { causal_bias(alibi_bias(heads, length, symmetric), !symmetric, "alibi_bias"); });
}

void fuzz_fire(FuzzInput& in) {
  const Size length = in.size(1, kSmallLength, kMaxLength);
  const Size heads = in.size(1, kSmallHeads, kMaxHeads);
  const Size hidden = in.size(1, 32, kMaxFireHidden);
  const std::uint64_t seed = draw_seed(in);
  FireOptions o;
  if (in.flag()) {
    o.c = in.real(0.0, 1e6);
    o.threshold = in.real(1.0, 1e12);
    o.eps = in.real(0.0, 1.0);
  }
  const bool tamper = in.flag();
  const double poke = in.real(-10.0, 10.0);
  const std::size_t where = in.pick(4);
  if (!in.may_run()) return;
  if (may_run_with({length})) guarded("fire_input", [&] { causal_bias({fire_input(length, o)}, true, "fire_input"); });
  if (!may_run_with({heads, hidden})) return;  // fire_weights; fire_bias takes length too
  guarded("fire_bias", [&] { causal_bias(fire_bias(length, heads, seed, o, hidden), true, "fire_bias"); });
  guarded("fire_weights", [&] {
    FireWeights w = fire_weights(heads, hidden, seed);
    if (tamper) {  // a weight set off by one value or one shape
      switch (where) {
        case 0: w.w1[0] = static_cast<float>(poke); break;
        case 1: w.b1.conservativeResize(w.b1.size() + 1); w.b1.tail(1).setZero(); break;
        case 2: w.w2(0, 0) = static_cast<float>(poke); break;
        default: w.b2.resize(0); break;
      }
    }
    guarded("check_fire_weights", [&] { check_fire_weights(w); });
    guarded("fire_bias(weights)", [&] { causal_bias(fire_bias(length, w, o), true, "fire_bias(weights)"); });
  });
}

void fuzz_conv(FuzzInput& in) {
  ConvDemoOptions o;
  const Size length = in.size(1, kSmallLength, kMaxLength), dim = in.size(1, 16, kMaxDim),
             kernel = in.size(1, 9, kMaxConvKernel), layers = in.size(1, 8, kMaxConvLayers);
  o.length = length;
  o.dim = dim;
  o.kernel = kernel;
  o.layers = layers;
  o.seed = draw_seed(in);
  o.content = in.flag() ? ConvContent::word : ConvContent::ones;
  const double poke = in.real(-4.0, 4.0);
  const bool tamper = in.flag();
  if (!in.may_run()) return;
  guarded("conv_demo", [&] {
    const ConvDemo d = conv_demo(o);
    finite(d.output, "conv_demo output");
    finite(d.signal, "conv_demo signal");
    finite(d.distance, "conv_demo distance");
  });
  if (!may_run_with({dim, kernel})) return;  // conv_weights (conv_apply: x is kept small, layers cheap)
  guarded("conv_weights", [&] {
    const ConvWeights w = conv_weights(o.dim, o.kernel, o.seed);
    Matrix x = Matrix::Constant(buildable(o.length, kSmallLength), buildable(o.dim, 16), 0.5f);
    if (tamper && x.size() > 0) x(0, 0) = static_cast<float>(poke);
    guarded("conv_apply", [&] { finite(conv_apply(x, w, o.layers), "conv_apply"); });
  });
}

}  // namespace

void fuzz_relative(FuzzInput& in) {
  switch (in.pick(3)) {
    case 0: fuzz_t5(in); break;
    case 1: fuzz_relative_parts(in); break;
    default: fuzz_alibi(in); break;
  }
}

void fuzz_bias(FuzzInput& in) {
  if (in.flag()) fuzz_fire(in);
  else fuzz_conv(in);
}

}  // namespace posenc::fuzz
