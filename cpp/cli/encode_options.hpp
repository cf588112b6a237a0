// cli/encode_options.hpp: the options of an absolute scheme, shared by
// `posenc encode` and `posenc metrics` so both spell and check them the same way.
#pragma once

#include <vector>

#include "args.hpp"
#include "document.hpp"
#include "posenc/encode.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {

/// --scheme, --length, --dim, --layout, --spacing, --base, --seed, --max-length.
const std::vector<OptionSpec>& encode_option_specs();

/// Reads and validates those options; --length must lie in [min_length,
/// max_length] (metrics measures shorter tables than encode writes). An option of
/// another scheme (--base with --scheme random) is an error.
EncodeOptions parse_encode_options(const Args& a, std::int64_t min_length = 1,
                                   std::int64_t max_length = kMaxLength);

/// Writes "scheme", "length", "dim" and the options the scheme read (layout,
/// spacing, base; seed; max_length) as keys of the open object.
void write_encode_options(Document& j, const EncodeOptions& o);

}  // namespace posenc::cli
