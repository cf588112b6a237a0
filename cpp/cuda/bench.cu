// posenc_cuda_bench: GPU throughput of the CUDA kernels against the card's own
// limit, measured in the same run, as one JSON object on stdout.
//
//   rope:      in-place RoPE on [H][L][d] (H = 32, d = 128), bytes moved = 2 x the
//              tensor (read + write), GB/s against cudaMemcpy device-to-device of
//              the same size (also 2 x bytes); the issue's goal is >= 0.7.
//   attention: H = 8, d = 64, full and causal, none / alibi / t5: GFLOP/s counted as
//              4 H Lq Lk d (QK^T and PV; half of it causal), and the ratio to none.
// Times: cudaEvent around each launch, best of `repeats` after one warm-up.
// Without a device it prints "no CUDA device: <reason>" and exits 0.
#include <cuda_runtime.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "launch.hpp"
#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/rope.hpp"

using namespace posenc::cuda;

namespace {

#define CHECK_CUDA(x)                                                                        \
  do {                                                                                       \
    cudaError_t e_ = (x);                                                                    \
    if (e_ != cudaSuccess) {                                                                 \
      std::fprintf(stderr, "posenc_cuda_bench: %s: %s\n", #x, cudaGetErrorString(e_));      \
      std::exit(1);                                                                          \
    }                                                                                        \
  } while (0)

template <class F>
float best_ms(F f, int repeats) {
  cudaEvent_t a, b;
  CHECK_CUDA(cudaEventCreate(&a));
  CHECK_CUDA(cudaEventCreate(&b));
  f();  // warm-up
  CHECK_CUDA(cudaDeviceSynchronize());
  float best = 1e30f;
  for (int r = 0; r < repeats; ++r) {
    CHECK_CUDA(cudaEventRecord(a));
    f();
    CHECK_CUDA(cudaEventRecord(b));
    CHECK_CUDA(cudaEventSynchronize(b));
    float ms = 0.0f;
    CHECK_CUDA(cudaEventElapsedTime(&ms, a, b));
    if (ms < best) best = ms;
  }
  cudaEventDestroy(a);
  cudaEventDestroy(b);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 10;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::atoi(argv[i + 1]);
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess || count == 0) {
    std::printf("no CUDA device: %s\n", err != cudaSuccess ? cudaGetErrorString(err) : "0 devices");
    return 0;
  }
  cudaDeviceProp prop{};
  CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
  std::printf("{\"device\":\"%s\",\"repeats\":%d,\n \"rope\":[", prop.name, repeats);

  // RoPE against device-to-device copy of the same bytes.
  const long long H = 32, d = 128;
  std::vector<double> inv(d / 2);
  for (long long k = 0; k < d / 2; ++k) inv[k] = posenc::kernels::rope_default_inv_freq(k, d, 10000.0);
  double* d_inv = nullptr;
  CHECK_CUDA(cudaMalloc(&d_inv, inv.size() * sizeof(double)));
  CHECK_CUDA(cudaMemcpy(d_inv, inv.data(), inv.size() * sizeof(double), cudaMemcpyHostToDevice));
  bool first = true;
  for (long long L : {1024LL, 8192LL, 32768LL}) {
    const size_t n = static_cast<size_t>(H * L * d);
    float *x = nullptr, *y = nullptr;
    CHECK_CUDA(cudaMalloc(&x, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&y, n * sizeof(float)));
    CHECK_CUDA(cudaMemset(x, 0, n * sizeof(float)));
    const float copy_ms = best_ms([&] { cudaMemcpy(y, x, n * sizeof(float), cudaMemcpyDeviceToDevice); }, repeats);
    for (int pairing : {0, 1}) {
      const float ms = best_ms([&] { launch_rope(x, x, H, L, d, d, d_inv, 0.0, pairing); }, repeats);
      const double bytes = 2.0 * n * sizeof(float);
      std::printf("%s\n  {\"H\":%lld,\"L\":%lld,\"d\":%lld,\"pairing\":\"%s\",\"ms\":%.4f,\"GBps\":%.1f,"
                  "\"copy_GBps\":%.1f,\"ratio\":%.3f,\"goal\":0.7}",
                  first ? "" : ",", H, L, d, pairing == 0 ? "half" : "interleaved", ms, bytes / ms / 1e6,
                  bytes / copy_ms / 1e6, copy_ms / ms);
      first = false;
    }
    CHECK_CUDA(cudaFree(x));
    CHECK_CUDA(cudaFree(y));
  }
  std::printf("],\n \"attention\":[");

  // Attention, H = 8, d = 64.
  const long long AH = 8, Ad = 64;
  std::vector<double> slopes(AH);
  for (long long h = 0; h < AH; ++h) slopes[h] = posenc::kernels::alibi_slope(h, AH);
  std::vector<float> t5(AH * 32);
  for (size_t i = 0; i < t5.size(); ++i) t5[i] = 0.01f * static_cast<float>(i % 17);
  double* d_slopes = nullptr;
  float* d_t5 = nullptr;
  CHECK_CUDA(cudaMalloc(&d_slopes, AH * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&d_t5, t5.size() * sizeof(float)));
  CHECK_CUDA(cudaMemcpy(d_slopes, slopes.data(), AH * sizeof(double), cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(d_t5, t5.data(), t5.size() * sizeof(float), cudaMemcpyHostToDevice));
  first = true;
  for (long long L : {1024LL, 4096LL, 8192LL}) {
    const size_t n = static_cast<size_t>(AH * L * Ad);
    float *q, *k, *v, *o;
    CHECK_CUDA(cudaMalloc(&q, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&k, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&v, n * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&o, n * sizeof(float)));
    CHECK_CUDA(cudaMemset(q, 0, n * sizeof(float)));
    CHECK_CUDA(cudaMemset(k, 0, n * sizeof(float)));
    CHECK_CUDA(cudaMemset(v, 0, n * sizeof(float)));
    for (bool causal : {false, true}) {
      float none_ms = 0.0f;
      for (BiasKind kind : {BiasKind::none, BiasKind::alibi, BiasKind::t5}) {
        AttentionParams p;
        p.heads = AH;
        p.queries = p.keys = L;
        p.dim = Ad;
        p.scale = 0.125f;
        p.causal = causal;
        p.bias = kind;
        p.d_slopes = d_slopes;
        p.d_t5_table = d_t5;
        p.num_buckets = 32;
        p.max_distance = 128;
        p.t5_causal = causal;
        const float ms = best_ms([&] { launch_attention(q, k, v, o, p); }, repeats);
        if (kind == BiasKind::none) none_ms = ms;
        const double flops = 4.0 * AH * L * L * Ad * (causal ? 0.5 : 1.0);
        const char* name = kind == BiasKind::none ? "none" : kind == BiasKind::alibi ? "alibi" : "t5";
        std::printf("%s\n  {\"scheme\":\"%s\",\"causal\":%s,\"H\":%lld,\"L\":%lld,\"d\":%lld,\"ms\":%.3f,"
                    "\"GFLOPs\":%.1f,\"vs_none\":%.3f}",
                    first ? "" : ",", name, causal ? "true" : "false", AH, L, Ad, ms, flops / ms / 1e6,
                    none_ms / ms);
        first = false;
      }
    }
    cudaFree(q);
    cudaFree(k);
    cudaFree(v);
    cudaFree(o);
  }
  std::printf("]}\n");
  return 0;
}
