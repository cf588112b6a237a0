// cli/attention_inputs.hpp: the seeded Q, K, V of `posenc attention`, one head at
// a time.
//
// Each of Q, K, V is its own stream of N(0, 1) values, Rng(seed, attention_q / _k /
// _v), drawn head by head, row by row, d values per row. One generator per tensor
// lives across the heads, so head h holds the same numbers whether or not later
// heads are drawn, and a caller can redraw one tensor (for --inputs) without the
// others. On each drawn L x d head:
//
//   x'_i = x_{p_i} + e_i      (row i of the permuted sequence is token p_i of the
//                              drawn one; e_i: the absolute encoding of position
//                              offset + i, or 0)
//
// so positions stay 0..L-1 (+ offset) in the new order: a permutation moves the
// tokens, not the positions.
#pragma once

#include <cstdint>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/types.hpp"

namespace posenc::cli {

/// What is done to every drawn head (see above).
struct InputLayout {
  std::int64_t length = 0;                ///< L
  std::int64_t dim = 0;                   ///< d
  std::vector<std::int64_t> permutation;  ///< p_0..p_{L-1}; empty: the identity
  Matrix added;                           ///< L x d rows e_i added after permuting; 0 x 0: none
};

/// Throws Error("permute", ...) unless p is a permutation of 0..length-1, saying
/// which value is out of range, repeated or missing, or how many were given.
void check_permutation(const std::vector<std::int64_t>& p, std::int64_t length);

/// One of Q, K, V, head after head.
class InputStream {
 public:
  /// `layout` must outlive the stream.
  InputStream(const InputLayout& layout, std::uint64_t seed, Stream stream);

  /// The next head: L x d, drawn, permuted and with the encoding added.
  Matrix next_head();

 private:
  const InputLayout& layout_;
  Rng rng_;
};

}  // namespace posenc::cli
