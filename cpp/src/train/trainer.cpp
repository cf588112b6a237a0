// Implementation of posenc/train/trainer.hpp.
#include "posenc/train/trainer.hpp"

#include <algorithm>
#include <string>

#include "posenc/error.hpp"
#include "posenc/kernels/sincos.hpp"

namespace posenc::train {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

const TrainConfig& validated(const TrainConfig& c) {
  validate(c);
  return c;
}

AdamWOptions adamw_options(const TrainConfig& c) {
  AdamWOptions o;
  o.weight_decay = c.weight_decay;
  return o;
}

}  // namespace

Trainer::Trainer(const TrainConfig& config)
    : config_(validated(config)),
      model_(model_shape(config)),
      adamw_(model_.layout().total, adamw_options(config)),
      data_(config.seed, kStreamTrainData),
      batch_(static_cast<std::size_t>(config.batch)) {
  const auto start = Clock::now();
  Rng init(config.seed, kStreamModelInit);
  model_.init(init);
  for (auto& e : batch_) e.tokens.reserve(static_cast<std::size_t>(2 * config.train_length + 1));
  loss_.reserve(static_cast<std::size_t>(config.steps));
  model_.prepare(2 * config.train_length);
  seconds_ += since(start);
}

double Trainer::learning_rate(std::int64_t step) const {
  const double steps = static_cast<double>(config_.steps);
  const double warmup = std::max(1.0, 0.1 * steps);
  const double t = static_cast<double>(step) + 1.0;  // 1-based
  if (t <= warmup) return config_.lr * t / warmup;
  const double progress = (t - warmup) / std::max(1.0, steps - warmup);
  double s = 0, c = 0;
  kernels::sincos_reduced(3.14159265358979323846 * progress, &s, &c);  // libm-free: the same bits in wasm
  return config_.lr * (0.1 + 0.9 * 0.5 * (1.0 + c));
}

float Trainer::step() {
  if (done())
    throw Error("steps", std::to_string(config_.steps) + " steps already run",
                "no more steps than --steps (" + std::to_string(config_.steps) + ")");
  const auto start = Clock::now();
  std::int64_t scored = 0;
  for (auto& e : batch_) {
    fill_example(e, config_.task, 1 + uniform_below(data_, config_.train_length), config_.vocab, data_);
    scored += e.length;
  }
  auto& grads = model_.grads();
  std::fill(grads.begin(), grads.end(), 0.0f);
  model_.prepare(2 * config_.train_length);
  double loss = 0;
  const float scale = 1.0f / static_cast<float>(scored);
  for (const auto& e : batch_) loss += model_.run(e, scale, /*backward=*/true, nullptr);
  model_.finish_backward();
  clip_grad_norm(grads.data(), static_cast<std::int64_t>(grads.size()), 1.0);
  adamw_.step(model_.params().data(), grads.data(), model_.layout().decay.data(), learning_rate(steps_done()));
  loss_.push_back(static_cast<float>(loss));
  seconds_ += since(start);
  return loss_.back();
}

std::vector<float> Trainer::step(std::int64_t n) {
  if (n < 0) throw Error("n", std::to_string(n), "a step count >= 0");
  std::vector<float> out;
  while (n-- > 0 && !done()) out.push_back(step());
  return out;
}

std::optional<double> Trainer::evaluate(std::int64_t length) {
  require_int("length", length, 1, kMaxEvalLength);
  if (!model_.can_run(2 * length)) return std::nullopt;
  const auto start = Clock::now();
  const auto set = held_out_set(config_.task, length, config_.vocab, config_.eval_examples, config_.seed);
  model_.prepare(2 * length);
  Index correct = 0;
  for (const auto& e : set) model_.run(e, 1.0f, /*backward=*/false, &correct);
  seconds_ += since(start);
  return static_cast<double>(correct) / static_cast<double>(config_.eval_examples * length);
}

TrainResult Trainer::result() {
  TrainResult r;
  r.config = config_;
  for (auto n : eval_lengths_of(config_)) r.accuracy.emplace_back(n, evaluate(n));
  r.loss = loss_;
  r.seconds = seconds_;
  return r;
}

TrainResult run_training(const TrainConfig& config) {
  Trainer t(config);
  while (!t.done()) t.step();
  return t.result();
}

}  // namespace posenc::train
