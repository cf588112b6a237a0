// posenc/t5.hpp: T5's relative-position buckets (the `t5` scheme).
//
// Raffel et al. 2020 ("Exploring the Limits of Transfer Learning with a Unified
// Text-to-Text Transformer", section 2.1): each head adds a learned scalar
// b[bucket(j - i)] to the logit of query i and key j. Relative position is
// r = j - i (key minus query; T5's memory_position - context_position). Half of a
// side's buckets are exact (|r| < max_exact), the other half log-spaced up to
// max_distance; every |r| >= max_distance shares the last bucket of its side.
//
//   bidirectional (encoder), B = 32, M = 128:      causal (decoder), B = 32, M = 128:
//     r <= 0: bucket in 0..15  (keys before)         r <= 0: bucket in 0..31
//     r >  0: bucket in 16..31 (keys after)          r >  0: bucket 0 (as r = 0)
//
// Bit-exact with HF transformers T5Attention._relative_position_bucket (float32 log
// branch, truncation toward zero) and mesh_tensorflow's _relative_position_bucket;
// the per-position math is in kernels/t5.hpp. Checked against torch 1.13 running
// HF's definition for every r in [-5000, 5000] in six configurations
// (tests/reference/t5_buckets.py).
#pragma once

#include <cstdint>
#include <vector>

#include "posenc/kernels/t5.hpp"
#include "posenc/limits.hpp"
#include "posenc/types.hpp"

namespace posenc {

struct T5Options {
  std::int64_t num_buckets = 32;    ///< B: bidirectional: even, in [4, kMaxBuckets]; causal: [2, kMaxBuckets]
  std::int64_t max_distance = 128;  ///< M: in (max_exact, kMaxPosition], max_exact = B/4 (bidirectional) or B/2 (causal)
  bool causal = false;              ///< false: bidirectional (T5 encoder); true: causal (T5 decoder)
};

/// max_exact = B' / 2 with B' = B / 2 (bidirectional) or B (causal): the number of
/// exact buckets on each side. Throws posenc::Error for a bad num_buckets.
std::int64_t t5_max_exact(const T5Options& opts);

/// Throws posenc::Error("num_buckets" | "max_distance", ...) unless the options are
/// valid (see T5Options; max_distance must exceed max_exact, or log(M / e) <= 0).
void check_t5_options(const T5Options& opts);

/// bucket(r) for one relative position r = key - query, |r| <= kMaxPosition.
/// Result in [0, num_buckets). Throws posenc::Error("relative_position", ...).
std::int64_t t5_bucket(std::int64_t relative_position, const T5Options& opts = {});

/// bucket(r) for each r (the list form of the CLI's --positions). Throws
/// posenc::Error("relative_positions", ...) for an empty list, more than kMaxLength
/// entries, or an entry with |r| > kMaxPosition (the message gives its index).
std::vector<std::int64_t> t5_buckets(const std::vector<std::int64_t>& relative_positions,
                                     const T5Options& opts = {});

/// The L x L matrix bucket(j - i), row i = query, column j = key (HF's compute_bias
/// before the embedding lookup). Throws posenc::Error for length outside
/// [1, kMaxLength] or an output over 1 GiB (int64: 8 bytes per entry).
IMatrix t5_bucket_matrix(std::int64_t length, const T5Options& opts = {});

}  // namespace posenc
