// Implementation of posenc/error.hpp.
#include "posenc/error.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "posenc/limits.hpp"

namespace posenc {

Error::Error(std::string arg, std::string got, std::string allowed)
    : std::invalid_argument(arg + ": got " + got + "; allowed: " + allowed),
      arg_(std::move(arg)),
      got_(std::move(got)),
      allowed_(std::move(allowed)) {}

std::string Error::render(ArgStyle style) const {
  return spell_arg(arg_, style) + ": got " + got_ + "; allowed: " + allowed_;
}

std::string spell_arg(std::string_view snake, ArgStyle style) {
  std::string out;
  switch (style) {
    case ArgStyle::snake:
      return std::string(snake);
    case ArgStyle::cli:
      out = "--";
      for (char c : snake) out += (c == '_') ? '-' : c;
      return out;
    case ArgStyle::camel: {
      bool upper = false;
      for (char c : snake) {
        if (c == '_') {
          upper = true;
          continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
      }
      return out;
    }
  }
  return std::string(snake);
}

std::string quoted(std::string_view s) {
  std::string q = "\"";
  for (char c : s) q += (c == '\n' || c == '\r') ? ' ' : c;
  return q + "\"";
}

std::string format_value(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // The shortest text that reads back as v: a limit such as 2^40 must not print
  // as 1.09951163e+12, nor 2^40 + 1 as the same text.
  char buf[40];
  if (v == std::trunc(v) && std::fabs(v) < 1e7) {  // small whole numbers in full: 1000000, not 1e+06
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string format_value(std::int64_t v) { return std::to_string(v); }

std::int64_t require_int(std::string_view arg, std::int64_t value, std::int64_t lo, std::int64_t hi) {
  if (value < lo || value > hi) {
    throw Error(std::string(arg), format_value(value),
                "integer in [" + format_value(lo) + ", " + format_value(hi) + "]");
  }
  return value;
}

double require_real(std::string_view arg, double value, double lo, double hi, bool lo_open,
                    bool hi_open) {
  const bool ok = std::isfinite(value) && (lo_open ? value > lo : value >= lo) &&
                  (hi_open ? value < hi : value <= hi);
  if (!ok) {
    throw Error(std::string(arg), format_value(value),
                std::string("finite number in ") + (lo_open ? "(" : "[") + format_value(lo) + ", " +
                    format_value(hi) + (hi_open ? ")" : "]"));
  }
  return value;
}

void require_output_size(std::string_view arg, double count, std::string_view what, int value_bytes) {
  const double bytes = count * value_bytes;
  if (bytes > kMaxOutputBytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", bytes / (1024.0 * 1024.0 * 1024.0));
    throw Error(std::string(arg), std::string(what) + " (" + buf + " GiB)",
                "sizes whose output fits in 1 GiB");
  }
}

}  // namespace posenc
