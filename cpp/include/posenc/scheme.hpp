// posenc/scheme.hpp: the position schemes, by name.
//
// The names are the shared vocabulary (CLI --scheme, JS `scheme`, widget
// attribute `scheme`): none (NoPE), index, normalized, random (the naive ones),
// learned, sinusoidal, relative (Shaw et al., clipped), t5, rope, alibi, fire, conv.
#pragma once

#include <string_view>
#include <vector>

namespace posenc {

enum class Scheme { none, index, normalized, random, learned, sinusoidal, relative, t5, rope, alibi, fire, conv };

/// The scheme's name in the shared vocabulary.
std::string_view scheme_name(Scheme s);

/// Parses a name; throws posenc::Error naming `arg` and listing `allowed`.
Scheme parse_scheme(std::string_view name, const std::vector<Scheme>& allowed,
                    std::string_view arg = "scheme");

/// Every scheme, in the order above.
const std::vector<Scheme>& all_schemes();

/// The absolute schemes: a vector p_i per position, added to the word embedding
/// (none, index, normalized, random, learned, sinusoidal).
const std::vector<Scheme>& absolute_schemes();

}  // namespace posenc
