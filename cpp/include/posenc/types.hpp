// posenc/types.hpp: the matrix types every header uses.
//
// Row-major float32, so row i of an encoding is position i and the data can be
// handed to JS or written out row by row without a transpose.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace posenc {

/// L x D (positions x width) and other 2-D results, row-major float32.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Integer matrices (relative distances, bucket indices).
using IMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// A float vector.
using Vector = Eigen::VectorXf;
/// H x L x L (heads, query, key): one Matrix per head.
using HeadMatrices = std::vector<Matrix>;

}  // namespace posenc
