// posenc/sinusoidal.hpp: the fixed sinusoidal absolute encoding.
//
// Vaswani et al. 2017 ("Attention Is All You Need", section 3.5):
//   PE(pos, 2i) = sin(pos * w_i),  PE(pos, 2i+1) = cos(pos * w_i),  w_i = base^(-2i/D)
// Two layouts of the same numbers (the per-entry math is in kernels/sinusoid.hpp):
//
//   interleaved (paper, notebook):  [s0 c0 s1 c1 s2 c2 ...]
//   concat (tensor2tensor, fairseq):[s0 s1 s2 ... | c0 c1 c2 ...]
//
// Checked against: the paper's formula; tensor2tensor common_attention.
// get_timing_signal_1d and fairseq SinusoidalPositionalEmbedding.get_embedding for
// the concat layout and the endpoint spacing (both pad an odd D with a zero column).
// Accurate to 1e-6 absolute for positions up to 10^6 and D up to 4096 (angles in
// double, rounded to float32 once).
#pragma once

#include <cstdint>
#include <string_view>

#include "posenc/kernels/sinusoid.hpp"
#include "posenc/types.hpp"

namespace posenc {

enum class SinusoidLayout { interleaved, concat };
using kernels::Spacing;

struct SinusoidalOptions {
  SinusoidLayout layout = SinusoidLayout::interleaved;
  double base = 10000.0;            ///< in (1, 1e12]
  Spacing spacing = Spacing::paper;  ///< paper: base^(-2i/D); endpoint: last w is 1/base
};

/// The L x D table, row i = PE(i). Throws posenc::Error for sizes or base out of range.
Matrix sinusoidal_encoding(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts = {});

/// The encoding of one position (any real position >= 0, not only integers), D values.
Eigen::RowVectorXf sinusoidal_row(double position, std::int64_t dim, const SinusoidalOptions& opts = {});

/// The slow references of the two functions above: libm sin and cos, one entry at
/// a time (kernels::sinusoid_interleaved / sinusoid_concat). The fast paths agree
/// with them to 1 float32 ulp (tests/cpp/test_sinusoidal.cpp). Same errors.
Matrix sinusoidal_encoding_reference(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts = {});
Eigen::RowVectorXf sinusoidal_row_reference(double position, std::int64_t dim, const SinusoidalOptions& opts = {});

/// Parses "interleaved" | "concat" and "paper" | "endpoint"; throws posenc::Error.
SinusoidLayout parse_layout(std::string_view name);
Spacing parse_spacing(std::string_view name);

}  // namespace posenc
