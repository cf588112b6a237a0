// Implementation of posenc/sinusoidal.hpp: a thin driver over kernels/sinusoid.hpp.
#include "posenc/sinusoidal.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/naive.hpp"

namespace posenc {

namespace {

void check_options(const SinusoidalOptions& o) { require_real("base", o.base, 1.0, 1e12, /*lo_open=*/true); }

// Fills one row; the per-entry math lives once in the kernel header.
void fill_row(float* out, double pos, std::int64_t dim, const SinusoidalOptions& o) {
  for (std::int64_t c = 0; c < dim; ++c) {
    out[c] = static_cast<float>(o.layout == SinusoidLayout::interleaved
                                    ? kernels::sinusoid_interleaved(pos, c, dim, o.base, o.spacing)
                                    : kernels::sinusoid_concat(pos, c, dim, o.base, o.spacing));
  }
}

}  // namespace

Matrix sinusoidal_encoding(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts) {
  check_length_dim(length, dim);
  check_options(opts);
  Matrix p(length, dim);
  for (std::int64_t i = 0; i < length; ++i) fill_row(p.row(i).data(), static_cast<double>(i), dim, opts);
  return p;
}

Eigen::RowVectorXf sinusoidal_row(double position, std::int64_t dim, const SinusoidalOptions& opts) {
  require_real("position", position, 0.0, static_cast<double>(kMaxPosition));
  require_int("dim", dim, 1, kMaxDim);
  check_options(opts);
  Eigen::RowVectorXf r(dim);
  fill_row(r.data(), position, dim, opts);
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
