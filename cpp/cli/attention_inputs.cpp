// Implementation of cli/attention_inputs.hpp.
#include "attention_inputs.hpp"

#include <string>

#include "posenc/error.hpp"

namespace posenc::cli {

void check_permutation(const std::vector<std::int64_t>& p, std::int64_t length) {
  const std::string allowed =
      "a permutation of 0.." + std::to_string(length - 1) + " (each index exactly once, " + std::to_string(length) +
      " values)";
  const auto n = static_cast<std::int64_t>(p.size());
  if (n != length) throw Error("permute", std::to_string(n) + " values", allowed);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t v = p[static_cast<std::size_t>(i)];
    if (v < 0 || v >= length) throw Error("permute", std::to_string(v) + " at index " + std::to_string(i), allowed);
  }
  // All L values in range: one repeated means another is missing; name both.
  std::vector<std::int64_t> first_at(static_cast<std::size_t>(length), -1);
  for (std::int64_t i = 0; i < n; ++i) {
    auto& first = first_at[static_cast<std::size_t>(p[static_cast<std::size_t>(i)])];
    if (first < 0) {
      first = i;
      continue;
    }
    const std::int64_t v = p[static_cast<std::size_t>(i)];
    std::vector<bool> present(static_cast<std::size_t>(length), false);
    for (std::int64_t x : p) present[static_cast<std::size_t>(x)] = true;
    std::int64_t missing = 0;
    while (present[static_cast<std::size_t>(missing)]) ++missing;
    throw Error("permute",
                std::to_string(v) + " twice (at indices " + std::to_string(first) + " and " + std::to_string(i) +
                    "), " + std::to_string(missing) + " missing",
                allowed);
  }
}

InputStream::InputStream(const InputLayout& layout, std::uint64_t seed, Stream stream)
    : layout_(layout), rng_(seed, stream) {}

Matrix InputStream::next_head() {
  Matrix drawn(layout_.length, layout_.dim);
  for (Eigen::Index r = 0; r < drawn.rows(); ++r)
    for (Eigen::Index c = 0; c < drawn.cols(); ++c) drawn(r, c) = rng_.normal(0.0f, 1.0f);
  if (!layout_.permutation.empty()) {
    Matrix permuted(drawn.rows(), drawn.cols());
    for (Eigen::Index i = 0; i < drawn.rows(); ++i)
      permuted.row(i) = drawn.row(static_cast<Eigen::Index>(layout_.permutation[static_cast<std::size_t>(i)]));
    drawn.swap(permuted);
  }
  if (layout_.added.size() > 0) drawn += layout_.added;
  return drawn;
}

}  // namespace posenc::cli
