// cli/limits_table.hpp: every size limit of posenc in one table, for
// `posenc --limits`, the JS API's `pe.limits` and the README's "Limits and
// guarantees" (tests/cli/limits.test.mjs holds the README to it).
//
// The values themselves are written once, as constants beside the code that
// enforces them (posenc/limits.hpp, metrics.hpp, similarity.hpp,
// train/config.hpp); this table only lists them.
#pragma once

#include <span>
#include <string_view>

#include "document.hpp"

namespace posenc::cli {

/// One limit: its snake_case name (camelCase in JS), the largest accepted value,
/// and where it applies.
struct Limit {
  std::string_view name;
  double value;
  std::string_view applies_to;
};

/// Every limit, general ones first.
std::span<const Limit> limit_table();

/// Writes the table as one object {name: value, ...}.
void write_limits(Document& doc);

}  // namespace posenc::cli
