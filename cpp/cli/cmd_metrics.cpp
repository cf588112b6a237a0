// posenc metrics: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("metrics: not implemented yet"); }
}  // namespace
const CommandSpec& metrics_command() {
  static const CommandSpec spec{"metrics", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
