// posenc's CLI fuzz target: the bytes become the words after `posenc <command>`
// (cpp/cli/main.cpp): option names of the command's spec (and unknown ones, "--",
// "-h", "--name=value"), values from a dictionary of awkward numbers ("nan",
// "1e308", "0x10", "-0", " 7", INT64 edges, 2^40 +- 1, lists with empty items)
// and choice names, small integers, or raw bytes (unicode, controls, empty).
// cli::Args parses them against the spec, as the CLI does; then the command runs
// with its output written to a null stream (JSON and CSV).
//
// A bug, reported by aborting (fuzz_checks.hpp): any exception other than
// posenc::Error escaping the parser or the command (std::bad_alloc included); a
// posenc::Error that is malformed, or that names something the user did not type:
// its argument must be an option of the command (--name), or "argument" /
// "option" for a word the parser refused; a return code other than 0.
//
// When the command body runs (the work rule): the parser always runs; the body
// only when every size-like option the user gave is small, so accepted runs stay
// cheap. A size-like option (the table below) blocks the run if any of its
// comma-separated items parses as an integer (strtoll, as cli::Args does) with
// |value| > its bound (read with cli::Args::integer_list); a value that is no
// integer list is left to the command, which refuses it. `train` runs only with
// --steps <= 2, --batch <= 4, --eval-examples <= 2, --eval-lengths <= 8 and --dim
// <= 16 all given (kTrainRequired).
// Defaults of the other commands are small (fire --hidden 32, conv --kernel 3).
// `attention --offset` counts as a size only with an absolute scheme (it encodes
// offset + L rows); elsewhere it is a position, tried at any value.
#include <cstdint>
#include <limits>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "../cli/args.hpp"
#include "../cli/commands.hpp"
#include "../cli/json.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_input.hpp"

namespace {

using posenc::cli::CommandSpec;
using posenc::fuzz::FuzzInput;

const std::vector<const CommandSpec*>& commands() {
  using namespace posenc::cli;
  static const std::vector<const CommandSpec*> all = {
      &encode_command(),     &relative_command(),   &t5_bucket_command(), &alibi_command(),
      &rope_freqs_command(), &rope_apply_command(), &rope_decay_command(), &fire_command(),
      &conv_command(),       &metrics_command(),    &attention_command(), &similarity_command(),
      &embed_command(),      &train_command(),
  };
  return all;
}

// Values worth trying in any option.
const char* const kValues[] = {
    "0", "1", "-1", "2", "3", "4", "5", "8", "16", "32", "33", "64", "65", "1024", "1025", "4096", "4097",
    "65536", "65537", "1048576", "1048577", "1099511627775", "1099511627776", "1099511627777",
    "9007199254740991", "9007199254740992", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "nan", "NaN", "inf", "-inf", "infinity", "1e308", "1e309",
    "-1e308", "4.9e-324", "1e-320", "-0", "-0.0", "0x10", "0x1p3", "1e6", "1e12", "1e13", "0.5", "1.5", "2.5",
    " 7", "7 ", "+5", "", " ", ",", "1,2,3", "0,1", "1,0", "1,,2", "0,1,2,3", "-1,0,1", "3,1,2,0", "\xc3\xa9",
    "\xff", "\n", "1\n", "none", "index", "normalized", "random", "learned", "sinusoidal", "relative", "t5",
    "rope", "alibi", "fire", "conv", "relative-bias", "half", "interleaved", "concat", "paper", "endpoint",
    "default", "linear", "ntk", "dynamic", "yarn", "llama3", "dot", "cosine", "word", "ones", "json", "csv",
    "copy", "reverse"};

// Option names no command has, and words that are not options.
const char* const kOddWords[] = {"--", "-", "-h", "--help", "--HELP", "--length=", "--=1", "--format=csv", "x",
                                 "--no-such-option", "---length"};

struct SizeOption {
  std::string_view command;  // "" = every command
  std::string_view option;
  std::int64_t bound;
};

// The size-like options and their bounds (see the work rule at the top).
const SizeOption kSizes[] = {
    {"", "length", 64},        {"", "dim", 64},           {"", "heads", 8},         {"", "hidden", 64},
    {"", "kernel", 33},        {"", "layers", 8},         {"", "max-length", 64},   {"", "clip", 64},
    {"attention", "num-buckets", 4096}, {"rope-decay", "max-distance", 64},
    {"train", "train-length", 8}, {"train", "vocab", 64},
};

// `train` runs only with each of these given and within its bound: its defaults
// (1600 steps, batch 16, 32 examples at lengths up to 64) take seconds even with
// 2 steps (21 s under ASan).
const SizeOption kTrainRequired[] = {
    {"train", "steps", 2}, {"train", "batch", 4}, {"train", "eval-examples", 2},
    {"train", "eval-lengths", 8}, {"train", "dim", 16},
};

// True when some comma-separated item of the option's value is an integer past
// `bound`, read by cli::Args itself; a value that is no integer list is left to
// the command, which refuses it.
bool too_big(const posenc::cli::Args& a, std::string_view option, std::int64_t bound) {
  if (!a.has(option)) return false;
  std::vector<std::int64_t> items;
  try {
    items = a.integer_list(option, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                           std::numeric_limits<std::size_t>::max());
  } catch (const posenc::Error&) {
    return false;
  }
  for (std::int64_t v : items)
    if (v > bound || v < -bound) return true;
  return false;
}

bool small_enough(const CommandSpec& spec, const posenc::cli::Args& a) {
  for (const SizeOption& s : kSizes)
    if ((s.command.empty() || s.command == spec.name) && too_big(a, s.option, s.bound)) return false;
  if (spec.name == "train")
    for (const SizeOption& s : kTrainRequired)
      if (!a.has(s.option) || too_big(a, s.option, s.bound)) return false;
  if (spec.name == "attention" && a.has("scheme")) {
    const std::string scheme = a.text("scheme");
    const bool absolute = scheme == "index" || scheme == "normalized" || scheme == "random" ||
                          scheme == "learned" || scheme == "sinusoidal";
    if (absolute && too_big(a, "offset", 64)) return false;
  }
  return true;
}

std::string word(FuzzInput& in, const CommandSpec& spec) {
  const std::uint8_t b = in.byte();
  if (b < 100) {
    if (spec.options.empty()) return "--help";
    std::string w = "--" + std::string(spec.options[in.pick(spec.options.size())].name);
    if (b < 10) w += "=" + std::string(kValues[in.pick(sizeof kValues / sizeof kValues[0])]);
    return w;
  }
  if (b < 200) return kValues[in.pick(sizeof kValues / sizeof kValues[0])];
  if (b < 235) return std::to_string(static_cast<int>(in.byte() % 70) - 3);
  if (b < 245) return kOddWords[in.pick(sizeof kOddWords / sizeof kOddWords[0])];
  return in.word();
}

// A null sink for the command's output.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c == EOF ? 0 : c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// The error's argument, spelled as the CLI prints it, must be something the user
// typed: an option of the command, or the parser's "argument" / "option".
void check_names_option(const posenc::Error& e, const CommandSpec& spec) {
  if (e.arg() == "argument" || e.arg() == "option") return;
  const std::string cli = posenc::spell_arg(e.arg(), posenc::ArgStyle::cli);
  for (const auto& o : spec.options)
    if (cli == "--" + std::string(o.name)) return;
  posenc::fuzz::fail("posenc " + std::string(spec.name) + ": the error names " + cli +
                     ", which is not an option of the command: \"" + e.render(posenc::ArgStyle::cli) + "\"");
}

// Text form (first byte 0xFF): "<command>\0<word>\0<word>..." taken literally, so
// seeds can be written by hand (tests/fuzz/make_seeds.py). Else the choice form.
const CommandSpec* read_words(const std::uint8_t* data, std::size_t size, std::vector<std::string>& argv) {
  if (size > 0 && data[0] == 0xFF) {
    std::string cur;
    std::vector<std::string> words;
    for (std::size_t k = 1; k <= size && words.size() < 64; ++k) {
      if (k == size || data[k] == 0) {
        words.push_back(cur);
        cur.clear();
      } else {
        cur += static_cast<char>(data[k]);
      }
    }
    for (const auto* c : commands())
      if (!words.empty() && c->name == words[0]) {
        argv.assign(words.begin() + 1, words.end());
        return c;
      }
    return nullptr;
  }
  FuzzInput in(data, size);
  const CommandSpec& spec = *commands()[in.pick(commands().size())];
  const std::size_t count = in.byte() % 16;
  for (std::size_t k = 0; k < count; ++k) argv.push_back(word(in, spec));
  return &spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> argv;
  const CommandSpec* found = read_words(data, size, argv);
  if (!found) return 0;
  const CommandSpec& spec = *found;
  static NullBuffer null_buffer;
  static std::ostream null_stream(&null_buffer);
  try {
    const posenc::cli::Args args(spec, argv);
    if (args.help()) {
      posenc::cli::print_help(spec, null_stream);
      return 0;
    }
    if (!small_enough(spec, args)) return 0;
    posenc::cli::Json document(null_stream);
    posenc::cli::Output out{null_stream, document};
    const int code = spec.run(args, out);
    if (code != 0) posenc::fuzz::fail("posenc " + std::string(spec.name) + " returned " + std::to_string(code));
  } catch (const posenc::Error& e) {
    posenc::fuzz::check_error(e, "cli");
    check_names_option(e, spec);
  } catch (const std::bad_alloc&) {
    posenc::fuzz::fail("posenc " + std::string(spec.name) + ": std::bad_alloc escaped");
  } catch (const std::exception& e) {
    posenc::fuzz::fail("posenc " + std::string(spec.name) + ": an exception other than posenc::Error: " + e.what());
  }
  return 0;
}
