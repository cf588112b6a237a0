// Implementation of posenc/learned.hpp.
#include "posenc/learned.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/naive.hpp"
#include "posenc/rng.hpp"

namespace posenc {

LearnedTable::LearnedTable(std::int64_t max_length, std::int64_t dim, std::uint64_t seed, float std) {
  require_int("max_length", max_length, 1, kMaxLength);
  require_int("dim", dim, 1, kMaxDim);
  require_output_size("max_length", static_cast<double>(max_length) * static_cast<double>(dim),
                      "max_length x dim = " + std::to_string(max_length) + " x " + std::to_string(dim));
  require_real("std", std, 0.0, 10.0, /*lo_open=*/true);
  Rng rng(seed, Stream::learned_table);
  weights_.resize(max_length, dim);
  for (std::int64_t i = 0; i < max_length; ++i)
    for (std::int64_t j = 0; j < dim; ++j) weights_(i, j) = rng.normal(0.0f, std);
}

Matrix LearnedTable::lookup(std::int64_t length) const {
  require_int("length", length, 1, kMaxLength);
  if (length > max_length()) {
    throw Error("length", std::to_string(length),
                "at most max_length = " + std::to_string(max_length()) +
                    " (a learned table has no row for position " + std::to_string(max_length()) +
                    " or beyond: it cannot extrapolate)");
  }
  return weights_.topRows(length);
}

Eigen::RowVectorXf LearnedTable::row(std::int64_t position) const {
  if (position < 0 || position >= max_length()) {
    throw Error("position", std::to_string(position),
                "integer in [0, " + std::to_string(max_length() - 1) + "] (max_length = " +
                    std::to_string(max_length()) + ": a learned table has no row beyond it)");
  }
  return weights_.row(position);
}

Matrix learned_encoding(std::int64_t length, std::int64_t dim, std::int64_t max_length, std::uint64_t seed) {
  check_length_dim(length, dim);
  return LearnedTable(max_length, dim, seed).lookup(length);
}

}  // namespace posenc
