// cli/rope_options.hpp: RoPE's frequency options (--base, --scaling, --factor, ...,
// --partial), shared by `posenc rope-freqs`, `rope-apply` and `attention` so all
// three spell, document and check them the same way.
//
// The CLI rule they follow: an option that the chosen mode does not use is an
// error naming it (--factor with --scaling default, --num-buckets with --scheme
// rope), never silently ignored.
#pragma once

#include <string_view>
#include <vector>

#include "args.hpp"
#include "posenc/rope.hpp"

namespace posenc::cli {

/// `first`, then the frequency options with their help text.
std::vector<OptionSpec> with_rope_frequency_options(std::vector<OptionSpec> first);

/// The names of the frequency options (without "--"), in --help order.
const std::vector<std::string_view>& rope_frequency_option_names();

/// Reads and validates the frequency options (pairing stays the default: the
/// commands that apply rotations read --pairing themselves). Throws posenc::Error
/// naming the option, also for one the chosen --scaling does not use.
RopeOptions read_rope_frequency_options(const Args& a);

}  // namespace posenc::cli
