// posenc/error.hpp: the one error type of the library.
//
// Every public entry point validates its arguments and throws posenc::Error on bad
// input. The error names the argument, the value it got and what is allowed, so a
// caller can print it on one line:
//
//     length: got 0; allowed: integer in [1, 1048576]
//
// The argument name is stored in snake_case (the C++ spelling); the CLI prints it
// as `--max-length`, the JS layer as `maxLength` (see render()).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace posenc {

/// How an argument name is spelled when an Error is rendered.
enum class ArgStyle { snake, cli, camel };

class Error : public std::invalid_argument {
 public:
  /// arg: the argument's snake_case name; got: the value as given (already text);
  /// allowed: the allowed range or set, in words.
  Error(std::string arg, std::string got, std::string allowed);

  const std::string& arg() const noexcept { return arg_; }
  const std::string& got() const noexcept { return got_; }
  const std::string& allowed() const noexcept { return allowed_; }

  /// One line: "<arg>: got <got>; allowed: <allowed>", the name spelled in `style`.
  std::string render(ArgStyle style) const;

 private:
  std::string arg_, got_, allowed_;
};

/// Spells a snake_case argument name in the given style ("max_length" ->
/// "--max-length" or "maxLength").
std::string spell_arg(std::string_view snake, ArgStyle style);

/// Formats a number for an error message: whole numbers below 1e7 in full,
/// others as the shortest text that reads back as the same double, nan/inf by name.
std::string format_value(double v);
std::string format_value(std::int64_t v);

/// Throws unless lo <= value <= hi. Returns value, so it can sit in an initializer.
std::int64_t require_int(std::string_view arg, std::int64_t value, std::int64_t lo, std::int64_t hi);

/// Throws unless value is finite and lo <= value <= hi (lo_open / hi_open make the
/// bound exclusive).
double require_real(std::string_view arg, double value, double lo, double hi,
                    bool lo_open = false, bool hi_open = false);

/// Throws unless an output of `count` values of `value_bytes` bytes each (4 for
/// float32, 8 for int64) fits in kMaxOutputBytes. `what` describes the shape, e.g.
/// "length x dim = 200000 x 4096".
void require_output_size(std::string_view arg, double count, std::string_view what, int value_bytes = 4);

/// `s` in double quotes, each line break (CR, LF) replaced by a space: how an error
/// quotes a value the caller typed, so that its message stays on one line.
std::string quoted(std::string_view s);

/// Looks `name` up among `choices` (name, value) and returns its value; otherwise
/// throws Error(arg, "\"name\"", "one of a, b, c"). Every name -> enum parser
/// (layout, spacing, pairing, scaling, content) goes through here, so they all
/// spell the error the same way.
template <class T>
T parse_choice(std::string_view arg, std::string_view name,
               std::initializer_list<std::pair<std::string_view, T>> choices) {
  std::string list;
  for (const auto& [n, v] : choices) {
    if (n == name) return v;
    list += (list.empty() ? "" : ", ") + std::string(n);
  }
  throw Error(std::string(arg), quoted(name), "one of " + list);
}

}  // namespace posenc
