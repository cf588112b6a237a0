// posenc/kernels/gemm.hpp: C += A B on row-major float tiles, as plain loops.
//
// Attention's two products per tile (S = Q K^T, with K^T copied out first, and
// acc += P V) are Eigen GEMMs on the CPU. Eigen 3.4 has no WebAssembly SIMD, so
// in wasm those run scalar; these loops are written so that clang vectorizes them
// for -msimd128: a block of kRows rows of C by kCols columns lives in a small
// local array (registers after unrolling), and the inner loop runs along
// contiguous rows of B. Each C entry sums over k in order 0, 1, ..., k-1, the
// same order as the textbook triple loop.
//
//   A: m x k (lda)      B: k x n (ldb)      C: m x n (ldc), accumulated into
//
//        n                 n
//   k [b b b b]      m [c c c c]  +=  sum_t  A[i][t] * B[t][j]
//
// Used by the wasm build of attention (cpp/src/attention.cpp); the native tests
// hold it to Eigen's product (tests/cpp/test_gemm_kernel.cpp).
#pragma once

#include <cstdint>

namespace posenc::kernels {

namespace gemm_detail {

// One R x J block of C: rows i0.., columns j0... R, J fixed for full blocks (so the
// accumulators unroll into registers), or the edge sizes, at most kRows x kCols.
template <int kRows, int kCols>
inline void block(const float* __restrict a, std::int64_t lda, const float* __restrict b, std::int64_t ldb,
                  float* __restrict c, std::int64_t ldc, std::int64_t k, int rows, int cols) {
  float acc[kRows][kCols] = {};
  for (std::int64_t t = 0; t < k; ++t) {
    const float* bt = b + t * ldb;
    for (int r = 0; r < kRows; ++r) {
      if (r >= rows) break;
      const float ar = a[r * lda + t];
      for (int j = 0; j < kCols; ++j) acc[r][j] += ar * (j < cols ? bt[j] : 0.0f);
    }
  }
  for (int r = 0; r < rows; ++r)
    for (int j = 0; j < cols; ++j) c[r * ldc + j] += acc[r][j];
}

// The full block: no bounds inside the loops.
template <int kRows, int kCols>
inline void full_block(const float* __restrict a, std::int64_t lda, const float* __restrict b, std::int64_t ldb,
                       float* __restrict c, std::int64_t ldc, std::int64_t k) {
  float acc[kRows][kCols] = {};
  for (std::int64_t t = 0; t < k; ++t) {
    const float* bt = b + t * ldb;
    for (int r = 0; r < kRows; ++r) {
      const float ar = a[r * lda + t];
      for (int j = 0; j < kCols; ++j) acc[r][j] += ar * bt[j];
    }
  }
  for (int r = 0; r < kRows; ++r)
    for (int j = 0; j < kCols; ++j) c[r * ldc + j] += acc[r][j];
}

}  // namespace gemm_detail

/// C (m x n, row stride ldc) += A (m x k, lda) * B (k x n, ldb), all row-major.
/// C must not overlap A or B.
inline void gemm_add(const float* a, std::int64_t lda, const float* b, std::int64_t ldb, float* c, std::int64_t ldc,
                     std::int64_t m, std::int64_t n, std::int64_t k) {
  // 2 x 16: eight 128-bit accumulators, the fastest shape in V8 on x86-64 (4 x 16
  // spills; measured 2.5x Eigen's scalar GEMM in wasm, 64 x 64 x 256).
  constexpr int kRows = 2, kCols = 16;
  for (std::int64_t i = 0; i < m; i += kRows) {
    const int rows = static_cast<int>(m - i < kRows ? m - i : kRows);
    for (std::int64_t j = 0; j < n; j += kCols) {
      const int cols = static_cast<int>(n - j < kCols ? n - j : kCols);
      if (rows == kRows && cols == kCols)
        gemm_detail::full_block<kRows, kCols>(a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, k);
      else
        gemm_detail::block<kRows, kCols>(a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, k, rows, cols);
    }
  }
}

}  // namespace posenc::kernels
