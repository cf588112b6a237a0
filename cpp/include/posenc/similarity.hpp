// posenc/similarity.hpp: how alike the encodings of two positions are, for every
// pair, and how that depends on the offset between them.
//
//   S[i][j] = <p_i, p_j>                              (measure dot)
//   S[i][j] = <p_i, p_j> / (||p_i|| ||p_j||)          (measure cosine)
//
// The cosine of a zero vector (`none`, row 0 of `index`) is undefined: that entry
// is NaN (JSON null), not an error, and the offset statistics skip it.
//
// by_offset summarizes S along its diagonals: for each k = j - i (key minus query)
// in -(L-1)..L-1, the mean, min and max of S[i][i+k] over the pairs where it is
// defined. For the sinusoids <p_i, p_{i+k}> = sum_m cos(w_m k) (Vaswani et al.
// 2017, section 3.5: "PE_{pos+k} is a linear function of PE_pos"), so min = max on
// every diagonal; for `index` it grows with i; for `random` there is no structure.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "posenc/encode.hpp"
#include "posenc/types.hpp"

namespace posenc {

enum class SimilarityMeasure { dot, cosine };

/// Parses "dot" | "cosine"; throws posenc::Error naming `measure`.
SimilarityMeasure parse_measure(std::string_view name);

struct SimilarityOptions {
  EncodeOptions encode;                               ///< scheme, L, D, the scheme's options
  SimilarityMeasure measure = SimilarityMeasure::dot;
};

/// S along its diagonals. offset[n] = n - (L - 1); pairs[n] = how many of the
/// L - |k| pairs with that offset have a defined S (all of them for dot).
/// Statistics of an offset with no defined pair are NaN.
struct OffsetStats {
  std::vector<std::int64_t> offset, pairs;
  std::vector<double> mean, min, max;
};

struct Similarity {
  Matrix matrix;         ///< L x L, S[i][j] rounded to float32 (NaN: undefined cosine)
  OffsetStats by_offset; ///< from S in double, before rounding
};

/// S of any matrix P (rows = positions), computed in double: the Gram matrix
/// P P^T (lower triangle, mirrored, so S is exactly symmetric), then the cosine
/// from its diagonal. O(L^2 D). Does not check sizes.
Similarity similarity_of(const Matrix& p, SimilarityMeasure measure);

/// Longest sequence similarity() accepts (L x L output, O(L^2 D) work).
inline constexpr std::int64_t kMaxSimilarityLength = 4096;

/// S of the chosen absolute scheme. L must be in [2, kMaxSimilarityLength = 4096]
/// and L^2 D at most 2^34; throws posenc::Error otherwise, or for any option the
/// encoding itself rejects.
Similarity similarity(const SimilarityOptions& opts);

}  // namespace posenc
