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
/// Largest |entry| of attention's q, k and v: a logit is at most scale x d x
/// max|q| x max|k| <= 1e6 x 65,536 x 1e24 = 6.6e34, far inside float32's 3.4e38
/// (at 1e18 the fast path's float32 logits overflow to Inf and its softmax to NaN).
inline constexpr double kMaxAttentionInput = 1e12;
/// Smallest std s of the word vectors N(0, s^2) (embed, metrics): below it float32
/// word vectors underflow to 0 and ||p|| / ||w|| is 0/0 or Inf.
inline constexpr double kMinWordScale = 1e-30;
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
