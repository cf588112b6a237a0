// Implementation of posenc/train/config.hpp.
#include "posenc/train/config.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc::train {

std::string_view scheme_name(Scheme s) {
  switch (s) {
    case Scheme::none: return "none";
    case Scheme::learned: return "learned";
    case Scheme::sinusoidal: return "sinusoidal";
    case Scheme::rope: return "rope";
    case Scheme::alibi: return "alibi";
    case Scheme::t5: return "t5";
    case Scheme::fire: return "fire";
  }
  return "none";
}

std::string_view task_name(Task t) { return t == Task::copy ? "copy" : "reverse"; }

Scheme parse_scheme(std::string_view name, std::string_view arg) {
  return parse_choice<Scheme>(arg, name,
                              {{"none", Scheme::none}, {"learned", Scheme::learned}, {"sinusoidal", Scheme::sinusoidal},
                               {"rope", Scheme::rope}, {"alibi", Scheme::alibi}, {"t5", Scheme::t5}, {"fire", Scheme::fire}});
}

Task parse_task(std::string_view name, std::string_view arg) {
  return parse_choice<Task>(arg, name, {{"copy", Task::copy}, {"reverse", Task::reverse}});
}

std::vector<std::int64_t> eval_lengths_of(const TrainConfig& c) {
  if (!c.eval_lengths.empty()) return c.eval_lengths;
  return {c.train_length, 2 * c.train_length, 4 * c.train_length, 8 * c.train_length};
}

void validate(const TrainConfig& c) {
  require_int("train_length", c.train_length, 1, kMaxTrainLength);
  if (c.eval_lengths.size() > static_cast<std::size_t>(kMaxEvalLengths))
    throw Error("eval_lengths", std::to_string(c.eval_lengths.size()) + " values",
                "at most " + std::to_string(kMaxEvalLengths) + " lengths");
  for (auto n : eval_lengths_of(c)) require_int("eval_lengths", n, 1, kMaxEvalLength);
  require_int("steps", c.steps, 0, kMaxSteps);
  if (c.seed > static_cast<std::uint64_t>(kMaxSeed))
    throw Error("seed", std::to_string(c.seed), "integer in [0, " + format_value(kMaxSeed) + "]");
  require_int("layers", c.layers, 1, kMaxLayers);
  require_int("dim", c.dim, 2, kMaxTrainDim);
  require_int("heads", c.heads, 1, kMaxTrainHeads);
  if (c.dim % c.heads != 0)
    throw Error("heads", std::to_string(c.heads), "a divisor of dim = " + std::to_string(c.dim));
  if (c.scheme == Scheme::rope && (c.dim / c.heads) % 2 != 0)
    throw Error("heads", std::to_string(c.heads) + " with --dim " + std::to_string(c.dim) + " --scheme rope",
                "a head count that leaves an even head width dim / heads (RoPE rotates pairs)");
  require_int("batch", c.batch, 1, kMaxBatch);
  require_real("lr", c.lr, 0.0, 1.0, /*lo_open=*/true);
  require_real("weight_decay", c.weight_decay, 0.0, 1.0);
  require_int("vocab", c.vocab, 2, kMaxVocab);
  require_int("eval_examples", c.eval_examples, 1, kMaxEvalExamples);
}

}  // namespace posenc::train
