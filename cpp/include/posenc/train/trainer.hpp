// posenc/train/trainer.hpp: a training run, step by step or whole.
//
// Each step draws a fresh batch (content lengths uniform in 1..L_train, from the
// seed's data stream), runs forward and backward example by example (no padding:
// gradients add up), clips the gradient's global norm to 1, and takes one AdamW
// step. The learning rate warms up linearly over the first 10% of the steps and
// then decays along a cosine to 10% of its peak. The reported loss of a step is
// the mean cross-entropy (nats) over the batch's answer tokens, before its update.
//
// Evaluation at content length n: a fixed held-out set (tasks.hpp, from the seed
// and n only) with teacher forcing; accuracy = the fraction of answer tokens
// whose argmax prediction is exact (per token, not per sequence). `learned`
// cannot read more input positions than its table has (2 L_train): there the
// accuracy is "none" (JSON null), never 0.
//
// Everything runs in float32 on one thread with a fixed order of operations and
// the core's SplitMix64, so a seed gives the same numbers natively and in wasm.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/train/adamw.hpp"
#include "posenc/train/config.hpp"
#include "posenc/train/model.hpp"
#include "posenc/train/tasks.hpp"

namespace posenc::train {

/// What a run reports (the CLI's JSON).
struct TrainResult {
  TrainConfig config;
  std::vector<float> loss;  ///< one per step
  /// (length, accuracy) per evaluation length, in the config's order; nullopt:
  /// the model cannot run at that length (learned beyond its table).
  std::vector<std::pair<std::int64_t, std::optional<double>>> accuracy;
  double seconds = 0;  ///< wall time of the steps and the evaluations
};

class Trainer {
 public:
  /// Validates the config (posenc::Error naming the field) and initializes the model.
  explicit Trainer(const TrainConfig& config);

  const TrainConfig& config() const { return config_; }
  std::int64_t steps_done() const { return static_cast<std::int64_t>(loss_.size()); }
  bool done() const { return steps_done() >= config_.steps; }

  /// One AdamW step on a fresh batch; returns its loss. Throws posenc::Error
  /// ("steps") once all configured steps have run.
  float step();

  /// Runs min(n, remaining) steps (n >= 0; Error("n") otherwise); returns their losses.
  std::vector<float> step(std::int64_t n);

  /// Accuracy at content length `length` (1..kMaxEvalLength), or nullopt when the
  /// model cannot run there.
  std::optional<double> evaluate(std::int64_t length);

  /// The losses so far, one per step.
  const std::vector<float>& losses() const { return loss_; }

  /// Evaluates at every evaluation length and reports the run so far.
  TrainResult result();

  /// The model (for tests).
  Model<float>& model() { return model_; }

 private:
  double learning_rate(std::int64_t step) const;
  TrainConfig config_;
  Model<float> model_;
  AdamW<float> adamw_;
  Rng data_;
  std::vector<Example> batch_;
  std::vector<float> loss_;
  double seconds_ = 0;
};

/// A whole run: Trainer(config), all steps, result().
TrainResult run_training(const TrainConfig& config);

}  // namespace posenc::train
