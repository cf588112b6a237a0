// posenc/rng.hpp: the one random number generator of the project.
//
// SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of xoshiro), so that a
// seed gives the same numbers natively, in WebAssembly and on any compiler: only
// 64-bit integer arithmetic, no std::*_distribution (whose output is
// implementation-defined) and no rand().
//
//   state += 0x9E3779B97F4A7C15
//   z = state; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
//              z = (z ^ (z >> 27)) * 0x94D049BB133111EB
//   return z ^ (z >> 31)
//
// Every random table (learned positions, Shaw key/value tables, FIRE weights, conv
// kernels) has its own stream: Rng(seed, stream) starts at a state derived from
// both, so changing one table's size never shifts another table's numbers.
#pragma once

#include <cstdint>

namespace posenc {

/// Streams: one per kind of random table, fixed forever (changing one changes data).
enum class Stream : std::uint64_t {
  random_positions = 1,
  learned_table = 2,
  relative_key = 3,
  relative_value = 4,
  fire_mlp = 5,
  conv_kernel = 6,
  word_embeddings = 7,
  attention_q = 8,
  attention_k = 9,
  attention_v = 10,
  t5_bias = 11,
  relative_bias = 12,
  embed_words = 13,  ///< `posenc embed`: one N(0, s^2) word vector per position
};

class Rng {
 public:
  explicit Rng(std::uint64_t seed, Stream stream = Stream::random_positions) noexcept;

  /// A generator whose SplitMix64 state is exactly `state` (for checking the
  /// generator against the published SplitMix64 sequence).
  static Rng from_state(std::uint64_t state) noexcept;

  /// Next raw 64-bit output of SplitMix64.
  std::uint64_t next_u64() noexcept;

  /// Uniform in [0, 1) with 24 random bits: exact as a float, the same everywhere.
  float uniform01() noexcept;

  /// Uniform in [lo, hi): lo + (hi - lo) * uniform01(), computed in float.
  float uniform(float lo, float hi) noexcept;

  /// Normal(mean, std) by the Box-Muller transform on two 53-bit uniforms, in
  /// double, rounded to float. (std::log/std::cos may differ in the last bit of a
  /// double between C libraries; after rounding to float that is invisible in
  /// practice. The uniform draws are bit-identical everywhere.)
  float normal(float mean, float std) noexcept;

 private:
  std::uint64_t state_;
};

}  // namespace posenc
