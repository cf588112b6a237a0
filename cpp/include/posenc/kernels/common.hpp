// posenc/kernels/common.hpp: what every per-element kernel header needs.
//
// Kernel headers hold the per-element math (a sinusoid value, a rotated pair, a
// bias for (h, i, j), a T5 bucket) as small inline functions. They compile as
// plain C++ for the CPU and WebAssembly builds and as __host__ __device__ under
// nvcc, so every backend runs the same body; drivers only iterate.
#pragma once

#if defined(__CUDACC__)
#define POSENC_HD __host__ __device__ inline
#else
#define POSENC_HD inline
#endif
