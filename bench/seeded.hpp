// bench/seeded.hpp: the seeded inputs every benchmark in bench/ times, made one way
// so that posenc_bench, posenc_kernel_bench and posenc_gbench see the same numbers.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/types.hpp"

namespace posenc::bench {

/// The seed of every benchmark input (and of seeded_attention_config's tables).
inline constexpr std::uint64_t kSeed = 2024;

/// H matrices of L x d, N(0, 1), from the attention input stream `stream` (the
/// values only need to be finite and the same in every build).
inline HeadMatrices seeded_heads(std::int64_t heads, std::int64_t length, std::int64_t dim, Stream stream) {
  Rng rng(kSeed, stream);
  HeadMatrices out;
  for (std::int64_t h = 0; h < heads; ++h) {
    Matrix m(length, dim);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal(0.0f, 1.0f);
    out.push_back(std::move(m));
  }
  return out;
}

/// The same heads as one contiguous [H][L][d] buffer (the layout of
/// rope_apply_heads' HeadLayout::heads_first).
inline std::vector<float> seeded_heads_buffer(std::int64_t heads, std::int64_t length, std::int64_t dim,
                                              Stream stream) {
  std::vector<float> out;
  for (const Matrix& m : seeded_heads(heads, length, dim, stream)) out.insert(out.end(), m.data(), m.data() + m.size());
  return out;
}

}  // namespace posenc::bench
