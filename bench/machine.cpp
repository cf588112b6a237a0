// Implementation of machine.hpp.
#include "machine.hpp"

#include <cstdio>
#include <fstream>
#include <thread>

#ifndef POSENC_BENCH_BUILD_TYPE
#define POSENC_BENCH_BUILD_TYPE "unknown"
#endif
#ifndef POSENC_BENCH_FLAGS
#define POSENC_BENCH_FLAGS "unknown"
#endif

namespace posenc::bench {

namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) break;
    const auto start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "unknown" : line.substr(start);
  }
  return "unknown";
}

std::string compiler() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "g++ " __VERSION__;
#else
  return "unknown";
#endif
}

}  // namespace

Machine describe_machine() {
  Machine m;
  m.cpu = cpu_model();
  m.online = std::thread::hardware_concurrency();
  m.compiler = compiler();
  m.build_type = POSENC_BENCH_BUILD_TYPE;
  m.flags = POSENC_BENCH_FLAGS;
#ifdef NDEBUG
  m.optimized = true;
#endif
  return m;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace posenc::bench
