// posenc/relative.hpp: relative positions and Shaw et al.'s clipped relative
// representations (the `relative` scheme).
//
// Relative position r_ij = j - i (key minus query), an L x L matrix:
//
//   L = 4:  [ 0  1  2  3 ]     row i = query, column j = key; 2L - 1 distinct values
//           [-1  0  1  2 ]
//           [-2 -1  0  1 ]
//           [-3 -2 -1  0 ]
//
// Shaw, Uszkoreit, Vaswani 2018 ("Self-Attention with Relative Position
// Representations", NAACL, section 3.2): a_ij^K = w^K_clip(j - i, k),
// a_ij^V = w^V_clip(j - i, k), clip(x, k) = max(-k, min(k, x)), with learned
// w^K = (w^K_-k, ..., w^K_k) and w^V likewise, each in R^{d_a} (d_a = the head width,
// shared by the heads of a layer). Stored as tables of 2k + 1 rows, row index
//
//   index(i, j) = clip(j - i, k) + k   in 0..2k
//
// exactly tensor2tensor's _generate_relative_positions_matrix (common_attention.py:
// distance_mat = range_vec[None, :] - range_vec[:, None], tf.clip_by_value to
// [-k, k], + k). Clipping leaves 2k + 1 distinct encodings: the source notebook's
// "2k - 1" is an erratum (shared/notes/seed-errata.md item 7). In a sequence of
// length L only min(2k + 1, 2L - 1) of them occur.
#pragma once

#include <cstdint>

#include "posenc/kernels/relative.hpp"
#include "posenc/types.hpp"

namespace posenc {

/// The L x L matrix r_ij = j - i. Throws posenc::Error("length", ...) for length
/// outside [1, kMaxLength] or an output over 1 GiB (int64: 8 bytes per entry).
IMatrix relative_distances(std::int64_t length);

/// The L x L matrix of Shaw indices clip(j - i, -k, k) + k, in 0..2k (k = clip).
/// Throws posenc::Error("length" | "clip", ...); clip in [0, kMaxLength].
IMatrix relative_indices(std::int64_t length, std::int64_t clip);

/// Unclipped indices j - i + (L - 1), in 0..2L-2: the same as clipping at
/// k = L - 1, which no pair of a length-L sequence exceeds.
IMatrix relative_indices(std::int64_t length);

/// How many distinct indices occur in a length-L sequence clipped at k:
/// min(2k + 1, 2L - 1). Throws posenc::Error("length" | "clip", ...).
std::int64_t relative_unique_count(std::int64_t length, std::int64_t clip);

/// Shaw's learned key and value tables w^K, w^V, each (2k + 1) x d, row
/// clip(j - i, k) + k. Initialized N(0, std^2), std = 0.02 by default (the paper
/// does not say; this is the GPT-2/BERT initializer_range, the same as
/// LearnedTable), w^K from Rng(seed, Stream::relative_key) and w^V from
/// Rng(seed, Stream::relative_value), filled row by row, so the two never share
/// numbers and a table's size never shifts the other's values.
class ShawTables {
 public:
  /// Throws posenc::Error for clip outside [0, kMaxLength], dim outside
  /// [1, kMaxDim], std not in (0, 10], or two tables over 1 GiB.
  ShawTables(std::int64_t clip, std::int64_t dim, std::uint64_t seed, float std = 0.02f);

  std::int64_t clip() const { return clip_; }
  std::int64_t dim() const { return keys_.cols(); }
  /// 2k + 1.
  std::int64_t rows() const { return keys_.rows(); }
  /// w^K: row r is w^K_{r - k}.
  const Matrix& keys() const { return keys_; }
  /// w^V: row r is w^V_{r - k}.
  const Matrix& values() const { return values_; }

  /// a_ij^K = w^K_clip(j - i, k) for query i, key j (each in [0, kMaxPosition]; any
  /// distance is valid, far ones share the end rows). Throws posenc::Error("i" | "j").
  Eigen::RowVectorXf key(std::int64_t i, std::int64_t j) const;
  /// a_ij^V = w^V_clip(j - i, k). Throws posenc::Error("i" | "j").
  Eigen::RowVectorXf value(std::int64_t i, std::int64_t j) const;

 private:
  std::int64_t clip_;
  Matrix keys_, values_;
};

}  // namespace posenc
