// The CUDA kernels and their launchers (launch.hpp). Each kernel only iterates:
// the math is the per-element functions of posenc/kernels/*.hpp, compiled here as
// __host__ __device__ (kernels/common.hpp), the same bodies the CPU runs.
#include <cuda_runtime.h>

#include <cmath>

#include "launch.hpp"
#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/rope.hpp"
#include "posenc/kernels/sincos.hpp"
#include "posenc/kernels/sinusoid.hpp"
#include "posenc/kernels/t5.hpp"

namespace posenc::cuda {

namespace {

// ---------------------------------------------------------------------------------
// Sinusoid table: one thread per entry (i, c).

__global__ void sinusoid_kernel(float* out, long long length, long long dim, double base, int layout,
                                int spacing) {
  const long long n = length * dim;
  for (long long e = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; e < n;
       e += static_cast<long long>(gridDim.x) * blockDim.x) {
    const long long i = e / dim, c = e % dim;
    const auto sp = static_cast<kernels::Spacing>(spacing);
    const double v = layout == 0 ? kernels::sinusoid_interleaved(static_cast<double>(i), c, dim, base, sp)
                                 : kernels::sinusoid_concat(static_cast<double>(i), c, dim, base, sp);
    out[e] = static_cast<float>(v);
  }
}

// ---------------------------------------------------------------------------------
// RoPE: block = one position. Its r/2 cos/sin go to shared memory once; then the
// block's threads walk the H x r/2 pairs of that position (and copy dims r..d-1
// when out of place).

__global__ void rope_kernel(const float* x, float* y, long long heads, long long length, long long dim,
                            long long rotary_dim, const double* inv_freq, double start, int pairing) {
  extern __shared__ float table[];  // cos[half], sin[half]
  const long long half = rotary_dim / 2;
  const long long i = blockIdx.x;
  const double m = start + static_cast<double>(i);
  float* cs = table;
  float* sn = table + half;
  for (long long k = threadIdx.x; k < half; k += blockDim.x) {
    double c = 0.0, s = 0.0;
    if (fabs(kernels::rope_angle(m, inv_freq[k])) <= kernels::kSincosMaxAngle)
      kernels::rope_cos_sin_fast(m, inv_freq[k], &c, &s);
    else
      kernels::rope_cos_sin_exact(m, inv_freq[k], &c, &s);
    cs[k] = static_cast<float>(c);
    sn[k] = static_cast<float>(s);
  }
  __syncthreads();
  const auto p = static_cast<kernels::RopePairing>(pairing);
  for (long long e = threadIdx.x; e < heads * half; e += blockDim.x) {
    const long long h = e / half, k = e % half;
    const long long row = (h * length + i) * dim;
    long long a = 0, b = 0;
    kernels::rope_pair(k, rotary_dim, p, &a, &b);
    const float xa = x[row + a], xb = x[row + b];
    float ya = 0.0f, yb = 0.0f;
    kernels::rope_rotate(xa, xb, cs[k], sn[k], &ya, &yb);
    y[row + a] = ya;
    y[row + b] = yb;
  }
  if (x != y) {
    const long long rest = dim - rotary_dim;
    for (long long e = threadIdx.x; e < heads * rest; e += blockDim.x) {
      const long long row = ((e / rest) * length + i) * dim;
      y[row + rotary_dim + e % rest] = x[row + rotary_dim + e % rest];
    }
  }
}

// ---------------------------------------------------------------------------------
// Attention: one thread per query row, kBq rows per block; keys in tiles of kBk.

constexpr int kBq = 64;
constexpr int kBk = 32;

// Bias of relative position r = pk - pq for head h (0 for none).
__device__ float bias_at(const AttentionParams& p, long long h, long long r) {
  switch (p.bias) {
    case BiasKind::alibi: return static_cast<float>(kernels::alibi_distance_bias(p.d_slopes[h], 0, r));
    case BiasKind::t5:
      return kernels::t5_bias(p.d_t5_table + h * p.num_buckets, 0, r, p.num_buckets, p.max_distance, p.t5_causal);
    case BiasKind::none: return 0.0f;
  }
  return 0.0f;
}

template <int D>
__global__ void attention_kernel(const float* q, const float* k, const float* v, float* o, AttentionParams p) {
  __shared__ float ks[kBk][D];
  __shared__ float vs[kBk][D];
  __shared__ float bias[kBq + kBk - 1];
  const long long h = blockIdx.y;
  const long long q0 = static_cast<long long>(blockIdx.x) * kBq;
  const long long qi = q0 + threadIdx.x;
  const bool active = qi < p.queries;
  const long long pq = p.query_start + qi;
  const float* qh = q + h * p.queries * D;
  const float* kh = k + h * p.keys * D;
  const float* vh = v + h * p.keys * D;

  float qr[D], acc[D];
  for (int t = 0; t < D; ++t) {
    qr[t] = active ? p.scale * qh[qi * D + t] : 0.0f;
    acc[t] = 0.0f;
  }
  float m = -INFINITY, l = 0.0f;
  // Under the causal mask, keys past the block's last query position are never seen.
  const long long last_q = (q0 + kBq < p.queries ? q0 + kBq : p.queries) - 1;
  long long key_end = p.keys;
  if (p.causal) {
    const long long visible = p.query_start + last_q - p.key_start + 1;
    key_end = visible < key_end ? visible : key_end;
  }
  for (long long kb = 0; kb < key_end; kb += kBk) {
    const int nk = static_cast<int>(key_end - kb < kBk ? key_end - kb : kBk);
    for (int e = threadIdx.x; e < kBk * D; e += blockDim.x) {
      const int j = e / D, t = e % D;
      ks[j][t] = j < nk ? kh[(kb + j) * D + t] : 0.0f;
      vs[j][t] = j < nk ? vh[(kb + j) * D + t] : 0.0f;
    }
    // bias[idx] = b(r) for r = rmin + idx, rmin = pk0 - (pq0 + kBq - 1).
    const long long rmin = (p.key_start + kb) - (p.query_start + q0 + kBq - 1);
    for (int e = threadIdx.x; e < kBq + kBk - 1; e += blockDim.x) bias[e] = bias_at(p, h, rmin + e);
    __syncthreads();
    if (active) {
      float s[kBk];
      float tile_max = -INFINITY;
      for (int j = 0; j < kBk; ++j) {
        const long long pk = p.key_start + kb + j;
        float dot = 0.0f;
        for (int t = 0; t < D; ++t) dot += qr[t] * ks[j][t];
        const bool masked = j >= nk || (p.causal && pk > pq);
        s[j] = masked ? -INFINITY : dot + bias[(kBq - 1 - threadIdx.x) + j];
        tile_max = fmaxf(tile_max, s[j]);
      }
      const float m_new = fmaxf(m, tile_max);
      if (m_new != -INFINITY) {
        const float alpha = expf(m - m_new);  // 0 on the first visible tile
        float sum = 0.0f;
        for (int t = 0; t < D; ++t) acc[t] *= alpha;
        for (int j = 0; j < kBk; ++j) {
          const float w = expf(s[j] - m_new);  // exp(-inf) = 0 where masked
          sum += w;
          for (int t = 0; t < D; ++t) acc[t] += w * vs[j][t];
        }
        l = l * alpha + sum;
        m = m_new;
      }
    }
    __syncthreads();
  }
  if (active)
    for (int t = 0; t < D; ++t) o[(h * p.queries + qi) * D + t] = acc[t] / l;
}

int blocks_for(long long n, int threads) {
  const long long b = (n + threads - 1) / threads;
  return static_cast<int>(b < 65535 ? b : 65535);
}

}  // namespace

int launch_sinusoid(float* d_out, std::int64_t length, std::int64_t dim, double base, int layout, int spacing) {
  sinusoid_kernel<<<blocks_for(length * dim, 256), 256>>>(d_out, length, dim, base, layout, spacing);
  return static_cast<int>(cudaGetLastError());
}

int launch_rope(const float* d_x, float* d_y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                std::int64_t rotary_dim, const double* d_inv_freq, double start, int pairing) {
  const auto shared = static_cast<size_t>(rotary_dim) * sizeof(float);  // cos and sin, r/2 each
  rope_kernel<<<static_cast<unsigned>(length), 256, shared>>>(d_x, d_y, heads, length, dim, rotary_dim, d_inv_freq,
                                                               start, pairing);
  return static_cast<int>(cudaGetLastError());
}

bool attention_dim_supported(std::int64_t dim) { return dim == 16 || dim == 32 || dim == 64 || dim == 128; }

int launch_attention(const float* d_q, const float* d_k, const float* d_v, float* d_o, const AttentionParams& p) {
  const dim3 grid(static_cast<unsigned>((p.queries + kBq - 1) / kBq), static_cast<unsigned>(p.heads));
  switch (p.dim) {
    case 16: attention_kernel<16><<<grid, kBq>>>(d_q, d_k, d_v, d_o, p); break;
    case 32: attention_kernel<32><<<grid, kBq>>>(d_q, d_k, d_v, d_o, p); break;
    case 64: attention_kernel<64><<<grid, kBq>>>(d_q, d_k, d_v, d_o, p); break;
    case 128: attention_kernel<128><<<grid, kBq>>>(d_q, d_k, d_v, d_o, p); break;
    default: return static_cast<int>(cudaErrorInvalidValue);
  }
  return static_cast<int>(cudaGetLastError());
}

}  // namespace posenc::cuda
