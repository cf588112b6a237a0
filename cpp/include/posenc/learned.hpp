// posenc/learned.hpp: learned absolute position embeddings (BERT, GPT-2, GPT-3).
//
// A table W_p of shape L_max x D, one trainable row per position; p_i = W_p[i].
// Initialized here as GPT-2 does (normal, mean 0, std 0.02; GPT-2's
// `wpe` with initializer_range 0.02), from posenc::Rng(seed, Stream::learned_table).
// A position >= L_max has no row: that is the extrapolation failure the tutorial
// shows, reported as an error naming L_max (never clamped to the last row).
#pragma once

#include <cstdint>

#include "posenc/types.hpp"

namespace posenc {

class LearnedTable {
 public:
  /// max_length x dim table, N(0, std^2) entries. Throws posenc::Error for sizes
  /// out of range or std not in (0, 10].
  LearnedTable(std::int64_t max_length, std::int64_t dim, std::uint64_t seed, float std = 0.02f);

  std::int64_t max_length() const { return weights_.rows(); }
  std::int64_t dim() const { return weights_.cols(); }
  const Matrix& weights() const { return weights_; }

  /// Rows 0..length-1. Throws posenc::Error("length", ...) when length > max_length.
  Matrix lookup(std::int64_t length) const;

  /// Row `position`. Throws posenc::Error("position", ...) unless 0 <= position < max_length.
  Eigen::RowVectorXf row(std::int64_t position) const;

 private:
  Matrix weights_;
};

/// `learned`: the first `length` rows of LearnedTable(max_length, dim, seed).
Matrix learned_encoding(std::int64_t length, std::int64_t dim, std::int64_t max_length,
                        std::uint64_t seed);

}  // namespace posenc
