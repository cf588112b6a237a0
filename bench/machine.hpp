// bench/machine.hpp: what a benchmark figure was measured on, printed beside it.
#pragma once

#include <string>

namespace posenc::bench {

/// The machine and the build: CPU model (from /proc/cpuinfo), online CPUs, the
/// compiler and the flags the benchmark was compiled with.
struct Machine {
  std::string cpu;         ///< "model name" of the first CPU, or "unknown"
  unsigned online = 0;     ///< std::thread::hardware_concurrency()
  std::string compiler;    ///< compiler name and version
  std::string build_type;  ///< CMAKE_BUILD_TYPE
  std::string flags;       ///< CMAKE_CXX_FLAGS, the build type's flags and the project's options
  bool optimized = false;  ///< built with NDEBUG (a Debug build's numbers mean little)
};

Machine describe_machine();

/// Escapes a string for a JSON string literal (quotes included).
std::string json_string(const std::string& s);

}  // namespace posenc::bench
