// Implementation of posenc/rng.hpp.
#include "posenc/rng.hpp"

#include <cmath>

namespace posenc {

namespace {
constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

// The stream is folded in through the mixer so that (seed, stream) pairs start far
// apart in the sequence rather than a fixed offset from each other.
Rng::Rng(std::uint64_t seed, Stream stream) noexcept
    : state_(mix(seed + kGolden * (static_cast<std::uint64_t>(stream) + 1))) {}

Rng Rng::from_state(std::uint64_t state) noexcept {
  Rng r(0);
  r.state_ = state;
  return r;
}

std::uint64_t Rng::next_u64() noexcept {
  state_ += kGolden;
  return mix(state_);
}

float Rng::uniform01() noexcept {
  return static_cast<float>(next_u64() >> 40) * (1.0f / 16777216.0f);
}

float Rng::uniform(float lo, float hi) noexcept { return lo + (hi - lo) * uniform01(); }

float Rng::normal(float mean, float std) noexcept {
  // u1 in (0, 1] so log(u1) is finite; u2 in [0, 1).
  const double u1 = (static_cast<double>(next_u64() >> 11) + 1.0) * 0x1.0p-53;
  const double u2 = static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
  return static_cast<float>(mean + std * z);
}

}  // namespace posenc
