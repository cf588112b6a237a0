// cpp/fuzz/fuzz_checks.hpp: what the fuzz harnesses count as a bug. Each failed
// check prints one line on stderr and aborts, so libFuzzer (and the replay
// runner) report the input.
//
// - guarded(): runs a call; a posenc::Error must name its argument (a snake_case
//   name) and read "<arg>: got <value>; allowed: <range>" on one line; any other
//   exception escaping (std::bad_alloc included) is a bug.
// - finite(): every value of an accepted call's output is finite.
// - close(): a fast path within atol + rtol |want| of its reference (NaN only
//   where the reference has NaN).
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "posenc/error.hpp"
#include "posenc/types.hpp"

namespace posenc::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "posenc fuzz: BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

/// Checks the shape of a posenc::Error's message (see the top of the file).
inline void check_error(const Error& e, const char* call) {
  const std::string& arg = e.arg();
  bool name_ok = !arg.empty();
  for (char c : arg) name_ok = name_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  const std::string msg = e.what();
  if (!name_ok || e.got().empty() || e.allowed().empty() || msg != arg + ": got " + e.got() + "; allowed: " + e.allowed() ||
      msg.find('\n') != std::string::npos)
    fail(std::string(call) + ": a posenc::Error that does not name its argument properly: \"" + msg + "\"");
}

/// Runs fn(); true when it returned (accepted), false on a well-formed posenc::Error.
template <class Fn>
bool guarded(const char* call, Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const Error& e) {
    check_error(e, call);
    return false;
  } catch (const std::bad_alloc&) {
    fail(std::string(call) + ": std::bad_alloc escaped (a size the limits accept was too large)");
  } catch (const std::exception& e) {
    fail(std::string(call) + ": an exception other than posenc::Error escaped: " + e.what());
  } catch (...) {
    fail(std::string(call) + ": a non-std exception escaped");
  }
}

inline void finite_value(double v, const char* what, long long i, long long j = -1) {
  if (!std::isfinite(v))
    fail(std::string(what) + ": non-finite value " + std::to_string(v) + " at [" + std::to_string(i) +
         (j >= 0 ? "][" + std::to_string(j) : std::string()) + "] of an accepted call");
}

template <class M>
void finite(const M& m, const char* what) {
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) finite_value(static_cast<double>(m(r, c)), what, r, c);
}

inline void finite(const std::vector<double>& v, const char* what) {
  for (std::size_t i = 0; i < v.size(); ++i) finite_value(v[i], what, static_cast<long long>(i));
}

inline void finite(const HeadMatrices& h, const char* what) {
  for (const auto& m : h) finite(m, what);
}

/// |got - want| <= atol + rtol |want| elementwise, shapes equal, NaN only where want is NaN.
template <class M>
void close(const M& got, const M& want, double atol, double rtol, const char* what) {
  if (got.rows() != want.rows() || got.cols() != want.cols()) fail(std::string(what) + ": shapes differ");
  for (Eigen::Index r = 0; r < got.rows(); ++r)
    for (Eigen::Index c = 0; c < got.cols(); ++c) {
      const double g = got(r, c), w = want(r, c);
      const bool ok = std::isnan(w) ? std::isnan(g) : std::abs(g - w) <= atol + rtol * std::abs(w);
      if (!ok)
        fail(std::string(what) + ": fast " + std::to_string(g) + " vs reference " + std::to_string(w) + " at [" +
             std::to_string(r) + "][" + std::to_string(c) + "]");
    }
}

inline void close(const HeadMatrices& got, const HeadMatrices& want, double atol, double rtol, const char* what) {
  if (got.size() != want.size()) fail(std::string(what) + ": head counts differ");
  for (std::size_t h = 0; h < got.size(); ++h) close(got[h], want[h], atol, rtol, what);
}

/// Within one float32 ulp (the sinusoid suites' bound of fast vs libm reference).
inline bool within_one_ulp(float a, float b) {
  return a == b || std::nextafter(a, b) == b;
}

}  // namespace posenc::fuzz
