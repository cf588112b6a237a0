// posenc fire: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("fire: not implemented yet"); }
}  // namespace
const CommandSpec& fire_command() {
  static const CommandSpec spec{"fire", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
