// Implementation of posenc/train/tasks.hpp.
#include "posenc/train/tasks.hpp"

namespace posenc::train {

std::int64_t uniform_below(Rng& rng, std::int64_t n) {
  // Rejection: draw 64 bits and redraw in the top partial block, so r % n is uniform.
  const std::uint64_t bound = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t r = rng.next_u64();
  while (r >= limit) r = rng.next_u64();
  return static_cast<std::int64_t>(r % bound);
}

Example make_example(Task task, std::int64_t length, std::int64_t vocab, Rng& rng) {
  Example e;
  fill_example(e, task, length, vocab, rng);
  return e;
}

void fill_example(Example& e, Task task, std::int64_t length, std::int64_t vocab, Rng& rng) {
  e.length = length;
  e.tokens.resize(static_cast<std::size_t>(2 * length + 1));
  for (std::int64_t k = 0; k < length; ++k) e.tokens[k] = static_cast<std::int32_t>(uniform_below(rng, vocab));
  e.tokens[length] = static_cast<std::int32_t>(vocab);  // SEP
  for (std::int64_t k = 0; k < length; ++k) {
    const std::int64_t from = task == Task::copy ? k : length - 1 - k;
    e.tokens[length + 1 + k] = e.tokens[from];
  }
}

std::vector<Example> held_out_set(Task task, std::int64_t length, std::int64_t vocab, std::int64_t count,
                                  std::uint64_t seed) {
  // One stream per (seed, length): the seed is mixed with the length by Rng itself.
  Rng rng(seed * 1000003ULL + static_cast<std::uint64_t>(length), kStreamHeldOut);
  std::vector<Example> set;
  set.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) set.push_back(make_example(task, length, vocab, rng));
  return set;
}

}  // namespace posenc::train
