// Implementation of posenc/naive.hpp (and posenc/nope.hpp).
#include "posenc/naive.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/nope.hpp"
#include "posenc/rng.hpp"

namespace posenc {

void check_length_dim(std::int64_t length, std::int64_t dim) {
  require_int("length", length, 1, kMaxLength);
  require_int("dim", dim, 1, kMaxDim);
  require_output_size("length", static_cast<double>(length) * static_cast<double>(dim),
                      "length x dim = " + std::to_string(length) + " x " + std::to_string(dim));
}

Matrix index_encoding(std::int64_t length, std::int64_t dim) {
  check_length_dim(length, dim);
  Matrix p(length, dim);
  for (std::int64_t i = 0; i < length; ++i) p.row(i).setConstant(static_cast<float>(i));
  return p;
}

Matrix normalized_encoding(std::int64_t length, std::int64_t dim) {
  check_length_dim(length, dim);
  Matrix p(length, dim);
  // Divide in double: i/(L-1) rounded once to float.
  const double denom = length > 1 ? static_cast<double>(length - 1) : 1.0;
  for (std::int64_t i = 0; i < length; ++i) p.row(i).setConstant(static_cast<float>(i / denom));
  return p;
}

Matrix random_encoding(std::int64_t length, std::int64_t dim, std::uint64_t seed) {
  check_length_dim(length, dim);
  Rng rng(seed, Stream::random_positions);
  Matrix p(length, dim);
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t j = 0; j < dim; ++j) p(i, j) = rng.uniform(-1.0f, 1.0f);
  return p;
}

Matrix none_encoding(std::int64_t length, std::int64_t dim) {
  check_length_dim(length, dim);
  return Matrix::Zero(length, dim);
}

}  // namespace posenc
