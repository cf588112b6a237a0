// posenc/train/config.hpp: what one training run of the extrapolation lab is.
//
// A tiny decoder-only Transformer (posenc/train/model.hpp) learns a synthetic task
// (posenc/train/tasks.hpp) at content lengths 1..train_length and is evaluated at
// other lengths. "Length" is always the number of CONTENT tokens n of an example;
// the model reads 2n tokens (n content, a separator, n - 1 answer tokens) and is
// scored on the n answer tokens (see tasks.hpp for the layout).
//
// The defaults are the lab's default setting: every scheme trains in about 5 s of
// WebAssembly on one core (all seven in about 40 s in Node 20 on this project's
// 2-core VM; every scheme reaches well above chance, 1/16, at L_train).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace posenc::train {

/// How the model knows positions.
///   none        no position information (NoPE: only the causal mask)
///   learned     a learned table added to the input, one row per input position up
///               to the training input length 2 L_train: it cannot run beyond it
///   sinusoidal  Vaswani's sinusoids (interleaved, base 10000) added to the input
///   rope        RoPE on q and k of every head (half pairing, base 10000)
///   alibi       ALiBi's fixed causal bias -m_h (i - j) (Press et al. 2022)
///   t5          T5's learned scalar per causal bucket and head, shared by the layers
///   fire        FIRE's learned MLP of the normalized log distance, shared by the layers
enum class Scheme { none, learned, sinusoidal, rope, alibi, t5, fire };

/// The synthetic tasks: `copy` repeats the content after the separator (the
/// induction / copy task), `reverse` writes it backwards.
enum class Task { copy, reverse };

std::string_view scheme_name(Scheme s);
std::string_view task_name(Task t);
/// Throws posenc::Error(arg, "\"name\"", "one of ...") for an unknown name.
Scheme parse_scheme(std::string_view name, std::string_view arg = "scheme");
Task parse_task(std::string_view name, std::string_view arg = "task");

// Limits of the options (the CLI's and the JS API's ranges).
inline constexpr std::int64_t kMaxTrainLength = 64;    ///< content tokens while training
inline constexpr std::int64_t kMaxEvalLength = 512;    ///< content tokens at evaluation (1024 input positions)
inline constexpr std::int64_t kMaxEvalLengths = 16;    ///< evaluation lengths per run
inline constexpr std::int64_t kMaxSteps = 100000;
inline constexpr std::int64_t kMaxLayers = 4;
inline constexpr std::int64_t kMaxTrainDim = 256;
inline constexpr std::int64_t kMaxTrainHeads = 16;
inline constexpr std::int64_t kMaxBatch = 1024;
inline constexpr std::int64_t kMaxVocab = 1024;
inline constexpr std::int64_t kMaxEvalExamples = 1024;

/// One run. Every field has the lab's default.
struct TrainConfig {
  Scheme scheme = Scheme::rope;
  Task task = Task::copy;
  std::int64_t train_length = 8;            ///< L_train: content tokens, sampled uniformly in 1..L_train
  std::vector<std::int64_t> eval_lengths;   ///< empty: L_train, 2, 4 and 8 times it
  std::int64_t steps = 1600;                ///< AdamW steps, one fresh batch each
  std::uint64_t seed = 0;                   ///< model init, training data and the held-out sets
  std::int64_t layers = 2;
  std::int64_t dim = 32;                    ///< D
  std::int64_t heads = 4;                   ///< H; d = D / H (even for rope)
  std::int64_t batch = 16;                  ///< examples per step
  double lr = 3e-3;                         ///< peak learning rate (linear warm-up, cosine decay)
  double weight_decay = 0.01;               ///< AdamW's decoupled decay (not on norms, biases, tables)
  std::int64_t vocab = 16;                  ///< content symbols; the separator is one more token
  std::int64_t eval_examples = 32;          ///< held-out examples per evaluation length
};

/// The evaluation lengths a config asks for: its own, or L_train x 1, 2, 4, 8.
std::vector<std::int64_t> eval_lengths_of(const TrainConfig& c);

/// Throws posenc::Error naming the first bad field (snake_case: "train_length",
/// "heads", ...) with its value and the allowed range. Also checks the
/// combinations: heads divides dim, rope needs an even head width d.
void validate(const TrainConfig& c);

}  // namespace posenc::train
