// posenc t5-bucket: placeholder until the command is written.
#include <stdexcept>
#include "commands.hpp"

namespace posenc::cli {
namespace {
int run(const Args&, std::ostream&) { throw std::runtime_error("t5-bucket: not implemented yet"); }
}  // namespace
const CommandSpec& t5_bucket_command() {
  static const CommandSpec spec{"t5-bucket", "(not implemented yet)", {}, run};
  return spec;
}
}  // namespace posenc::cli
