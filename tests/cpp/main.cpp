// The doctest runner for every suite in tests/cpp (one binary, run by CTest).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
