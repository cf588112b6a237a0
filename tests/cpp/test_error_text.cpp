// Errors stay on one line whatever the caller typed: a name with a line break in
// it is quoted with the break replaced (found by the API fuzzer: parse_scheme put
// the raw "\n" into its message; tests/fuzz/api/crash-c3f562cf).
#include <doctest/doctest.h>

#include <string>

#include "posenc/attention.hpp"
#include "posenc/error.hpp"
#include "posenc/rope.hpp"
#include "posenc/scheme.hpp"
#include "posenc/sinusoidal.hpp"
#include "support.hpp"

using namespace posenc;

TEST_CASE("error text: a name with line breaks is quoted on one line") {
  CHECK(quoted("a\nb\rc") == "\"a b c\"");
  CHECK(quoted("") == "\"\"");
  test::check_error([] { parse_scheme("rope\n", all_schemes()); }, "scheme");
  test::check_error([] { parse_layout("a\r\nb"); }, "layout");
  test::check_error([] { parse_scaling("\n"); }, "scaling");
  test::check_error([] { parse_attention_scheme("x\ny"); }, "scheme");
  try {
    parse_pairing("half\nx");
    FAIL("parse_pairing accepted a name with a line break");
  } catch (const Error& e) {
    CHECK(e.got() == "\"half x\"");
  }
}
