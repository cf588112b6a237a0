// Implementation of posenc/relative.hpp: validation, then loops over
// kernels::shaw_index.
#include "posenc/relative.hpp"

#include <algorithm>
#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"

namespace posenc {

namespace {

// An L x L int64 matrix: 8 bytes per entry.
void check_square(std::int64_t length) {
  require_int("length", length, 1, kMaxLength);
  require_output_size("length", static_cast<double>(length) * static_cast<double>(length),
                      "length x length = " + std::to_string(length) + " x " + std::to_string(length) + " (int64)",
                      /*value_bytes=*/8);
}

void check_clip(std::int64_t clip) { require_int("clip", clip, 0, kMaxLength); }

IMatrix indices(std::int64_t length, std::int64_t clip) {
  IMatrix m(length, length);
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t j = 0; j < length; ++j) m(i, j) = kernels::shaw_index(i, j, clip);
  return m;
}

Matrix normal_table(std::int64_t rows, std::int64_t dim, std::uint64_t seed, Stream stream, float std) {
  Rng rng(seed, stream);
  Matrix t(rows, dim);
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < dim; ++c) t(r, c) = rng.normal(0.0f, std);
  return t;
}

}  // namespace

IMatrix relative_distances(std::int64_t length) {
  check_square(length);
  IMatrix m(length, length);
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t j = 0; j < length; ++j) m(i, j) = j - i;
  return m;
}

IMatrix relative_indices(std::int64_t length, std::int64_t clip) {
  check_square(length);
  check_clip(clip);
  return indices(length, clip);
}

IMatrix relative_indices(std::int64_t length) {
  check_square(length);
  return indices(length, length - 1);
}

std::int64_t relative_unique_count(std::int64_t length, std::int64_t clip) {
  require_int("length", length, 1, kMaxLength);
  check_clip(clip);
  return std::min(2 * clip + 1, 2 * length - 1);
}

ShawTables::ShawTables(std::int64_t clip, std::int64_t dim, std::uint64_t seed, float std) : clip_(clip) {
  check_clip(clip);
  require_int("dim", dim, 1, kMaxDim);
  const std::int64_t rows = 2 * clip + 1;
  require_output_size("clip", 2.0 * static_cast<double>(rows) * static_cast<double>(dim),
                      "2 tables x (2 clip + 1) x dim = 2 x " + std::to_string(rows) + " x " + std::to_string(dim));
  require_real("std", std, 0.0, 10.0, /*lo_open=*/true);
  keys_ = normal_table(rows, dim, seed, Stream::relative_key, std);
  values_ = normal_table(rows, dim, seed, Stream::relative_value, std);
}

Eigen::RowVectorXf ShawTables::key(std::int64_t i, std::int64_t j) const {
  require_int("i", i, 0, kMaxPosition);
  require_int("j", j, 0, kMaxPosition);
  return keys_.row(kernels::shaw_index(i, j, clip_));
}

Eigen::RowVectorXf ShawTables::value(std::int64_t i, std::int64_t j) const {
  require_int("i", i, 0, kMaxPosition);
  require_int("j", j, 0, kMaxPosition);
  return values_.row(kernels::shaw_index(i, j, clip_));
}

}  // namespace posenc
