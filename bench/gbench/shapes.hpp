// bench/gbench/shapes.hpp: the shapes of posenc_gbench, named once, and the byte and
// flop counts its rates divide by. bench/torch_peers.py uses the same numbers (it
// says so where it defines them); bench/report.mjs pairs the rows by these names.
//
//   RoPE apply   x: H x L x d float32 (H = 32, d = 128: a Llama-7B layer's queries),
//                L = 16 .. 8192. Bytes = x read once + y written once
//                = 2 * 4 * H * L * d (the cos/sin tables, 1/H of that, not counted).
//   copy         the same bytes: n = 4 * H * L * d read and n written.
//   tables       sinusoid L x D (elements L * D); RoPE cos/sin L x d/2 each
//                (elements L * d: every cos and every sin).
//   attention    H = 8, d = 64, L = 512 .. 8192, full mask (not causal, so every
//                one of the L^2 pairs is computed by us and by PyTorch alike).
//                Flops = 4 * L^2 * d * H: 2 L^2 d for Q K^T and 2 L^2 d for P V per
//                head; the softmax, the bias and the rotations are not counted.
#pragma once

#include <cstdint>

namespace posenc::bench {

inline constexpr std::int64_t kRopeHeads = 32, kRopeDim = 128;
inline constexpr std::int64_t kRopeLengths[] = {16, 128, 1024, 2048, 8192};

inline constexpr std::int64_t kSinusoidDim = 512;
inline constexpr std::int64_t kTableLengths[] = {1024, 8192};

inline constexpr std::int64_t kAttnHeads = 8, kAttnDim = 64;
inline constexpr std::int64_t kAttnLengths[] = {512, 1024, 2048, 4096, 8192};

/// Bytes one RoPE apply over H x L x d moves (x in, y out), and one copy of them.
inline double rope_bytes(std::int64_t length) {
  return 2.0 * 4.0 * static_cast<double>(kRopeHeads * length * kRopeDim);
}

/// Flops of one attention forward, 4 L^2 d H (the two products only).
inline double attention_flops(std::int64_t length) {
  return 4.0 * static_cast<double>(length) * static_cast<double>(length) * kAttnDim * kAttnHeads;
}

}  // namespace posenc::bench
