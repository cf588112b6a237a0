// bench/gbench/rope_bench.cpp: RoPE apply over H x L x d and the table generators.
//
//   rope/half/L:N, rope/interleaved/L:N   y = R x for every head, cos/sin tables made
//                                         once outside the timing (as a model makes
//                                         them once per forward, and as the PyTorch
//                                         peers do): rope_apply_heads with tables;
//                                         bytes/s = 2 * 4 * H * L * d / time
//   rope_sincos/half/L:N                  the same, cos and sin formed in the call
//                                         (rope_apply_heads with start and options)
//   table/sinusoid/L:N                    sinusoidal_encoding(N, 512), elements/s
//   table/rope_cos_sin/L:N                rope_cos_sin(128, 0, N), elements/s
//                                         (cos and sin: N * 128 values)
// x and y are one contiguous [H][L][d] float buffer each (HeadLayout::heads_first),
// y distinct from x; threads = 1.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../seeded.hpp"
#include "posenc/rope.hpp"
#include "posenc/sinusoidal.hpp"
#include "registry.hpp"
#include "shapes.hpp"

namespace posenc::bench {
namespace {

/// x: the seeded heads as one [H][L][d] buffer; y: the output, same size.
struct RopeBuffers {
  std::vector<float> x, y;
  explicit RopeBuffers(std::int64_t length)
      : x(seeded_heads_buffer(kRopeHeads, length, kRopeDim, Stream::attention_q)), y(x.size(), 0.0f) {}
};

void rope_apply(benchmark::State& state, std::int64_t length, RopePairing pairing) {
  RopeBuffers b(length);
  const RopeTables tables = rope_cos_sin(kRopeDim, 0.0, length);
  for (auto _ : state) {
    rope_apply_heads(b.x.data(), b.y.data(), kRopeHeads, length, kRopeDim, tables, pairing, /*threads=*/1);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * rope_bytes(length)));
}

void rope_apply_sincos(benchmark::State& state, std::int64_t length) {
  RopeBuffers b(length);
  for (auto _ : state) {
    rope_apply_heads(b.x.data(), b.y.data(), kRopeHeads, length, kRopeDim, /*start=*/0.0, RopeOptions{},
                     /*threads=*/1);
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
  benchmark::RegisterBenchmark(("rope_sincos/half" + l).c_str(), rope_apply_sincos, length)
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
