// The lab's training run (posenc/train): AdamW against its formula, the tasks'
// structure, the attention layer against the core's reference attention, loss
// going down, determinism, learned APE beyond its table, and the config's errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "posenc/attention.hpp"
#include "posenc/rng.hpp"
#include "posenc/train/adamw.hpp"
#include "posenc/train/attention.hpp"
#include "posenc/train/positions.hpp"
#include "posenc/train/tasks.hpp"
#include "posenc/train/trainer.hpp"
#include "support.hpp"

namespace {

using namespace posenc::train;

// A run small enough for the sanitizer build: d = 8, L_train = 4.
TrainConfig small_config(Scheme scheme) {
  TrainConfig c;
  c.scheme = scheme;
  c.train_length = 4;
  c.dim = 16;
  c.heads = 2;
  c.batch = 8;
  c.steps = 200;
  c.lr = 1e-2;
  c.eval_examples = 4;
  return c;
}

double mean(const std::vector<float>& v, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t k = from; k < to; ++k) s += v[k];
  return s / static_cast<double>(to - from);
}

}  // namespace

TEST_CASE("train AdamW: two steps equal Loshchilov & Hutter's update written out") {
  // theta_t = theta_{t-1} (1 - lr lambda) - lr m_hat / (sqrt(v_hat) + eps), lambda only where decayed.
  const double lr = 0.1, lambda = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  std::vector<double> theta = {1.0, -2.0}, want = theta;
  const std::vector<std::vector<double>> grads = {{0.5, -0.1}, {-0.25, 0.3}};
  const std::vector<unsigned char> decay = {1, 0};
  AdamWOptions o;
  o.weight_decay = lambda;
  AdamW<double> adam(2, o);
  double m[2] = {0, 0}, v[2] = {0, 0};
  for (int t = 1; t <= 2; ++t) {
    const auto& g = grads[t - 1];
    for (int k = 0; k < 2; ++k) {
      m[k] = b1 * m[k] + (1 - b1) * g[k];
      v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
      const double m_hat = m[k] / (1 - std::pow(b1, t)), v_hat = v[k] / (1 - std::pow(b2, t));
      want[k] = want[k] * (1 - (decay[k] ? lr * lambda : 0.0)) - lr * m_hat / (std::sqrt(v_hat) + eps);
    }
    adam.step(theta.data(), g.data(), decay.data(), lr);
    CHECK(theta[0] == doctest::Approx(want[0]).epsilon(1e-14));
    CHECK(theta[1] == doctest::Approx(want[1]).epsilon(1e-14));
    if (t == 1) {
      // Bias correction makes step 1 move by lr against the gradient's sign (m_hat / sqrt(v_hat) = sign g):
      CHECK(theta[0] == doctest::Approx(1.0 * (1 - lr * lambda) - lr).epsilon(1e-7));
      CHECK(theta[1] == doctest::Approx(-2.0 + lr).epsilon(1e-7));
    }
  }
  std::vector<double> g = {3.0, 4.0};
  CHECK(clip_grad_norm(g.data(), 2, 1.0) == doctest::Approx(5.0));
  CHECK(g[0] == doctest::Approx(0.6));
  CHECK(g[1] == doctest::Approx(0.8));
}

TEST_CASE("train tasks: copy repeats and reverse mirrors the content after the separator") {
  posenc::Rng rng(1);
  for (Task task : {Task::copy, Task::reverse}) {
    for (std::int64_t n : {1, 2, 7, 16}) {
      const Example e = make_example(task, n, 5, rng);
      REQUIRE(e.tokens.size() == static_cast<std::size_t>(2 * n + 1));
      CHECK(e.input_length() == 2 * n);
      CHECK(e.first_answer() == n);
      CHECK(e.tokens[n] == 5);  // SEP = vocab
      for (std::int64_t k = 0; k < n; ++k) {
        CHECK(e.tokens[k] >= 0);
        CHECK(e.tokens[k] < 5);
        CHECK(e.tokens[n + 1 + k] == e.tokens[task == Task::copy ? k : n - 1 - k]);
      }
    }
  }
  // The held-out set is a function of (seed, length) only.
  const auto a = held_out_set(Task::copy, 6, 16, 3, 9), b = held_out_set(Task::copy, 6, 16, 3, 9);
  for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k].tokens == b[k].tokens);
  CHECK(held_out_set(Task::copy, 6, 16, 1, 10)[0].tokens != a[0].tokens);
  // Symbols are uniform: every one of 4 appears about 1/4 of the time.
  std::vector<int> count(4);
  for (int k = 0; k < 4000; ++k) ++count[static_cast<std::size_t>(uniform_below(rng, 4))];
  for (int c : count) CHECK(std::abs(c - 1000) < 120);
}

TEST_CASE("train attention: the forward equals the core's reference attention with the same positions") {
  using posenc::AttentionScheme;
  const Index rows = 6, heads = 2, d = 4, D = heads * d;
  posenc::Rng rng(21);
  std::vector<float> qkv(static_cast<std::size_t>(rows * 3 * D));
  for (auto& x : qkv) x = rng.uniform(-1.0f, 1.0f);
  for (AttentionScheme scheme : {AttentionScheme::none, AttentionScheme::rope, AttentionScheme::alibi,
                                 AttentionScheme::t5, AttentionScheme::fire}) {
    CAPTURE(posenc::attention_scheme_name(scheme));
    posenc::AttentionConfig config = posenc::seeded_attention_config(scheme, heads, d, /*causal=*/true, 5);
    config.fire_options.threshold = 3;
    // Ours: the same q, k, v, the same tables.
    std::vector<float> x = qkv, bias(static_cast<std::size_t>(heads * rows * rows)), probs(bias.size()),
                       out(static_cast<std::size_t>(rows * D)), scratch(static_cast<std::size_t>(d * rows));
    const float* bias_ptr = bias.data();
    if (scheme == AttentionScheme::rope) {
      std::vector<float> c(static_cast<std::size_t>(rows * d / 2)), s(c.size());
      rope_tables(rows, d, c.data(), s.data());
      rope_forward(x.data(), rows, heads, d, c.data(), s.data());
      bias_ptr = nullptr;
    } else if (scheme == AttentionScheme::alibi) {
      alibi_bias_table(heads, rows, bias.data());
    } else if (scheme == AttentionScheme::t5) {
      std::vector<Index> buckets(static_cast<std::size_t>(rows * rows));
      t5_bucket_table(rows, config.t5.num_buckets, config.t5.max_distance, buckets.data());
      t5_bias_forward(config.t5_table.data(), buckets.data(), config.t5.num_buckets, heads, rows, bias.data());
    } else if (scheme == AttentionScheme::fire) {
      const FireWeights<float> w{config.fire.w1.data(), config.fire.b1.data(), config.fire.w2.data(),
                                 config.fire.b2.data()};
      fire_bias_forward(w, config.fire.hidden(), heads, rows, config.fire_options.c, config.fire_options.threshold,
                        bias.data());
    } else {
      bias_ptr = nullptr;
    }
    attention_forward(x.data(), rows, heads, d, bias_ptr, rows, probs.data(), out.data(), scratch.data());
    // The core's: per head, L x d matrices.
    posenc::HeadMatrices q(heads), k(heads), v(heads);
    for (Index h = 0; h < heads; ++h) {
      q[h].resize(rows, d), k[h].resize(rows, d), v[h].resize(rows, d);
      for (Index i = 0; i < rows; ++i)
        for (Index c = 0; c < d; ++c) {
          q[h](i, c) = qkv[i * 3 * D + h * d + c];
          k[h](i, c) = qkv[i * 3 * D + D + h * d + c];
          v[h](i, c) = qkv[i * 3 * D + 2 * D + h * d + c];
        }
    }
    const auto ref = posenc::attention_reference(q, k, v, config);
    float worst = 0;
    for (Index h = 0; h < heads; ++h)
      for (Index i = 0; i < rows; ++i)
        for (Index c = 0; c < d; ++c) worst = std::max(worst, std::fabs(out[i * D + h * d + c] - ref.output[h](i, c)));
    CHECK(worst < 2e-6f);
  }
}

TEST_CASE("train: the loss of copy falls below half its start with rope and with alibi") {
  for (Scheme scheme : {Scheme::rope, Scheme::alibi}) {
    CAPTURE(scheme_name(scheme));
    Trainer t(small_config(scheme));
    const auto loss = t.step(1000);
    REQUIRE(loss.size() == 200);
    const double first = mean(loss, 0, 20), last = mean(loss, 180, 200);
    CHECK_MESSAGE(last < 0.5 * first, "first 20 steps " << first << ", last 20 " << last);
    const auto acc = t.evaluate(4);
    REQUIRE(acc.has_value());
    CHECK(*acc > 3.0 / 16.0);  // three times chance
  }
}

TEST_CASE("train: a seed gives the same loss curve twice, another seed another curve") {
  TrainConfig c = small_config(Scheme::t5);
  c.steps = 8;
  const auto a = run_training(c), b = run_training(c);
  CHECK(a.loss == b.loss);
  REQUIRE(a.accuracy.size() == b.accuracy.size());
  for (std::size_t k = 0; k < a.accuracy.size(); ++k) CHECK(a.accuracy[k].second == b.accuracy[k].second);
  c.seed = 1;
  CHECK(run_training(c).loss != a.loss);
}

TEST_CASE("train: learned positions cannot run beyond their table (no accuracy, not 0)") {
  TrainConfig c = small_config(Scheme::learned);
  c.steps = 2;
  c.eval_lengths = {4, 5, 16};
  const auto r = run_training(c);
  REQUIRE(r.accuracy.size() == 3);
  CHECK(r.accuracy[0].second.has_value());
  CHECK_FALSE(r.accuracy[1].second.has_value());
  CHECK_FALSE(r.accuracy[2].second.has_value());
  c.scheme = Scheme::sinusoidal;
  CHECK(run_training(c).accuracy[2].second.has_value());
}

TEST_CASE("train: bad configs name the field, the value and the range; steps stop at --steps") {
  using posenc::test::check_error;
  auto with = [](auto edit) {
    TrainConfig c;
    edit(c);
    return [c] { Trainer t(c); };
  };
  check_error(with([](TrainConfig& c) { c.train_length = 0; }), "train_length");
  check_error(with([](TrainConfig& c) { c.eval_lengths = {8, 513}; }), "eval_lengths");
  check_error(with([](TrainConfig& c) { c.heads = 5; }), "heads");
  check_error(with([](TrainConfig& c) { c.dim = 12, c.heads = 4; }), "heads");  // rope: odd head width 3
  check_error(with([](TrainConfig& c) { c.lr = 0; }), "lr");
  check_error(with([](TrainConfig& c) { c.vocab = 1; }), "vocab");
  check_error(with([](TrainConfig& c) { c.steps = -1; }), "steps");
  check_error([] { parse_scheme("rope2"); }, "scheme");
  TrainConfig c = small_config(Scheme::none);
  c.steps = 1;
  Trainer t(c);
  t.step();
  CHECK(t.done());
  check_error([&] { t.step(); }, "steps");
  CHECK(t.step(5).empty());
  check_error([&] { t.step(-1); }, "n");
  check_error([&] { t.evaluate(0); }, "length");
}

TEST_CASE("train model: the float model (training) agrees with the double one (the checked reference)") {
  // Same shape, same initial parameters (the float ones, widened): loss and
  // gradient of one batch agree to float precision under every scheme.
  for (Scheme scheme : {Scheme::none, Scheme::learned, Scheme::sinusoidal, Scheme::rope, Scheme::alibi, Scheme::t5,
                        Scheme::fire}) {
    CAPTURE(scheme_name(scheme));
    const ModelShape s = model_shape(small_config(scheme));
    Model<float> f(s);
    Model<double> d(s);
    posenc::Rng init(2);
    f.init(init);
    for (std::size_t k = 0; k < f.params().size(); ++k) d.params()[k] = f.params()[k];
    posenc::Rng data(3);
    const std::vector<Example> batch = {make_example(Task::copy, 4, 16, data), make_example(Task::copy, 3, 16, data)};
    f.prepare(8);
    d.prepare(8);
    double lf = 0, ld = 0;
    for (const auto& e : batch) lf += f.run(e, 0.25f, true, nullptr), ld += d.run(e, 0.25, true, nullptr);
    f.finish_backward();
    d.finish_backward();
    CHECK(lf == doctest::Approx(ld).epsilon(1e-5));
    double worst = 0, scale = 0;
    for (std::size_t k = 0; k < f.grads().size(); ++k) {
      worst = std::max(worst, std::fabs(f.grads()[k] - d.grads()[k]));
      scale = std::max(scale, std::fabs(d.grads()[k]));
    }
    CHECK(worst <= 1e-4 * scale);
  }
}
