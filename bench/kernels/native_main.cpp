// posenc_kernel_bench: the native side of the WASM vs native benchmark
// (bench/wasm_bench.mjs). It speaks the protocol of kernels.hpp's Session, one
// command per stdin line and one JSON line per answer, so the JS driver can
// alternate native and wasm runs of a case; the same kernels.cpp is built into the
// wasm module, so both sides time the same C++.
//
//   posenc_kernel_bench                 reads commands from stdin until EOF or "quit"
//   echo cases | posenc_kernel_bench    the case list
#include <cstdio>
#include <iostream>
#include <string>

#include "kernels.hpp"

int main(int argc, char** argv) {
  if (argc > 1) {
    std::fprintf(stderr,
                 "posenc_kernel_bench: no options; commands on stdin, one per line: cases, machine, "
                 "prepare ID, run N, release, quit\n");
    return std::string(argv[1]) == "--help" ? 0 : 2;
  }
  posenc::bench::Session session;
  std::string line;
  while (std::getline(std::cin, line) && line != "quit") {
    // One line per answer, flushed: the driver waits for it before timing the wasm side.
    std::cout << session.command(line) << std::endl;
  }
  return 0;
}
