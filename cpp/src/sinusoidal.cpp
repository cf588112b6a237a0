// Implementation of posenc/sinusoidal.hpp: drivers over kernels/sinusoid.hpp.
//
// Fast path (sinusoidal_encoding, sinusoidal_row): the inverse frequencies w_k are
// computed once per call, then every row's angles p w_k are formed in double and
// their sin and cos taken by the branch-free kernels::sincos_reduced through
// detail::fill_rope_cos_sin (the same table filler as RoPE: the two tables are
// the same numbers, cos and sin of position x inverse frequency; rows with an
// angle past kernels::kSincosMaxAngle go to libm). The angle p w_k is the same
// double product as the reference's, so the float results agree with it to 1 ulp
// (sin, cos within ~1e-16 before rounding; tests/cpp/test_sinusoidal.cpp).
// Reference (the *_reference functions): libm sin and cos, entry by entry.
#include "posenc/sinusoidal.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/naive.hpp"
#include "rope_table.hpp"

namespace posenc {

namespace {

constexpr std::int64_t kBlockRows = 32;  // rows per cos/sin scratch block (interleaved layout)

void check_options(const SinusoidalOptions& o) { require_real("base", o.base, 1.0, 1e12, /*lo_open=*/true); }

void check_row(double position, std::int64_t dim, const SinusoidalOptions& o) {
  require_real("position", position, 0.0, static_cast<double>(kMaxPosition));
  require_int("dim", dim, 1, kMaxDim);
  check_options(o);
}

// Fills one row entry by entry with libm: the reference.
void fill_row_reference(float* out, double pos, std::int64_t dim, const SinusoidalOptions& o) {
  for (std::int64_t c = 0; c < dim; ++c) {
    out[c] = static_cast<float>(o.layout == SinusoidLayout::interleaved
                                    ? kernels::sinusoid_interleaved(pos, c, dim, o.base, o.spacing)
                                    : kernels::sinusoid_concat(pos, c, dim, o.base, o.spacing));
  }
}

// Number of frequencies: interleaved ceil(D/2) (odd D ends with a sine), concat
// floor(D/2) (odd D ends with a zero column). As in kernels/sinusoid.hpp.
std::int64_t frequency_count(std::int64_t dim, SinusoidLayout layout) {
  return layout == SinusoidLayout::interleaved ? (dim + 1) / 2 : dim / 2;
}

// Interleaves one row: out[2k] = s[k], out[2k + 1] = c[k]; with odd D the last
// column is s[n - 1] alone.
void interleave_row(const float* __restrict s, const float* __restrict c, std::int64_t dim, float* __restrict out) {
  const std::int64_t pairs = dim / 2;
  for (std::int64_t k = 0; k < pairs; ++k) {
    out[2 * k] = s[k];
    out[2 * k + 1] = c[k];
  }
  if (dim % 2 == 1) out[dim - 1] = s[pairs];
}

// The fast path: `rows` rows at positions first, first + 1, ... into out (row
// stride dim).
void fill_rows_fast(float* out, double first, std::int64_t rows, std::int64_t dim, const SinusoidalOptions& o) {
  const std::int64_t n = frequency_count(dim, o.layout);
  std::vector<double> inv_freq(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k)  // the reference's w_k, the same call
    inv_freq[static_cast<std::size_t>(k)] = kernels::sinusoid_inv_freq(k, dim, n, o.base, o.spacing);
  if (o.layout == SinusoidLayout::concat) {
    // [sin | cos] is the table filler's own output layout, written in place.
    if (n > 0) detail::fill_rope_cos_sin(inv_freq.data(), n, first, rows, out + n, out, dim);
    if (dim % 2 == 1)
      for (std::int64_t i = 0; i < rows; ++i) out[i * dim + dim - 1] = 0.0f;
    return;
  }
  std::vector<float> sin_block(static_cast<std::size_t>(kBlockRows * n)), cos_block(sin_block.size());
  for (std::int64_t i0 = 0; i0 < rows; i0 += kBlockRows) {
    const std::int64_t b = std::min(kBlockRows, rows - i0);
    detail::fill_rope_cos_sin(inv_freq.data(), n, first + static_cast<double>(i0), b, cos_block.data(),
                              sin_block.data(), n);
    for (std::int64_t i = 0; i < b; ++i)
      interleave_row(sin_block.data() + i * n, cos_block.data() + i * n, dim, out + (i0 + i) * dim);
  }
}

}  // namespace

Matrix sinusoidal_encoding(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts) {
  check_length_dim(length, dim);
  check_options(opts);
  Matrix p(length, dim);
  fill_rows_fast(p.data(), 0.0, length, dim, opts);
  return p;
}

Eigen::RowVectorXf sinusoidal_row(double position, std::int64_t dim, const SinusoidalOptions& opts) {
  check_row(position, dim, opts);
  Eigen::RowVectorXf r(dim);
  fill_rows_fast(r.data(), position, 1, dim, opts);
  return r;
}

Matrix sinusoidal_encoding_reference(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts) {
  check_length_dim(length, dim);
  check_options(opts);
  Matrix p(length, dim);
  for (std::int64_t i = 0; i < length; ++i) fill_row_reference(p.row(i).data(), static_cast<double>(i), dim, opts);
  return p;
}

Eigen::RowVectorXf sinusoidal_row_reference(double position, std::int64_t dim, const SinusoidalOptions& opts) {
  check_row(position, dim, opts);
  Eigen::RowVectorXf r(dim);
  fill_row_reference(r.data(), position, dim, opts);
  return r;
}

SinusoidLayout parse_layout(std::string_view name) {
  return parse_choice<SinusoidLayout>(
      "layout", name, {{"interleaved", SinusoidLayout::interleaved}, {"concat", SinusoidLayout::concat}});
}

Spacing parse_spacing(std::string_view name) {
  return parse_choice<Spacing>("spacing", name, {{"paper", Spacing::paper}, {"endpoint", Spacing::endpoint}});
}

}  // namespace posenc
