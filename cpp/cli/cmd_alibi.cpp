// posenc alibi: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("alibi: not implemented yet"); }
}  // namespace
const CommandSpec& alibi_command() {
  static const CommandSpec spec{"alibi", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
