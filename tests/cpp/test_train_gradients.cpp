// Gradient checks of the lab's Transformer (posenc/train): every layer's backward
// and the whole model's, under every position scheme, against central finite
// differences in double.
//
// Each check takes a scalar loss L = sum_k out_k r_k (r fixed random weights) or
// the model's cross-entropy, perturbs one input or parameter by +-h (h = 1e-6) and
// compares (L(+h) - L(-h)) / 2h with the analytic gradient:
//   |analytic - numeric| <= 1e-6 + 1e-5 |numeric|
// (central differences in double are accurate to ~1e-9 here; the tolerance leaves
// room for the sizes of the sums, and catches any wrong term, which is O(1)).
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/train/attention.hpp"
#include "posenc/train/layers.hpp"
#include "posenc/train/model.hpp"
#include "posenc/train/positions.hpp"
#include "posenc/train/tasks.hpp"

namespace {

using posenc::Rng;
using namespace posenc::train;
using Vec = std::vector<double>;

Vec random_vec(Index n, std::uint64_t seed, double lo = -1, double hi = 1) {
  Rng rng(seed);
  Vec v(static_cast<std::size_t>(n));
  for (auto& x : v) x = lo + (hi - lo) * rng.uniform01();
  return v;
}

double dot(const Vec& a, const Vec& b) {
  double s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
  return s;
}

// Checks `analytic` (the gradient of loss() with respect to x) by central
// differences on every entry of x; reports the first mismatches.
void check_gradient(const std::string& what, Vec& x, const Vec& analytic, const std::function<double()>& loss) {
  REQUIRE(analytic.size() == x.size());
  const double h = 1e-6;
  int bad = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double keep = x[k];
    x[k] = keep + h;
    const double up = loss();
    x[k] = keep - h;
    const double down = loss();
    x[k] = keep;
    const double numeric = (up - down) / (2 * h);
    if (std::fabs(analytic[k] - numeric) > 1e-6 + 1e-5 * std::fabs(numeric) && ++bad <= 5)
      FAIL_CHECK(what << "[" << k << "]: analytic " << analytic[k] << ", numeric " << numeric);
  }
  CHECK_MESSAGE(bad == 0, what << ": " << bad << " of " << x.size() << " entries differ");
}

}  // namespace

TEST_CASE("train layers: LayerNorm backward matches finite differences") {
  const Index rows = 3, dim = 5;
  Vec x = random_vec(rows * dim, 1, -2, 2), gamma = random_vec(dim, 2, 0.5, 1.5), beta = random_vec(dim, 3);
  const Vec r = random_vec(rows * dim, 4);
  Vec y(x.size()), mean(rows), rstd(rows);
  auto loss = [&] {
    layernorm_forward(x.data(), gamma.data(), beta.data(), y.data(), mean.data(), rstd.data(), rows, dim);
    return dot(y, r);
  };
  loss();
  Vec dx(x.size()), dgamma(dim), dbeta(dim);
  layernorm_backward(r.data(), x.data(), gamma.data(), mean.data(), rstd.data(), dx.data(), dgamma.data(),
                     dbeta.data(), rows, dim);
  check_gradient("layernorm dx", x, dx, loss);
  check_gradient("layernorm dgamma", gamma, dgamma, loss);
  check_gradient("layernorm dbeta", beta, dbeta, loss);
}

TEST_CASE("train layers: linear and ReLU backward match finite differences") {
  const Index rows = 4, in = 3, out = 5;
  Vec x = random_vec(rows * in, 5), w = random_vec(in * out, 6), b = random_vec(out, 7);
  const Vec r = random_vec(rows * out, 8);
  Vec y(static_cast<std::size_t>(rows * out)), scratch(64);
  auto loss = [&] {
    linear_forward(x.data(), w.data(), b.data(), y.data(), rows, in, out);
    relu_forward(y.data(), rows * out);
    return dot(y, r);
  };
  loss();
  Vec dy = r, dx(x.size()), dw(w.size()), db(b.size());
  relu_backward(y.data(), dy.data(), rows * out);
  linear_backward(dy.data(), x.data(), w.data(), dx.data(), dw.data(), db.data(), rows, in, out, scratch.data());
  check_gradient("linear dx", x, dx, loss);
  check_gradient("linear dw", w, dw, loss);
  check_gradient("linear db", b, db, loss);
}

TEST_CASE("train layers: cross-entropy gradient is softmax minus one-hot, and matches finite differences") {
  const Index rows = 3, classes = 4;
  Vec z = random_vec(rows * classes, 9, -3, 3);
  const std::vector<std::int32_t> target = {2, 0, 3};
  Vec dz(z.size());
  Index correct = 0;
  auto loss = [&] {
    Vec tmp(z.size());
    Index c = 0;
    return cross_entropy(z.data(), target.data(), tmp.data(), rows, classes, 0.5, &c);
  };
  cross_entropy(z.data(), target.data(), dz.data(), rows, classes, 0.5, &correct);
  check_gradient("cross-entropy dz", z, dz, loss);
  // The loss itself, by hand: 0.5 sum_t (log sum_c e^z_tc - z_t,target).
  double want = 0;
  for (Index t = 0; t < rows; ++t) {
    double s = 0;
    for (Index c = 0; c < classes; ++c) s += std::exp(z[t * classes + c]);
    want += 0.5 * (std::log(s) - z[t * classes + target[t]]);
  }
  CHECK(loss() == doctest::Approx(want).epsilon(1e-12));
}

TEST_CASE("train layers: causal attention with a bias, and RoPE, match finite differences") {
  const Index rows = 4, heads = 2, d = 4, D = heads * d;
  Vec qkv = random_vec(rows * 3 * D, 10), bias = random_vec(heads * rows * rows, 11);
  const Vec r = random_vec(rows * D, 12);
  Vec cos(rows * d / 2), sin(rows * d / 2);
  rope_tables(rows, d, cos.data(), sin.data());
  Vec probs(heads * rows * rows), out(rows * D), scratch(2 * rows * rows + d * rows);
  for (bool rope : {false, true}) {
    CAPTURE(rope);
    auto loss = [&] {
      Vec x = qkv;
      if (rope) rope_forward(x.data(), rows, heads, d, cos.data(), sin.data());
      attention_forward(x.data(), rows, heads, d, bias.data(), rows, probs.data(), out.data(), scratch.data());
      return dot(out, r);
    };
    loss();
    Vec rotated = qkv;
    if (rope) rope_forward(rotated.data(), rows, heads, d, cos.data(), sin.data());
    Vec dqkv(qkv.size()), dbias(bias.size());
    attention_backward(r.data(), rotated.data(), probs.data(), rows, heads, d, dqkv.data(), dbias.data(), rows,
                       scratch.data());
    if (rope) rope_backward(dqkv.data(), rows, heads, d, cos.data(), sin.data());
    check_gradient("attention dqkv", qkv, dqkv, loss);
    // The bias's future half (j > i) is masked: no gradient, and no effect.
    check_gradient("attention dbias", bias, dbias, loss);
    for (Index h = 0; h < heads; ++h)
      for (Index i = 0; i < rows; ++i)
        for (Index j = i + 1; j < rows; ++j) CHECK(dbias[(h * rows + i) * rows + j] == 0.0);
  }
  // The causal mask: query 0's output is v_0, whatever the other keys hold.
  attention_forward(qkv.data(), rows, heads, d, static_cast<const double*>(nullptr), rows, probs.data(), out.data(),
                    scratch.data());
  for (Index c = 0; c < D; ++c) CHECK(out[c] == doctest::Approx(qkv[2 * D + c]).epsilon(1e-14));
}

TEST_CASE("train layers: t5 and fire bias tables backward match finite differences") {
  const Index rows = 5, heads = 2, buckets = 8, hidden = 6;
  const Vec r = random_vec(heads * rows * rows, 13);
  auto masked_dot = [&](const Vec& bias) {
    double s = 0;
    for (Index h = 0; h < heads; ++h)
      for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j <= i; ++j) s += bias[(h * rows + i) * rows + j] * r[(h * rows + i) * rows + j];
    return s;
  };
  Vec bias(heads * rows * rows);
  SUBCASE("t5") {
    std::vector<Index> bucket(rows * rows);
    t5_bucket_table(rows, buckets, 16, bucket.data());
    Vec table = random_vec(heads * buckets, 14);
    auto loss = [&] {
      t5_bias_forward(table.data(), bucket.data(), buckets, heads, rows, bias.data());
      return masked_dot(bias);
    };
    Vec dtable(table.size());
    t5_bias_backward(r.data(), bucket.data(), buckets, heads, rows, dtable.data());
    check_gradient("t5 dtable", table, dtable, loss);
  }
  SUBCASE("fire") {
    Vec w1 = random_vec(hidden, 15), b1 = random_vec(hidden, 16), w2 = random_vec(heads * hidden, 17),
        b2 = random_vec(heads, 18);
    auto weights = [&] { return FireWeights<double>{w1.data(), b1.data(), w2.data(), b2.data()}; };
    auto loss = [&] {
      fire_bias_forward(weights(), hidden, heads, rows, 0.1, 2.0, bias.data());
      return masked_dot(bias);
    };
    Vec dw1(hidden), db1(hidden), dw2(heads * hidden), db2(heads);
    fire_bias_backward(weights(), hidden, heads, rows, 0.1, 2.0, r.data(), dw1.data(), db1.data(), dw2.data(),
                       db2.data());
    check_gradient("fire dw1", w1, dw1, loss);
    check_gradient("fire db1", b1, db1, loss);
    check_gradient("fire dw2", w2, dw2, loss);
    check_gradient("fire db2", b2, db2, loss);
  }
}

TEST_CASE("train model: the whole model's gradient matches finite differences under every scheme") {
  for (Scheme scheme : {Scheme::none, Scheme::learned, Scheme::sinusoidal, Scheme::rope, Scheme::alibi, Scheme::t5,
                        Scheme::fire}) {
    CAPTURE(scheme_name(scheme));
    ModelShape s;
    s.scheme = scheme;
    s.vocab = 4;
    s.layers = 2;
    s.dim = 4;
    s.heads = 2;
    s.table_rows = 6;
    s.t5_buckets = 6;
    s.t5_max_distance = 8;
    s.fire_hidden = 4;
    s.fire_threshold = 2;
    Model<double> m(s);
    Rng init(3);
    m.init(init);
    // Give the zero-initialized tables and biases values, so their gradients are generic.
    auto& p = m.params();
    Rng jitter(4);
    for (auto& v : p) v += 0.1 * (2.0 * jitter.uniform01() - 1.0);
    Rng data(5);
    const std::vector<Example> batch = {make_example(Task::copy, 3, 4, data), make_example(Task::reverse, 2, 4, data)};
    auto loss = [&] {
      m.prepare(6);
      double total = 0;
      for (const auto& e : batch) total += m.run(e, 0.25, /*backward=*/false, nullptr);
      return total;
    };
    std::fill(m.grads().begin(), m.grads().end(), 0.0);
    m.prepare(6);
    for (const auto& e : batch) m.run(e, 0.25, /*backward=*/true, nullptr);
    m.finish_backward();
    const Vec analytic = m.grads();
    check_gradient("model parameters", p, analytic, loss);
  }
}
