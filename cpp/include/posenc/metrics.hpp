// posenc/metrics.hpp: the source notebook's requirements for a positional encoding,
// measured for any absolute scheme at given L and D. The tutorial's requirements
// table is drawn from these numbers, so each is defined precisely here.
//
// Requirements (source notebook, "Basic Requirements"): uniqueness and consistency,
// order sensitivity, extrapolability, small values, scalability (cost).
#pragma once

#include <cstdint>
#include <string>

#include "posenc/encode.hpp"

namespace posenc {

struct MetricsOptions {
  EncodeOptions encode;     ///< scheme, L, D and the scheme's options
  double word_scale = 1.0;  ///< std s of the word embeddings compared against, in [1e-30, 1e6]
                            ///< (PyTorch nn.Embedding initializes N(0, 1); GPT-2 uses 0.02)
};

struct Metrics {
  // Uniqueness: min over i < j of ||p_i - p_j||_2 (0 means two positions share a
  // vector), and the pair that attains it.
  double min_distance = 0;
  std::int64_t closest_i = 0, closest_j = 0;

  // Consistency: max over i < L' of ||p_i(L) - p_i(L')||_2, where p_i(L) is
  // position i's vector in a sequence of length L and L' = ceil(L / 2). 0 means a
  // position keeps its vector whatever the sequence length.
  double consistency = 0;

  // Order / relative structure: for each offset k in 1..L-1 (with at least two
  // pairs), the standard deviation over i of <p_i, p_{i+k}>, divided by the mean
  // of ||p_i||^2; the largest over k. 0 means the dot product depends on k alone
  // (as for sinusoids, where it is sum_i cos(w_i k)); 0 also for `none`.
  double order_spread = 0;

  // Small values: the largest |p_ij|, and the RMS norm of p_i over the RMS norm of
  // a word embedding with i.i.d. N(0, s^2) entries (s sqrt(D)).
  double max_abs = 0;
  double norm_ratio = 0;

  // Extrapolation: whether the scheme yields vectors for positions L..2L-1 (a
  // learned table of size L_max = L does not: the error text says why), and the
  // largest |p_ij| there when it does.
  bool extrapolates = false;
  std::string extrapolation_error;
  double max_abs_beyond = 0;

  // Cost: trainable parameters; values that must be stored (a table that cannot be
  // recomputed on the fly); transcendental functions evaluated per token when
  // computed on the fly; additions per token to add p_i to the word embedding.
  std::int64_t parameters = 0;
  std::int64_t stored_values = 0;
  std::int64_t transcendentals_per_token = 0;
  std::int64_t adds_per_token = 0;
};

/// Longest table measure() accepts.
inline constexpr std::int64_t kMaxMetricsLength = 4096;

/// Computes every metric above. L must be in [2, kMaxMetricsLength = 4096] (pairwise distances are
/// O(L^2 D)) and L^2 D at most 2^34, and word_scale in [kMinWordScale = 1e-30,
/// 1e6]; throws posenc::Error otherwise, or for any option the encoding itself
/// rejects.
Metrics measure(const MetricsOptions& opts);

}  // namespace posenc
