// bench/gbench/attention_bench.cpp: attention forward, GFLOP/s.
//
//   attention/SCHEME/L:N   posenc::attention(q, k, v, config) for SCHEME in none,
//                          alibi, t5, rope: H = 8, d = 64, full mask, seeded inputs
//                          and seeded_attention_config tables (T5: 32 buckets up to
//                          distance 128). FLOPS = 4 L^2 d H per call (shapes.hpp).
// The four schemes of one length are registered together, none first, so the bias
// ratios (alibi / none, t5 / none) compare runs minutes apart at most. L = 8192 is
// one call (137 GFLOP, seconds), L >= 4096 one repetition, below that three.
#include <benchmark/benchmark.h>

#include <string>

#include "../seeded.hpp"
#include "posenc/attention.hpp"
#include "registry.hpp"
#include "shapes.hpp"

namespace posenc::bench {
namespace {

constexpr const char* kSchemes[] = {"none", "alibi", "t5", "rope"};

struct AttentionInputs {
  HeadMatrices q, k, v;
  AttentionConfig config;
  AttentionInputs(const char* scheme, std::int64_t length)
      : q(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_q)),
        k(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_k)),
        v(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_v)),
        config(seeded_attention_config(parse_attention_scheme(scheme), kAttnHeads, kAttnDim, /*causal=*/false,
                                       kSeed)) {}
};

void attention_forward(benchmark::State& state, const char* scheme, std::int64_t length) {
  const AttentionInputs in(scheme, length);
  for (auto _ : state) {
    AttentionResult r = attention(in.q, in.k, in.v, in.config);
    benchmark::DoNotOptimize(r.output.front().data());
  }
  state.counters["FLOPS"] =
      benchmark::Counter(attention_flops(length), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

void register_attention(std::int64_t length) {
  for (const char* scheme : kSchemes) {
    auto* b = benchmark::RegisterBenchmark(("attention/" + std::string(scheme) + "/L:" + std::to_string(length)).c_str(),
                                           attention_forward, scheme, length);
    if (length >= 8192) b->Iterations(1);
    if (length < 4096) b->Repetitions(3)->ReportAggregatesOnly(true);
  }
}

double attention_once(const char* scheme, std::int64_t length) {
  const AttentionInputs in(scheme, length);
  const AttentionResult r = attention(in.q, in.k, in.v, in.config);
  double sum = 0;
  for (const Matrix& m : r.output) sum += static_cast<double>(m.sum());
  return sum;
}

}  // namespace posenc::bench
