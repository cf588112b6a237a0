// posenc rope-*: placeholder until the commands are written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("rope: not implemented yet"); }
}  // namespace
const CommandSpec& rope_freqs_command() {
  static const CommandSpec spec{"rope-freqs", "(not implemented yet)", {}, run};
  return spec;
}
const CommandSpec& rope_apply_command() {
  static const CommandSpec spec{"rope-apply", "(not implemented yet)", {}, run};
  return spec;
}
const CommandSpec& rope_decay_command() {
  static const CommandSpec spec{"rope-decay", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
