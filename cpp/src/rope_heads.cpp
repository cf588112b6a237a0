// Implementation of rope_apply_heads (posenc/rope.hpp): RoPE over a multi-head
// tensor, with one cos/sin table per block of positions shared by every head.
//
// Shapes: H heads, L positions, d head width, r rotary width, r/2 pairs.
// Work order, per block of kBlock positions p0 .. p0 + B - 1:
//   1. table: cos/sin of (p0 + i) theta_k, B x r/2 floats each (kernels/sincos.hpp)
//   2. for every head h, for every position i in the block: rotate row (h, i)
// The table block (B r/2 x 2 x 4 bytes = 16 KiB for B = 32, r = 128) stays in L1
// while all H heads stream through it, so the loop's memory traffic is x and y
// alone: it runs at copy speed when x is larger than the caches.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "rope_table.hpp"

namespace posenc {

namespace detail {

void fill_rope_cos_sin(const double* inv_freq, std::int64_t half, double first_position, std::int64_t rows,
                       float* cos_out, float* sin_out, std::int64_t ld) {
  double max_freq = 0.0;
  for (std::int64_t k = 0; k < half; ++k) max_freq = std::max(max_freq, std::fabs(inv_freq[k]));
  for (std::int64_t i = 0; i < rows; ++i) {
    const double m = first_position + static_cast<double>(i);
    float* __restrict c = cos_out + i * ld;
    float* __restrict s = sin_out + i * ld;
    // One test per row keeps the inner loop branch-free (so it vectorizes).
    if (std::fabs(m) * max_freq <= kernels::kSincosMaxAngle) {
      for (std::int64_t k = 0; k < half; ++k) {
        double cv = 0.0, sv = 0.0;
        kernels::rope_cos_sin_fast(m, inv_freq[k], &cv, &sv);
        c[k] = static_cast<float>(cv);
        s[k] = static_cast<float>(sv);
      }
    } else {
      for (std::int64_t k = 0; k < half; ++k) {
        double cv = 0.0, sv = 0.0;
        kernels::rope_cos_sin_exact(m, inv_freq[k], &cv, &sv);
        c[k] = static_cast<float>(cv);
        s[k] = static_cast<float>(sv);
      }
    }
  }
}

}  // namespace detail

namespace {

constexpr std::int64_t kBlock = 32;  // positions per table block

// The row kernels: `rows` rows of width d, `stride` floats apart, row i reading its
// cos/sin at c + i * tstride (tstride = r/2 for one position per row, 0 for every
// head of one position). Separate in-place and out-of-place versions so that every
// pointer can be __restrict (the vectorizer then needs no runtime overlap checks);
// all call kernels::rope_rotate. The row loop sits inside the kernel: a call per
// row of 64 pairs cost about as much as the row itself in L2.

// One row, half pairing: a = x, b = x + r/2 (disjoint halves). Its own function
// so that the __restrict parameters reach the vectorizer (restrict locals do not).
inline void half_row(float* __restrict a, float* __restrict b, const float* __restrict c,
                     const float* __restrict s, std::int64_t half) {
  for (std::int64_t k = 0; k < half; ++k) {
    const float xa = a[k], xb = b[k];
    kernels::rope_rotate(xa, xb, c[k], s[k], &a[k], &b[k]);
  }
}

inline void half_row_copy(const float* __restrict xa, const float* __restrict xb, float* __restrict ya,
                          float* __restrict yb, const float* __restrict c, const float* __restrict s,
                          std::int64_t half) {
  for (std::int64_t k = 0; k < half; ++k) kernels::rope_rotate(xa[k], xb[k], c[k], s[k], &ya[k], &yb[k]);
}

// half pairing (a = k, b = k + r/2), in place.
void rows_half_inplace(float* x, std::int64_t rows, std::int64_t stride, const float* c, const float* s,
                       std::int64_t tstride, std::int64_t half) {
  for (std::int64_t i = 0; i < rows; ++i)
    half_row(x + i * stride, x + i * stride + half, c + i * tstride, s + i * tstride, half);
}

// half pairing, x -> y.
void rows_half_copy(const float* x, float* y, std::int64_t rows, std::int64_t stride, const float* c,
                    const float* s, std::int64_t tstride, std::int64_t half) {
  for (std::int64_t i = 0; i < rows; ++i) {
    const float* xi = x + i * stride;
    float* yi = y + i * stride;
    half_row_copy(xi, xi + half, yi, yi + half, c + i * tstride, s + i * tstride, half);
  }
}

// interleaved pairing (a = 2k, b = 2k + 1), in place: the pairs are adjacent, so
// GCC vectorizes with even/odd shuffles.
void rows_interleaved_inplace(float* __restrict x, std::int64_t rows, std::int64_t stride,
                              const float* __restrict c, const float* __restrict s, std::int64_t tstride,
                              std::int64_t half) {
  for (std::int64_t i = 0; i < rows; ++i) {
    float* __restrict xi = x + i * stride;
    const float* __restrict ci = c + i * tstride;
    const float* __restrict si = s + i * tstride;
    for (std::int64_t k = 0; k < half; ++k) {
      const float xa = xi[2 * k], xb = xi[2 * k + 1];
      kernels::rope_rotate(xa, xb, ci[k], si[k], &xi[2 * k], &xi[2 * k + 1]);
    }
  }
}

// interleaved pairing, x -> y.
void rows_interleaved_copy(const float* __restrict x, float* __restrict y, std::int64_t rows, std::int64_t stride,
                           const float* __restrict c, const float* __restrict s, std::int64_t tstride,
                           std::int64_t half) {
  for (std::int64_t i = 0; i < rows; ++i) {
    const float* __restrict xi = x + i * stride;
    float* __restrict yi = y + i * stride;
    const float* __restrict ci = c + i * tstride;
    const float* __restrict si = s + i * tstride;
    for (std::int64_t k = 0; k < half; ++k)
      kernels::rope_rotate(xi[2 * k], xi[2 * k + 1], ci[k], si[k], &yi[2 * k], &yi[2 * k + 1]);
  }
}

struct Job {
  const float* x;
  float* y;
  std::int64_t heads, length, dim, half;
  RopePairing pairing;
  HeadLayout layout;
  // Either the frequencies (tables computed per block) or whole precomputed tables.
  const double* inv_freq;
  double start;
  const float* cos_table;  // length x half, or null
  const float* sin_table;
};

// `rows` rows from float offset `offset`, `stride` apart, tables as the kernels.
void rotate_rows(const Job& j, std::int64_t offset, std::int64_t rows, std::int64_t stride, const float* c,
                 const float* s, std::int64_t tstride) {
  const std::int64_t half = j.half, r = 2 * half;
  const float* x = j.x + offset;
  float* y = j.y + offset;
  const bool half_pairs = j.pairing == RopePairing::half;
  if (x == y) {
    if (half_pairs) rows_half_inplace(y, rows, stride, c, s, tstride, half);
    else rows_interleaved_inplace(y, rows, stride, c, s, tstride, half);
    return;
  }
  if (half_pairs) rows_half_copy(x, y, rows, stride, c, s, tstride, half);
  else rows_interleaved_copy(x, y, rows, stride, c, s, tstride, half);
  if (r < j.dim)
    for (std::int64_t i = 0; i < rows; ++i) std::copy(x + i * stride + r, x + i * stride + j.dim, y + i * stride + r);
}

// Positions [p_begin, p_end) of every head.
void run_positions(const Job& j, std::int64_t p_begin, std::int64_t p_end) {
  std::vector<float> cos_block, sin_block;
  if (!j.cos_table) {
    cos_block.resize(static_cast<std::size_t>(kBlock * j.half));
    sin_block.resize(cos_block.size());
  }
  for (std::int64_t p0 = p_begin; p0 < p_end; p0 += kBlock) {
    const std::int64_t n = std::min(kBlock, p_end - p0);
    const float* c = nullptr;
    const float* s = nullptr;
    if (j.cos_table) {
      c = j.cos_table + p0 * j.half;
      s = j.sin_table + p0 * j.half;
    } else {
      detail::fill_rope_cos_sin(j.inv_freq, j.half, j.start + static_cast<double>(p0), n, cos_block.data(),
                                sin_block.data(), j.half);
      c = cos_block.data();
      s = sin_block.data();
    }
    if (j.layout == HeadLayout::heads_first) {
      // Head h's rows of the block are contiguous; row i uses table row i.
      for (std::int64_t h = 0; h < j.heads; ++h) rotate_rows(j, (h * j.length + p0) * j.dim, n, j.dim, c, s, j.half);
    } else {
      // Position i's H rows are contiguous and share table row i.
      for (std::int64_t i = 0; i < n; ++i)
        rotate_rows(j, (p0 + i) * j.heads * j.dim, j.heads, j.dim, c + i * j.half, s + i * j.half, 0);
    }
  }
}

// Splits the positions over up to `threads` threads, in whole blocks, when each
// thread gets at least kRopeMinFloatsPerThread floats.
void run(const Job& j, int threads) {
  const std::int64_t floats = j.heads * j.length * j.dim;
  const std::int64_t blocks = (j.length + kBlock - 1) / kBlock;
  const std::int64_t by_work = std::max<std::int64_t>(1, floats / kRopeMinFloatsPerThread);
  const auto used = static_cast<int>(std::min<std::int64_t>({threads, by_work, blocks}));
  if (used <= 1) {
    run_positions(j, 0, j.length);
    return;
  }
  std::vector<std::thread> pool;
  auto bounds = [&](int t) { return std::min(j.length, (blocks * t / used) * kBlock); };
  for (int t = 1; t < used; ++t) pool.emplace_back(run_positions, std::cref(j), bounds(t), bounds(t + 1));
  run_positions(j, 0, bounds(1));
  for (std::thread& th : pool) th.join();
}

void check_common(const float* x, const float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                  int threads) {
  if (x == nullptr) throw Error("x", "null", "a pointer to heads x length x dim floats");
  if (y == nullptr) throw Error("y", "null", "a pointer to heads x length x dim floats (x itself for in place)");
  require_int("heads", heads, 1, kMaxHeads);
  require_int("length", length, 1, kMaxLength);
  require_int("dim", dim, 2, kMaxDim);
  require_int("threads", threads, 1, kMaxThreads);
  const double floats = static_cast<double>(heads) * static_cast<double>(length) * static_cast<double>(dim);
  require_output_size("length", floats,
                      "heads x length x dim = " + std::to_string(heads) + " x " + std::to_string(length) + " x " +
                          std::to_string(dim));
  // Overlap test on addresses (comparing unrelated pointers is unspecified).
  const auto bytes = static_cast<std::uintptr_t>(floats) * sizeof(float);
  const auto xa = reinterpret_cast<std::uintptr_t>(x), ya = reinterpret_cast<std::uintptr_t>(y);
  if (xa != ya && xa < ya + bytes && ya < xa + bytes)
    throw Error("y", "a buffer overlapping x", "x itself (in place) or a buffer disjoint from x");
}

}  // namespace

void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      double start, const RopeOptions& opts, int threads, HeadLayout layout) {
  check_common(x, y, heads, length, dim, threads);
  const RopeFrequencies f = rope_frequencies(dim, opts);
  detail::check_rope_positions(start, length);
  const Job j{x, y, heads, length, dim, f.rotary_dim / 2, opts.pairing, layout, f.inv_freq.data(), start,
              nullptr, nullptr};
  run(j, threads);
}

void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      const RopeTables& t, RopePairing pairing, int threads, HeadLayout layout) {
  check_common(x, y, heads, length, dim, threads);
  const std::int64_t half = t.cos.cols();
  if (t.cos.rows() != length || t.sin.rows() != length || t.sin.cols() != half || half < 1 || 2 * half > dim) {
    throw Error("tables",
                "cos " + std::to_string(t.cos.rows()) + " x " + std::to_string(t.cos.cols()) + ", sin " +
                    std::to_string(t.sin.rows()) + " x " + std::to_string(t.sin.cols()),
                "cos and sin both length x r/2 = " + std::to_string(length) + " x r/2 with 2 <= r <= dim = " +
                    std::to_string(dim));
  }
  if (pairing != RopePairing::half && pairing != RopePairing::interleaved)
    throw Error("pairing", format_value(static_cast<std::int64_t>(pairing)), "one of half, interleaved");
  const Job j{x, y, heads, length, dim, half, pairing, layout, nullptr, 0.0, t.cos.data(), t.sin.data()};
  run(j, threads);
}

}  // namespace posenc
