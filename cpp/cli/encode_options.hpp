// cli/encode_options.hpp: the options of an absolute scheme, shared by
// `posenc encode` and `posenc metrics` so both spell and check them the same way.
#pragma once

#include <vector>

#include "args.hpp"
#include "posenc/encode.hpp"

namespace posenc::cli {

/// --scheme, --length, --dim, --layout, --spacing, --base, --seed, --max-length.
const std::vector<OptionSpec>& encode_option_specs();

/// Reads and validates those options.
EncodeOptions parse_encode_options(const Args& a);

}  // namespace posenc::cli
