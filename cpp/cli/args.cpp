// Implementation of cli/args.hpp.
#include "args.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <ostream>

#include "posenc/error.hpp"

namespace posenc::cli {

namespace {

std::string snake(std::string_view kebab) {
  std::string s(kebab);
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

std::string option_list(const CommandSpec& spec) {
  std::string s;
  for (const auto& o : spec.options) s += (s.empty() ? "--" : ", --") + std::string(o.name);
  return s.empty() ? "no options" : s + ", --help";
}

// Strict integer parse: the whole text, base 10, no overflow.
bool parse_int(const std::string& s, std::int64_t& out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || end != s.c_str() + s.size()) return false;
  out = v;
  return true;
}

bool parse_real(const std::string& s, double& out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE) return false;
  out = v;
  return true;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      parts.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

}  // namespace

Args::Args(const CommandSpec& spec, const std::vector<std::string>& argv) : spec_(spec) {
  for (std::size_t k = 0; k < argv.size(); ++k) {
    const std::string& word = argv[k];
    if (word == "--help" || word == "-h") {
      help_ = true;
      continue;
    }
    if (word.rfind("--", 0) != 0) {
      throw Error("argument", quoted(word), "options of the form --name value (" + option_list(spec) + ")");
    }
    std::string name = word.substr(2);
    std::string value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const OptionSpec* opt = nullptr;
    for (const auto& o : spec.options)
      if (o.name == name) opt = &o;
    if (!opt) throw Error("option", quoted("--" + name), option_list(spec));
    if (values_.count(name)) throw Error(snake(name), "it twice", "each option at most once");
    if (opt->value.empty()) {
      if (inline_value) throw Error(snake(name), quoted(value), "no value (it is a flag)");
      values_[name] = "";
      continue;
    }
    if (!inline_value) {
      if (k + 1 >= argv.size()) throw Error(snake(name), "no value", "a value " + std::string(opt->value));
      value = argv[++k];
    }
    values_[name] = value;
  }
}

bool Args::flag(std::string_view name) const { return values_.find(name) != values_.end(); }
bool Args::has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::string Args::text(std::string_view name, std::optional<std::string_view> def) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  if (def) return std::string(*def);
  // What is allowed, in the words of --help, less its "required" note.
  std::string allowed;
  for (const auto& o : spec_.options)
    if (o.name == name) allowed = std::string(o.value) + ": " + std::string(o.help);
  for (const std::string_view note : {" (required)", "required; "}) {
    const auto at = allowed.find(note);
    if (at != std::string::npos) allowed.erase(at, note.size());
  }
  throw Error(snake(name), "nothing (it is required)", allowed);
}

std::int64_t Args::integer(std::string_view name, std::optional<std::int64_t> def, std::int64_t lo,
                           std::int64_t hi) const {
  if (!has(name) && def) return *def;
  const std::string s = text(name);
  std::int64_t v = 0;
  if (!parse_int(s, v)) {
    throw Error(snake(name), quoted(s),
                "integer in [" + format_value(lo) + ", " + format_value(hi) + "]");
  }
  return require_int(snake(name), v, lo, hi);
}

double Args::number(std::string_view name, std::optional<double> def, double lo, double hi,
                    bool lo_open, bool hi_open) const {
  if (!has(name) && def) return *def;
  const std::string s = text(name);
  double v = 0;
  if (!parse_real(s, v) || !std::isfinite(v)) {
    throw Error(snake(name), quoted(s),
                std::string("finite number in ") + (lo_open ? "(" : "[") + format_value(lo) + ", " +
                    format_value(hi) + (hi_open ? ")" : "]"));
  }
  return require_real(snake(name), v, lo, hi, lo_open, hi_open);
}

std::string Args::choice(std::string_view name, std::optional<std::string_view> def,
                         const std::vector<std::string_view>& allowed) const {
  const std::string s = text(name, def);
  for (auto a : allowed)
    if (a == s) return s;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw Error(snake(name), quoted(s), "one of " + list);
}

std::vector<double> Args::number_list(std::string_view name, std::size_t max_count) const {
  const std::string s = text(name);
  std::vector<double> out;
  const auto parts = split(s);
  if (parts.size() > max_count) {
    throw Error(snake(name), std::to_string(parts.size()) + " values",
                "at most " + std::to_string(max_count) + " comma-separated numbers");
  }
  for (const auto& p : parts) {
    double v = 0;
    if (!parse_real(p, v) || !std::isfinite(v))
      throw Error(snake(name), quoted(p), "comma-separated finite numbers");
    out.push_back(v);
  }
  return out;
}

std::vector<std::int64_t> Args::integer_list(std::string_view name, std::int64_t lo, std::int64_t hi,
                                             std::size_t max_count) const {
  const std::string s = text(name);
  std::vector<std::int64_t> out;
  const auto parts = split(s);
  const std::string range = "comma-separated integers in [" + format_value(lo) + ", " + format_value(hi) + "]";
  if (parts.size() > max_count) {
    throw Error(snake(name), std::to_string(parts.size()) + " values",
                "at most " + std::to_string(max_count) + " " + range);
  }
  for (const auto& p : parts) {
    std::int64_t v = 0;
    if (!parse_int(p, v) || v < lo || v > hi) throw Error(snake(name), quoted(p), range);
    out.push_back(v);
  }
  return out;
}

void reject_unused_option(const Args& a, std::string_view option, std::string_view selector,
                          std::string_view chosen, std::string_view users) {
  if (!a.has(option)) return;
  throw Error(snake(option), quoted(a.text(option)) + " with --" + std::string(selector) + " " + std::string(chosen),
              "only with --" + std::string(selector) + " " + std::string(users));
}

bool Args::csv() const { return choice("format", "json", {"json", "csv"}) == "csv"; }

void print_help(const CommandSpec& spec, std::ostream& out) {
  out << "usage: posenc " << spec.name << " [options]\n\n" << spec.summary << "\n\noptions:\n";
  std::size_t width = 6;
  for (const auto& o : spec.options) width = std::max(width, o.name.size() + o.value.size() + 3);
  for (const auto& o : spec.options) {
    std::string left = "--" + std::string(o.name) + (o.value.empty() ? "" : " " + std::string(o.value));
    out << "  " << left << std::string(width + 2 - left.size(), ' ') << o.help << "\n";
  }
  out << "  --help" << std::string(width - 4, ' ') << "this text\n";
}

}  // namespace posenc::cli
