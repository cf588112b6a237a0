// bench/gbench/registry.hpp: the benchmarks of posenc_gbench, registered by main in
// the order they run (Google Benchmark runs them in registration order, so each
// kernel runs right after the limit or the baseline it is divided by).
#pragma once

#include <cstdint>

namespace posenc::bench {

void register_copy(std::int64_t length);          // machine_limits.cpp
void register_fma_peak();                          // machine_limits.cpp
void register_rope_apply(std::int64_t length);     // rope_bench.cpp
void register_tables(std::int64_t length);         // rope_bench.cpp
void register_attention(std::int64_t length);      // attention_bench.cpp

/// One attention forward of `scheme` ("none", "alibi", "t5", "rope") at length L on
/// the benchmark's inputs, for the peak-memory measurement (bench/peak_memory.py runs
/// it in a child process and reads the child's peak RSS). Returns a checksum.
double attention_once(const char* scheme, std::int64_t length);

}  // namespace posenc::bench
