// cpp/fuzz/fuzz_draw.hpp: draws whole option structs of the public API from a
// FuzzInput (fuzz_input.hpp), for the API harness. Sizes that make work (L, D, H,
// table sizes) are drawn small when valid (FuzzInput::size); every other field
// can be anything, edge values included.
#pragma once

#include <cstdint>

#include "fuzz_input.hpp"
#include "posenc/encode.hpp"
#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "posenc/t5.hpp"

namespace posenc::fuzz {

/// Small valid sizes: L, D <= 64, H <= 8 (the harness's work budget).
inline constexpr std::int64_t kSmallLength = 64;
inline constexpr std::int64_t kSmallDim = 64;
inline constexpr std::int64_t kSmallHeads = 8;

/// The size to build a tensor with: n when in [0, small], else 0 (which the
/// checks reject): large valid sizes are never built, impossible ones neither.
inline std::int64_t buildable(std::int64_t n, std::int64_t small) { return n >= 0 && n <= small ? n : 0; }

/// A seed: small, or any 64-bit value (the API takes every uint64).
inline std::uint64_t draw_seed(FuzzInput& in) { return in.flag() ? in.byte() : in.u64(); }

inline SinusoidalOptions draw_sinusoid(FuzzInput& in) {
  SinusoidalOptions o;
  o.layout = in.flag() ? SinusoidLayout::interleaved : SinusoidLayout::concat;
  o.spacing = in.flag() ? Spacing::paper : Spacing::endpoint;
  o.base = in.flag() ? 10000.0 : in.real(1.0, 1e12);
  return o;
}

/// EncodeOptions for any scheme (relative ones included: encode must refuse them);
/// length in [min_length, max_length] when valid.
inline EncodeOptions draw_encode(FuzzInput& in, std::int64_t min_length, std::int64_t max_length) {
  EncodeOptions o;
  o.scheme = all_schemes()[in.pick(all_schemes().size())];
  o.length = in.size(min_length, kSmallLength, max_length);
  o.dim = in.size(1, kSmallDim, kMaxDim);
  o.sinusoid = draw_sinusoid(in);
  o.seed = draw_seed(in);
  // learned: the table is max_length x D, a work size; 0 means L.
  o.max_length = o.scheme == Scheme::learned ? in.size(0, kSmallLength, kMaxLength) : in.any_int();
  return o;
}

inline RopeScaling draw_scaling(FuzzInput& in) {
  static constexpr RopeScaling all[] = {RopeScaling::unscaled, RopeScaling::linear, RopeScaling::ntk,
                                        RopeScaling::dynamic,  RopeScaling::yarn,   RopeScaling::llama3};
  return all[in.pick(6)];
}

/// RopeOptions: every scaling, each field in range mostly, edges sometimes.
inline RopeOptions draw_rope(FuzzInput& in) {
  RopeOptions o;
  o.scaling = draw_scaling(in);
  o.pairing = in.flag() ? RopePairing::half : RopePairing::interleaved;
  if (in.flag()) return o;
  o.base = in.real(1.0, 1e6);
  o.factor = in.real(1.0, 64.0);
  o.original_max_length = in.flag() ? in.any_int() : static_cast<std::int64_t>(in.u16()) + 1;
  o.seq_len = in.flag() ? in.any_int() : static_cast<std::int64_t>(in.u16()) + 1;
  o.beta_fast = in.real(0.0, 64.0);
  o.beta_slow = in.real(0.0, 4.0);
  o.low_freq_factor = in.real(0.0, 4.0);
  o.high_freq_factor = in.real(0.0, 16.0);
  o.partial = in.flag() ? 1.0 : in.real(0.0, 1.0);
  return o;
}

inline T5Options draw_t5(FuzzInput& in) {
  T5Options o;
  o.causal = in.flag();
  if (in.flag()) return o;
  o.num_buckets = in.size(2, 64, kMaxBuckets);
  o.max_distance = in.flag() ? in.any_int() : static_cast<std::int64_t>(in.u16());
  return o;
}

}  // namespace posenc::fuzz
