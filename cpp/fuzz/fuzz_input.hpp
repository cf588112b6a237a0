// cpp/fuzz/fuzz_input.hpp: turns the fuzzer's bytes into choices (sizes, reals,
// names, words) for the harnesses fuzz_api.cpp and fuzz_cli.cpp.
//
// Every draw reads bytes from the front; an exhausted input reads zeros, so every
// input, even an empty one, is a complete run. Sizes are mostly small and valid,
// sometimes an edge value (below the range, 0, -1, the limit, limit + 1,
// INT64_MIN/MAX, 2^31, 2^32). Reals are mostly in their range, sometimes NaN,
// +-Inf, +-1e308, -0.0, a denormal, 0 or 1.
//
// Work budget: a valid size above `small` (the limit itself) would make the call
// large. Such a draw marks the input `large()`; a size drawn outside its range
// marks it `invalid()`. A harness runs a call only when !large() || invalid(), so
// the limits are tried only where another size already makes the call fail its
// checks, which every entry point does before any work. Where a harness makes
// several calls that take different sizes, each call asks may_run_with(the sizes
// it takes): an invalid size of one call must not let another call, which does not
// take it, run with a large one (CI's fuzz run timed out on such inputs: Shaw tables
// of 2 x 2^20 rows, conv weights of D = 65,536, beside an invalid length).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <string>

namespace posenc::fuzz {

/// A drawn size and how it was drawn; reads as its value.
struct Size {
  std::int64_t value = 0;
  bool large = false;    ///< valid and above `small`: a call taking it makes work
  bool invalid = false;  ///< outside [lo, limit]: a call taking it must refuse it
  operator std::int64_t() const { return value; }
};

/// Whether a call that takes exactly these sizes may run: none of them large, or
/// one of them invalid (the call's checks refuse it before any work).
inline bool may_run_with(std::initializer_list<Size> sizes) {
  bool large = false, invalid = false;
  for (const Size& s : sizes) {
    large = large || s.large;
    invalid = invalid || s.invalid;
  }
  return !large || invalid;
}

class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  /// One byte (0 once the input is used up).
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool flag() { return (byte() & 1) != 0; }
  /// An index in [0, n), n >= 1.
  std::size_t pick(std::size_t n) { return n <= 1 ? 0 : static_cast<std::size_t>(u16() % n); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(byte()) << (8 * i);
    return v;
  }

  /// A size whose valid range is [lo, limit]: 7 times in 8 a value in [lo, small]
  /// (small <= limit), else an edge. Records large() / invalid() (see above).
  Size size(std::int64_t lo, std::int64_t small, std::int64_t limit) {
    const std::uint8_t b = byte();
    const std::int64_t span = small - lo + 1 < 224 ? small - lo + 1 : 224;
    if (b < 224) return Size{lo + b % span};
    std::int64_t v = 0;
    switch (b % 10) {
      case 0: v = lo - 1; break;
      case 1: v = 0; break;
      case 2: v = -1; break;
      case 3: v = limit; break;
      case 4: v = limit == std::numeric_limits<std::int64_t>::max() ? limit : limit + 1; break;
      case 5: v = std::numeric_limits<std::int64_t>::min(); break;
      case 6: v = std::numeric_limits<std::int64_t>::max(); break;
      case 7: v = std::int64_t{1} << 31; break;
      case 8: v = (std::int64_t{1} << 32) + 1; break;
      default: v = small + 1; break;
    }
    const Size drawn{v, v >= lo && v <= limit && v > small, v < lo || v > limit};
    invalid_ = invalid_ || drawn.invalid;
    large_ = large_ || drawn.large;
    return drawn;
  }

  /// Any 64-bit integer: small ones (-8..8) half the time, else an edge or raw bits.
  std::int64_t any_int() {
    const std::uint8_t b = byte();
    if (b < 128) return static_cast<std::int64_t>(b % 17) - 8;
    if (b < 192) return static_cast<std::int64_t>(u64());
    static constexpr std::int64_t edges[] = {std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max(),
                                             std::int64_t{1} << 40,
                                             (std::int64_t{1} << 40) + 1,
                                             -(std::int64_t{1} << 40),
                                             -(std::int64_t{1} << 40) - 1,
                                             std::int64_t{1} << 20,
                                             (std::int64_t{1} << 53) - 1};
    return edges[b % 8];
  }

  /// A real: 3 times in 4 in [lo, hi] (uniform-ish), else an edge value.
  double real(double lo, double hi) {
    const std::uint8_t b = byte();
    if (b < 192) return lo + (hi - lo) * (static_cast<double>(u16()) / 65535.0);
    static constexpr double edges[] = {std::numeric_limits<double>::quiet_NaN(),
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity(),
                                       1e308,
                                       -1e308,
                                       -0.0,
                                       std::numeric_limits<double>::denorm_min(),
                                       0.0,
                                       1.0,
                                       3.4028235e38,
                                       1e-300,
                                       1099511627776.0};
    if (b < 252) return edges[b % 12];
    double raw = 0;
    const std::uint64_t bits = u64();
    std::memcpy(&raw, &bits, sizeof raw);
    return raw;
  }

  /// A short string: usually one of `names` (n of them), else arbitrary bytes.
  std::string name(const char* const* names, std::size_t n) {
    if (byte() < 240) return names[pick(n)];
    return word();
  }

  /// Arbitrary bytes up to the next 0 byte or the end, at most 24 of them.
  std::string word() {
    std::string s;
    while (pos_ < size_ && s.size() < 24) {
      const char c = static_cast<char>(data_[pos_++]);
      if (c == 0) break;
      s += c;
    }
    return s;
  }

  bool large() const { return large_; }
  bool invalid() const { return invalid_; }
  /// True when the call may run: no large valid size, unless a size is invalid.
  bool may_run() const { return !large_ || invalid_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  bool large_ = false;
  bool invalid_ = false;
};

}  // namespace posenc::fuzz
