// posenc_gbench: Google Benchmark over the native kernels and the machine's limits,
// in one process and one thread (the core runs single-threaded; PyTorch's peers are
// pinned to one thread too). bench/run.sh runs it with
//   --benchmark_out=build/bench/gbench.json --benchmark_out_format=json
// and bench/report.mjs turns that file into the rows of the table.
//
//   posenc_gbench [Google Benchmark options]       every benchmark (registry.hpp order)
//   posenc_gbench --benchmark_filter=rope/          a subset
//   posenc_gbench --peak-memory SCHEME L            one attention forward (H = 8, d = 64,
//                                                  full mask) and exit: the child of
//                                                  bench/peak_memory.py
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "../machine.hpp"
#include "registry.hpp"
#include "shapes.hpp"

namespace {

int peak_memory(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "posenc_gbench: --peak-memory: expected SCHEME L, got %d arguments\n", argc - 2);
    return 2;
  }
  char* end = nullptr;
  const long long length = std::strtoll(argv[3], &end, 10);
  if (*end != '\0' || length < 1 || length > 65536) {
    std::fprintf(stderr, "posenc_gbench: --peak-memory: L: got %s; allowed: integer in [1, 65536]\n", argv[3]);
    return 2;
  }
  try {
    std::printf("%.6g\n", posenc::bench::attention_once(argv[2], length));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "posenc_gbench: --peak-memory: %s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--peak-memory") return peak_memory(argc, argv);

  using namespace posenc::bench;
  register_fma_peak();
  for (const std::int64_t l : kRopeLengths) {
    register_copy(l);
    register_rope_apply(l);
  }
  for (const std::int64_t l : kTableLengths) register_tables(l);
  for (const std::int64_t l : kAttnLengths) register_attention(l);

  const Machine m = describe_machine();
  benchmark::AddCustomContext("posenc_cpu", m.cpu);
  benchmark::AddCustomContext("posenc_compiler", m.compiler);
  benchmark::AddCustomContext("posenc_build_type", m.build_type);
  benchmark::AddCustomContext("posenc_flags", m.flags);
  benchmark::AddCustomContext("posenc_threads", "1");

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
