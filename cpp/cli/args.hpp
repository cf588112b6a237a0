// cli/args.hpp: parsing `posenc <command> --name value ...` against a command's spec.
//
// Each command declares its options once (CommandSpec); the parser rejects unknown
// options, repeated options and missing values, and the typed getters validate
// ranges through posenc/error.hpp, so every bad argument becomes one posenc::Error
// naming the option, the value and the allowed range.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"

namespace posenc::cli {

class Args;

/// One option of a command. `value` is the metavariable shown in --help ("L");
/// an empty `value` makes the option a flag.
struct OptionSpec {
  std::string_view name;  // without the leading "--"
  std::string_view value;
  std::string_view help;
};

/// A command: its name, a one-line summary, its options, and what it runs.
/// `run` writes the result to `out` (cli/document.hpp) and returns the exit code.
struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  std::vector<OptionSpec> options;
  int (*run)(const Args& args, Output& out);
};

class Args {
 public:
  /// Parses argv (the words after the command name). Throws posenc::Error.
  Args(const CommandSpec& spec, const std::vector<std::string>& argv);

  bool help() const { return help_; }
  bool flag(std::string_view name) const;
  bool has(std::string_view name) const;
  /// The raw text of an option (throws if absent and no default).
  std::string text(std::string_view name, std::optional<std::string_view> def = std::nullopt) const;

  /// An integer in [lo, hi]; required when `def` is empty.
  std::int64_t integer(std::string_view name, std::optional<std::int64_t> def, std::int64_t lo,
                       std::int64_t hi) const;
  /// A finite number in [lo, hi] (open bounds as in require_real).
  double number(std::string_view name, std::optional<double> def, double lo, double hi,
                bool lo_open = false, bool hi_open = false) const;
  /// One of `allowed`.
  std::string choice(std::string_view name, std::optional<std::string_view> def,
                     const std::vector<std::string_view>& allowed) const;
  /// Comma-separated numbers (each finite), at least one, at most `max_count`.
  std::vector<double> number_list(std::string_view name, std::size_t max_count) const;
  /// Comma-separated integers in [lo, hi], at least one, at most `max_count`.
  std::vector<std::int64_t> integer_list(std::string_view name, std::int64_t lo, std::int64_t hi,
                                         std::size_t max_count) const;

  /// `--format json|csv`, for commands whose result is a table.
  bool csv() const;

 private:
  const CommandSpec& spec_;
  std::map<std::string, std::string, std::less<>> values_;
  bool help_ = false;
};

/// Throws Error(option, "<value> with --<selector> <chosen>", "only with --<selector>
/// <users>") if `option` was given. users: the modes that read it, "a | b".
void reject_unused_option(const Args& a, std::string_view option, std::string_view selector,
                          std::string_view chosen, std::string_view users);

/// Prints `posenc <command> --help`.
void print_help(const CommandSpec& spec, std::ostream& out);

}  // namespace posenc::cli
