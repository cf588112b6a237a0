// posenc/cuda launchers: the CUDA kernels' entry points on device memory.
//
// Plain C++ (no CUDA types), so g++-compiled code (the host API in
// posenc_cuda.cpp, the tests, the benchmark) can call what nvcc compiled. Every
// pointer named d_* is device memory. The launchers only iterate: each thread
// calls the per-element functions of posenc/kernels/*.hpp, the same bodies the
// CPU and WebAssembly builds run. They do not validate (the host API does) and
// return the launch's cudaError_t as an int (0 = success).
//
// Shapes: H heads, L positions (Lq queries, Lk keys), D model width, d head
// width, r rotary width; tensors are [H][L][d] row-major.
#pragma once

#include <cstdint>

namespace posenc::cuda {

/// out[i][c] = PE(i, c) of kernels/sinusoid.hpp (layout 0 interleaved, 1 concat;
/// spacing as kernels::Spacing), one thread per entry, L x D floats.
int launch_sinusoid(float* d_out, std::int64_t length, std::int64_t dim, double base, int layout, int spacing);

/// RoPE over [H][L][d]: y = R_{start + i} x per row (in place when d_y == d_x).
/// d_inv_freq: the r/2 frequencies theta_k (rope_frequencies). One block per
/// position: its cos/sin (kernels::rope_cos_sin_fast, libm's past
/// kSincosMaxAngle) go to shared memory once and serve every head; each pair is
/// rotated by kernels::rope_rotate<float>. pairing as kernels::RopePairing.
int launch_rope(const float* d_x, float* d_y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                std::int64_t rotary_dim, const double* d_inv_freq, double start, int pairing);

/// The additive bias of attention, computed on the fly (never an L x L matrix).
enum class BiasKind { none = 0, alibi = 1, t5 = 2 };

/// What the attention kernel needs besides q, k, v.
struct AttentionParams {
  std::int64_t heads = 0, queries = 0, keys = 0, dim = 0;
  std::int64_t query_start = 0, key_start = 0;
  float scale = 1.0f;               ///< logit scale (1/sqrt(d), times rope's factor^2)
  bool causal = false;
  BiasKind bias = BiasKind::none;
  const double* d_slopes = nullptr;  ///< alibi: H slopes
  const float* d_t5_table = nullptr; ///< t5: H x num_buckets
  std::int64_t num_buckets = 0, max_distance = 0;
  bool t5_causal = false;
};

/// The head widths the attention kernel is compiled for (q, k, v rows stay in registers).
bool attention_dim_supported(std::int64_t dim);

/// o = softmax(scale q k^T + bias) v per head, online softmax over key tiles
/// (Milakov & Gimelshein 2018; FlashAttention, Dao et al. 2022): one thread per
/// query row, K and V tiles and the tile's bias over r = pk - pq (Bq + Bk - 1
/// values from kernels::alibi_distance_bias / kernels::t5_bias) in shared memory.
/// d_q: H x Lq x d, d_k, d_v: H x Lk x d, d_o: H x Lq x d.
int launch_attention(const float* d_q, const float* d_k, const float* d_v, float* d_o, const AttentionParams& p);

}  // namespace posenc::cuda
