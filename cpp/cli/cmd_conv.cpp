// posenc conv: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("conv: not implemented yet"); }
}  // namespace
const CommandSpec& conv_command() {
  static const CommandSpec spec{"conv", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
