// bench/gbench/rope_bench.cpp: RoPE apply over H x L x d and the table generators.
//
//   rope/half/L:N, rope/interleaved/L:N   y = R x for every head (shapes.hpp),
//                                         bytes/s = 2 * 4 * H * L * d / time
//   table/sinusoid/L:N                    sinusoidal_encoding(N, 512), elements/s
//   table/rope_cos_sin/L:N                rope_cos_sin(128, 0, N), elements/s
//                                         (cos and sin: N * 128 values)
// What "apply" calls: rope_apply_rows per head (posenc/rope.hpp), which forms the
// cos and sin of every (position, pair) itself; the call is in rope_heads() below.
#include <benchmark/benchmark.h>

#include <string>

#include "../seeded.hpp"
#include "posenc/rope.hpp"
#include "posenc/sinusoidal.hpp"
#include "registry.hpp"
#include "shapes.hpp"

namespace posenc::bench {
namespace {

/// y = RoPE(x) for every head, positions 0 .. L-1, the given pairing.
void rope_heads(const HeadMatrices& x, HeadMatrices& y, RopePairing pairing) {
  RopeOptions opts;
  opts.pairing = pairing;
  for (std::size_t h = 0; h < x.size(); ++h) y[h] = rope_apply_rows(x[h], 0.0, opts);
}

void rope_apply(benchmark::State& state, std::int64_t length, RopePairing pairing) {
  const HeadMatrices x = seeded_heads(kRopeHeads, length, kRopeDim, Stream::attention_q);
  HeadMatrices y = x;
  for (auto _ : state) {
    rope_heads(x, y, pairing);
    benchmark::DoNotOptimize(y.back().data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * rope_bytes(length)));
}

void sinusoid_table(benchmark::State& state, std::int64_t length) {
  for (auto _ : state) {
    Matrix pe = sinusoidal_encoding(length, kSinusoidDim);
    benchmark::DoNotOptimize(pe.data());
  }
  state.SetItemsProcessed(state.iterations() * length * kSinusoidDim);
}

void rope_table(benchmark::State& state, std::int64_t length) {
  for (auto _ : state) {
    RopeTables t = rope_cos_sin(kRopeDim, 0.0, length);
    benchmark::DoNotOptimize(t.cos.data());
    benchmark::DoNotOptimize(t.sin.data());
  }
  state.SetItemsProcessed(state.iterations() * length * kRopeDim);
}

}  // namespace

void register_rope_apply(std::int64_t length) {
  const std::string l = "/L:" + std::to_string(length);
  for (const RopePairing p : {RopePairing::half, RopePairing::interleaved})
    benchmark::RegisterBenchmark(("rope/" + std::string(pairing_name(p)) + l).c_str(), rope_apply, length, p)
        ->MinTime(0.2)->Repetitions(3)
        ->ReportAggregatesOnly(true);
}

void register_tables(std::int64_t length) {
  const std::string l = "/L:" + std::to_string(length);
  benchmark::RegisterBenchmark(("table/sinusoid" + l).c_str(), sinusoid_table, length)->MinTime(0.2)->Repetitions(3)
      ->ReportAggregatesOnly(true);
  benchmark::RegisterBenchmark(("table/rope_cos_sin" + l).c_str(), rope_table, length)->MinTime(0.2)->Repetitions(3)
      ->ReportAggregatesOnly(true);
}

}  // namespace posenc::bench
