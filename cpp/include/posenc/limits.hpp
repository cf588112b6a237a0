// posenc/limits.hpp: the size limits, written down once.
//
// Every entry point checks its sizes against these and reports a posenc::Error
// that names the limit; nothing is clamped.
#pragma once

#include <cstdint>

namespace posenc {

/// Largest sequence length L (positions 0..L-1).
inline constexpr std::int64_t kMaxLength = 1 << 20;  // 1,048,576
/// Largest model or head width D.
inline constexpr std::int64_t kMaxDim = 1 << 16;  // 65,536
/// Largest head count H.
inline constexpr std::int64_t kMaxHeads = 1024;
/// Largest absolute position accepted where a single position is given
/// (RoPE apply, T5 buckets): positions are exact in double far beyond this.
inline constexpr std::int64_t kMaxPosition = std::int64_t{1} << 40;
/// Largest output of one call, in bytes (1 GiB).
inline constexpr double kMaxOutputBytes = 1024.0 * 1024.0 * 1024.0;
/// Largest seed: 2^53 - 1, so a seed survives a round trip through a JS number.
inline constexpr std::int64_t kMaxSeed = (std::int64_t{1} << 53) - 1;

// Per-scheme limits.

/// FIRE: largest MLP width W.
inline constexpr std::int64_t kMaxFireHidden = 4096;
/// conv: largest kernel size K (odd), and most stacked layers.
inline constexpr std::int64_t kMaxConvKernel = 1023;
inline constexpr std::int64_t kMaxConvLayers = 256;
/// T5: largest num_buckets (a bucket table has one row per bucket; no sequence
/// has more distinct distances than 2 * kMaxLength - 1).
inline constexpr std::int64_t kMaxBuckets = kMaxLength;
/// RoPE: largest scaling factor (context-extension factors in use are <= 64).
inline constexpr double kMaxRopeFactor = 1e6;
/// RoPE: most terms one rope_decay_curve call may sum (distances x d/2), about a
/// second of work.
inline constexpr double kMaxRopeDecayTerms = 1 << 26;

}  // namespace posenc
