// posenc/kernels/relative.hpp: the per-element math of Shaw et al. 2018's clipped
// relative positions ("Self-Attention with Relative Position Representations",
// section 3.2; tensor2tensor's _generate_relative_positions_matrix).
#pragma once

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// Shaw's table row for query i, key j: clip(j - i, -k, k) + k, in 0..2k
/// (relative position = key - query; k = clip).
POSENC_HD long long shaw_index(long long i, long long j, long long clip) {
  const long long r = j - i;
  return (r < -clip ? -clip : (r > clip ? clip : r)) + clip;
}

/// The relative-bias scheme's bias for query i, key j: the head's learned scalar for
/// the clipped distance, table_row[shaw_index(i, j, clip)] (table_row: 2k + 1 values).
POSENC_HD float relative_bias(const float* table_row, long long i, long long j, long long clip) {
  return table_row[shaw_index(i, j, clip)];
}

}  // namespace posenc::kernels
