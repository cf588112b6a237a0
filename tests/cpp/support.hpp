// Shared helpers for the doctest suites.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "posenc/error.hpp"

namespace posenc::test {

/// Runs `fn`, requires a posenc::Error about `arg`, and checks the message is one
/// line that names the argument and says what is allowed.
template <class Fn>
void check_error(Fn&& fn, const std::string& arg) {
  bool thrown = false;
  try {
    fn();
  } catch (const posenc::Error& e) {
    thrown = true;
    CHECK(e.arg() == arg);
    const std::string msg = e.what();
    CHECK(msg.find('\n') == std::string::npos);
    CHECK(msg.rfind(arg + ": got ", 0) == 0);
    CHECK(msg.find("; allowed: ") != std::string::npos);
    CHECK(!e.allowed().empty());
  }
  CHECK_MESSAGE(thrown, "expected a posenc::Error naming '" << arg << "'");
}

}  // namespace posenc::test
