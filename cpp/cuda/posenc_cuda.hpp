// posenc/cuda: the CUDA backend's host API (-DPOSENC_CUDA=ON, library posenc_cuda).
//
// The same contracts as the CPU functions of the same names, computed on the GPU:
// inputs are validated by the core's own checks (same errors, naming the argument),
// copied to the device, run by the kernels of kernels.cu (which call the shared
// per-element functions of posenc/kernels/*.hpp), and copied back. For work that
// stays on the device, call the launchers of launch.hpp on device memory.
// Device failures (no device, out of memory) throw posenc::Error naming "device".
#pragma once

#include <cstdint>
#include <string>

#include "posenc/attention.hpp"
#include "posenc/rope.hpp"
#include "posenc/sinusoidal.hpp"

namespace posenc::cuda {

/// Whether a CUDA device can be used: `message` is the device's name, or
/// "no CUDA device: <cudaGetErrorString of cudaGetDeviceCount's error>".
struct DeviceStatus {
  bool available = false;
  std::string message;
};
DeviceStatus device_status();

/// sinusoidal_encoding on the GPU: L x D, one thread per entry (the per-entry
/// kernel functions, double inside, one rounding). Throws as sinusoidal_encoding.
Matrix sinusoidal_encoding(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts = {});

/// rope_apply_heads on the GPU, [H][L][d] (heads_first), host memory in and out
/// (in place when y == x). Throws as posenc::rope_apply_heads, and for dim over
/// kMaxCudaRopeDim (the block's cos/sin live in shared memory).
void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      double start, const RopeOptions& opts = {});
inline constexpr std::int64_t kMaxCudaRopeDim = 8192;

/// posenc::attention's output on the GPU for the schemes none, alibi, t5 and rope
/// (q and k rotated first, as the CPU fast path does), with the bias computed per
/// key tile in shared memory (no L x L buffer). Throws as posenc::attention, and
/// posenc::Error naming "scheme" for another scheme, "q" for a head width other
/// than 16, 32, 64, 128, "v" when dv != d.
HeadMatrices attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                       const AttentionConfig& config);

}  // namespace posenc::cuda
