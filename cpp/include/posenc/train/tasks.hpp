// posenc/train/tasks.hpp: the synthetic tasks, generated on the fly from a seed.
//
// An example of content length n over `vocab` symbols 0..vocab-1, with the
// separator token SEP = vocab:
//
//   tokens:  x_1 x_2 ... x_n  SEP  y_1 y_2 ... y_n          (2n + 1 tokens)
//   input:   tokens[0 .. 2n-1]                               (2n positions)
//   target:  tokens[t + 1] at input position t; scored only for t = n .. 2n-1,
//            the n positions whose next token is an answer y_k
//
//   copy:     y_k = x_k            (repeat: induction heads solve it)
//   reverse:  y_k = x_{n + 1 - k}  (the answer's position mirrors the content's)
//
// Content symbols are uniform and independent (repeats happen), drawn from the
// core's SplitMix64 (posenc/rng.hpp) by an unbiased integer draw, so an example is
// the same natively and in WebAssembly.
#pragma once

#include <cstdint>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/train/config.hpp"

namespace posenc::train {

/// One example: its 2n + 1 tokens and its content length n.
struct Example {
  std::vector<std::int32_t> tokens;
  std::int64_t length = 0;
  /// The model's input length, 2n.
  std::int64_t input_length() const { return 2 * length; }
  /// The first scored input position, n (positions n .. 2n-1 are scored).
  std::int64_t first_answer() const { return length; }
};

/// Uniform integer in [0, n), n >= 1, by rejection (no modulo bias); the same on
/// every platform.
std::int64_t uniform_below(Rng& rng, std::int64_t n);

/// Makes one example of content length n (>= 1) of `task` over `vocab` (>= 1) symbols.
Example make_example(Task task, std::int64_t length, std::int64_t vocab, Rng& rng);
/// The same into `e`, reusing its storage (no allocation once it has held 2n + 1 tokens).
void fill_example(Example& e, Task task, std::int64_t length, std::int64_t vocab, Rng& rng);

/// The fixed held-out set of one evaluation length: `count` examples of content
/// length `length`, drawn from a stream of (seed, length) alone, so the set does
/// not depend on the training run or on the other evaluation lengths.
std::vector<Example> held_out_set(Task task, std::int64_t length, std::int64_t vocab, std::int64_t count,
                                  std::uint64_t seed);

/// The random streams of a training run (posenc/rng.hpp's Stream numbering goes
/// on from 14; these are fixed forever, like those).
inline constexpr Stream kStreamModelInit = static_cast<Stream>(14);
inline constexpr Stream kStreamTrainData = static_cast<Stream>(15);
inline constexpr Stream kStreamHeldOut = static_cast<Stream>(16);

}  // namespace posenc::train
