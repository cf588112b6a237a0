// posenc/nope.hpp: `none` (NoPE), no positional information at all.
//
// An explicit scheme so every caller handles "no position" the same way: as an
// absolute encoding it is the L x D zero matrix (adding it changes nothing); inside
// attention it adds no bias and rotates nothing. Kazemnejad et al. 2023 ("The
// Impact of Positional Encoding on Length Generalization in Transformers") show
// that causal decoders can still infer position from the mask.
#pragma once

#include <cstdint>

#include "posenc/types.hpp"

namespace posenc {

/// The L x D zero matrix. Throws posenc::Error for sizes out of range.
Matrix none_encoding(std::int64_t length, std::int64_t dim);

}  // namespace posenc
