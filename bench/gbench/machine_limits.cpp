// bench/gbench/machine_limits.cpp: the machine's limits, measured in the same run as
// the kernels they bound.
//
//   copy/memcpy/L:N   std::memcpy of the bytes of one RoPE apply at length N
//   copy/loop/L:N     the same with a plain float loop (y[i] = x[i]; this file is
//                     compiled without loop-pattern distribution, so GCC does not
//                     turn it back into a memcpy call, and it is vectorized)
//   peak/fma          fp32 multiply-adds in registers: 12 independent chains of
//                     the widest FMA instruction the build targets (AVX-512: 16
//                     lanes; AVX2 + FMA: 8). FLOPS = 2 per lane per FMA.
// glibc's memcpy switches to non-temporal stores for large sizes (no read for
// ownership of the destination), so it can beat any loop with ordinary stores;
// bench/report.mjs takes the faster of the two as the copy bandwidth.
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <cstring>
#include <string>
#include <vector>

#include "shapes.hpp"

namespace posenc::bench {
namespace {

struct CopyBuffers {
  std::vector<float> x, y;
  explicit CopyBuffers(std::int64_t length)
      : x(static_cast<std::size_t>(kRopeHeads * length * kRopeDim), 1.0f), y(x.size(), 0.0f) {}
};

void copy_memcpy(benchmark::State& state, std::int64_t length) {
  CopyBuffers b(length);
  for (auto _ : state) {
    std::memcpy(b.y.data(), b.x.data(), b.x.size() * sizeof(float));
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * rope_bytes(length)));
}

void copy_loop(benchmark::State& state, std::int64_t length) {
  CopyBuffers b(length);
  for (auto _ : state) {
    const float* __restrict x = b.x.data();
    float* __restrict y = b.y.data();
    const std::size_t n = b.x.size();
    for (std::size_t i = 0; i < n; ++i) y[i] = x[i];
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * rope_bytes(length)));
}

// The widest FMA the build targets: 16 floats (AVX-512), 8 (AVX2 + FMA), or a
// scalar fallback (the figure is then that of whatever the compiler makes of it).
#if defined(__AVX512F__)
using Lanes = __m512;
constexpr int kLanes = 16;
inline Lanes broadcast(float x) { return _mm512_set1_ps(x); }
inline Lanes fma(Lanes a, Lanes b, Lanes c) { return _mm512_fmadd_ps(a, b, c); }
inline float lane0(Lanes a) { return _mm512_cvtss_f32(a); }
#elif defined(__AVX2__) && defined(__FMA__)
using Lanes = __m256;
constexpr int kLanes = 8;
inline Lanes broadcast(float x) { return _mm256_set1_ps(x); }
inline Lanes fma(Lanes a, Lanes b, Lanes c) { return _mm256_fmadd_ps(a, b, c); }
inline float lane0(Lanes a) { return _mm256_cvtss_f32(a); }
#else
using Lanes = float;
constexpr int kLanes = 1;
inline Lanes broadcast(float x) { return x; }
inline Lanes fma(Lanes a, Lanes b, Lanes c) { return a * b + c; }
inline float lane0(Lanes a) { return a; }
#endif
constexpr int kAccumulators = 12;  // independent chains > FMA latency x pipes (4 x 2 on Zen 4)
constexpr int kInner = 1024;       // FMAs per chain per iteration

void fma_peak(benchmark::State& state) {
  float m = 0.999999f, c = 1e-6f;
  benchmark::DoNotOptimize(m);  // unknown to the compiler: no folding of the chains
  benchmark::DoNotOptimize(c);
  const Lanes mul = broadcast(m), add = broadcast(c);
  Lanes acc[kAccumulators];
  for (int a = 0; a < kAccumulators; ++a) acc[a] = broadcast(1.0f + 1e-3f * static_cast<float>(a));
  for (auto _ : state) {
    for (int i = 0; i < kInner; ++i)
#pragma GCC unroll 12
      for (int a = 0; a < kAccumulators; ++a) acc[a] = fma(acc[a], mul, add);
    float sum = 0.0f;
    for (int a = 0; a < kAccumulators; ++a) sum += lane0(acc[a]);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["FLOPS"] = benchmark::Counter(2.0 * kLanes * kAccumulators * kInner,
                                               benchmark::Counter::kIsIterationInvariantRate);
  state.counters["lanes"] = kLanes;
}

}  // namespace

/// Registers copy/* at every RoPE length (called by main, next to the RoPE ones).
void register_copy(std::int64_t length) {
  const std::string l = "/L:" + std::to_string(length);
  benchmark::RegisterBenchmark(("copy/memcpy" + l).c_str(), copy_memcpy, length)->MinTime(0.2)->Repetitions(3)
      ->ReportAggregatesOnly(true);
  benchmark::RegisterBenchmark(("copy/loop" + l).c_str(), copy_loop, length)->MinTime(0.2)->Repetitions(3)
      ->ReportAggregatesOnly(true);
}

void register_fma_peak() {
  benchmark::RegisterBenchmark("peak/fma", fma_peak)->MinTime(0.2)->Repetitions(3)->ReportAggregatesOnly(true);
}

}  // namespace posenc::bench
