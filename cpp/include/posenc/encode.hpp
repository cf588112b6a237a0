// posenc/encode.hpp: any absolute scheme by name (what `posenc encode` and the
// metrics call).
#pragma once

#include <cstdint>

#include "posenc/scheme.hpp"
#include "posenc/sinusoidal.hpp"
#include "posenc/types.hpp"

namespace posenc {

struct EncodeOptions {
  Scheme scheme = Scheme::sinusoidal;  ///< one of absolute_schemes()
  std::int64_t length = 0;             ///< L
  std::int64_t dim = 0;                ///< D
  SinusoidalOptions sinusoid{};        ///< layout, base, spacing (sinusoidal only)
  std::uint64_t seed = 0;              ///< random, learned
  std::int64_t max_length = 0;         ///< learned: table size L_max; 0 means L_max = L
};

/// The L x D matrix P of the chosen absolute scheme (row i = p_i). Throws
/// posenc::Error for a non-absolute scheme or any argument out of range.
Matrix encode(const EncodeOptions& opts);

}  // namespace posenc
