// posenc train: trains the extrapolation lab's tiny Transformer on a synthetic
// task with one position scheme and reports its loss curve and its accuracy at
// several lengths (posenc/train/trainer.hpp).
//
//   {"scheme": S, "task": T, "train_length": L, "loss": [one per step],
//    "accuracy": {"<length>": fraction of exact answer tokens, or null}, "seconds": s}
//
// Lengths count content tokens (an example of length n is 2n + 1 tokens). null:
// `learned` has no table row beyond its training input length, it cannot run
// there (not the same as 0 accuracy). `seconds` is wall time, so it differs run
// to run; everything else is a function of the options.
#include <string>

#include "commands.hpp"
#include "posenc/limits.hpp"
#include "train_options.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  const train::TrainResult r = train::run_training(parse_train_config(a));
  write_train_result(output.document, r);
  return 0;
}

}  // namespace

train::TrainConfig parse_train_config(const Args& a) {
  using namespace train;
  TrainConfig c;
  c.scheme = parse_scheme(a.choice("scheme", std::nullopt,
                                   {"none", "learned", "sinusoidal", "rope", "alibi", "t5", "fire"}));
  c.task = parse_task(a.choice("task", task_name(c.task), {"copy", "reverse"}));
  c.train_length = a.integer("train-length", c.train_length, 1, kMaxTrainLength);
  if (a.has("eval-lengths"))
    c.eval_lengths = a.integer_list("eval-lengths", 1, kMaxEvalLength, static_cast<std::size_t>(kMaxEvalLengths));
  c.steps = a.integer("steps", c.steps, 0, kMaxSteps);
  c.seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  c.layers = a.integer("layers", c.layers, 1, kMaxLayers);
  c.dim = a.integer("dim", c.dim, 2, kMaxTrainDim);
  c.heads = a.integer("heads", c.heads, 1, kMaxTrainHeads);
  c.batch = a.integer("batch", c.batch, 1, kMaxBatch);
  c.lr = a.number("lr", c.lr, 0.0, 1.0, /*lo_open=*/true);
  c.weight_decay = a.number("weight-decay", c.weight_decay, 0.0, 1.0);
  c.vocab = a.integer("vocab", c.vocab, 2, kMaxVocab);
  c.eval_examples = a.integer("eval-examples", c.eval_examples, 1, kMaxEvalExamples);
  validate(c);  // the combinations (heads | dim, rope's even head width)
  return c;
}

void write_train_result(Document& j, const train::TrainResult& r) {
  Vector loss(static_cast<Eigen::Index>(r.loss.size()));
  for (std::size_t k = 0; k < r.loss.size(); ++k) loss(static_cast<Eigen::Index>(k)) = r.loss[k];
  j.begin_object();
  j.key("scheme").string(train::scheme_name(r.config.scheme)).key("task").string(train::task_name(r.config.task));
  j.key("train_length").integer(r.config.train_length);
  j.key("loss").vector(loss);
  j.key("accuracy").begin_object();
  for (const auto& [length, accuracy] : r.accuracy) {
    j.key(std::to_string(length));
    if (accuracy) j.number(*accuracy);
    else j.null();
  }
  j.end_object();
  j.key("seconds").number(r.seconds);
  j.end_object().finish();
}

const CommandSpec& train_command() {
  static const CommandSpec spec{
      "train",
      "Train a tiny Transformer on a synthetic task with one position scheme; its loss curve and its accuracy "
      "at several lengths (content tokens; null = cannot run there).",
      {
          {"scheme", "S", "none | learned | sinusoidal | rope | alibi | t5 | fire (required)"},
          {"task", "T", "copy | reverse: repeat the content after a separator, or reverse it (default copy)"},
          {"train-length", "L", "content tokens while training, sampled in 1..L (default 8; 1..64)"},
          {"eval-lengths", "LIST", "content lengths to evaluate, comma-separated, 1..512 each (default L,2L,4L,8L)"},
          {"steps", "N", "AdamW steps, one fresh batch each (default 1600; 0..100000)"},
          {"seed", "K", "seed of the weights, the batches and the held-out sets, 0..2^53-1 (default 0)"},
          {"layers", "N", "Transformer layers (default 2; 1..4)"},
          {"dim", "D", "model width (default 32; 2..256)"},
          {"heads", "H", "attention heads, a divisor of D; rope: D/H even (default 4; 1..16)"},
          {"batch", "B", "examples per step (default 16; 1..1024)"},
          {"lr", "R", "peak learning rate, in (0, 1]: 10% linear warm-up, cosine decay to 10% (default 0.003)"},
          {"weight-decay", "W", "AdamW's decoupled weight decay of the weight matrices, in [0, 1] (default 0.01)"},
          {"vocab", "V", "content symbols; one more token is the separator (default 16; 2..1024)"},
          {"eval-examples", "N", "held-out examples per evaluation length (default 32; 1..1024)"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
