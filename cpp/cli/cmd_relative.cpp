// posenc relative: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("relative: not implemented yet"); }
}  // namespace
const CommandSpec& relative_command() {
  static const CommandSpec spec{"relative", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
