// The `posenc` command: exports the data behind every figure of the tutorial.
//
//   posenc <command> [--option value ...]     JSON on stdout (or --format csv)
//   posenc <command> --help
//   posenc --version
//   posenc --limits                           every size limit, as JSON
//
// Exit codes: 0 success; 2 bad arguments (one line on stderr naming the argument,
// the value and the allowed range); 3 out of memory; 1 anything else.
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "commands.hpp"
#include "json.hpp"
#include "limits_table.hpp"
#include "posenc/error.hpp"

namespace {

using posenc::cli::CommandSpec;

const std::vector<const CommandSpec*>& all_commands() {
  static const std::vector<const CommandSpec*> commands = {
      &posenc::cli::encode_command(),     &posenc::cli::relative_command(),
      &posenc::cli::t5_bucket_command(),  &posenc::cli::alibi_command(),
      &posenc::cli::rope_freqs_command(), &posenc::cli::rope_apply_command(),
      &posenc::cli::rope_decay_command(), &posenc::cli::fire_command(),
      &posenc::cli::conv_command(),       &posenc::cli::metrics_command(),
      &posenc::cli::attention_command(),  &posenc::cli::similarity_command(),
      &posenc::cli::embed_command(),      &posenc::cli::train_command(),
  };
  return commands;
}

void print_usage(std::ostream& out) {
  out << "usage: posenc <command> [options]    (posenc <command> --help for its options)\n\n"
         "commands:\n";
  for (const auto* c : all_commands()) {
    const std::string name(c->name);
    out << "  " << name << std::string(12 - name.size(), ' ') << c->summary << "\n";
  }
  out << "\nAlso: posenc --limits (every size limit: largest L, D, H, output bytes, ..., as JSON),\n"
         "posenc --version.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  static char buffer[1 << 16];
  std::cout.rdbuf()->pubsetbuf(buffer, sizeof buffer);
  if (argc < 2) {
    print_usage(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--version") {
    std::cout << "posenc " << POSENC_VERSION << "\n";
    return 0;
  }
  if (name == "--limits") {
    posenc::cli::Json document(std::cout);
    posenc::cli::write_limits(document);
    document.finish();
    return 0;
  }
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  const CommandSpec* spec = nullptr;
  for (const auto* c : all_commands())
    if (c->name == name) spec = c;
  std::string prefix = "posenc";
  try {
    if (!spec) {
      std::string list;
      for (const auto* c : all_commands()) list += (list.empty() ? "" : ", ") + std::string(c->name);
      throw posenc::Error("command", posenc::quoted(name), "one of " + list);
    }
    prefix += " " + name;
    posenc::cli::Args args(*spec, std::vector<std::string>(argv + 2, argv + argc));
    if (args.help()) {
      posenc::cli::print_help(*spec, std::cout);
      return 0;
    }
    // Every command validates and computes its whole result before it writes the
    // first byte, so an error never leaves half a document on stdout; streaming
    // (not buffering the text) keeps a near-1-GiB result from tripling in memory.
    posenc::cli::Json document(std::cout);
    posenc::cli::Output out{std::cout, document};
    const int code = spec->run(args, out);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << prefix << ": could not write the output\n";
      return 1;
    }
    return code;
  } catch (const posenc::Error& e) {
    std::cerr << prefix << ": " << e.render(posenc::ArgStyle::cli) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << prefix << ": out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << prefix << ": " << e.what() << "\n";
    return 1;
  }
}
