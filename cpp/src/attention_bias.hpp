// Internal to the fast attention path: the additive bias b_h(pq, pk) of one head,
// computed on the fly for a run of keys, from tables that grow with Lq + Lk (never
// Lq x Lk). Not a public header.
//
//   alibi, t5, relative-bias: the bias depends only on r = pk - pq, so one table
//     over r in [rmin, rmax] (Lq + Lk - 1 entries) holds it; the keys pk0 .. pk0+n-1
//     of query pq read the contiguous slice starting at pk0 - pq - rmin.
//   fire: b = f(psi(|pq - pk|) / psi(max(pq, L_thr))) depends on pq through the
//     normalizer. psi(|r|) is tabulated; the MLP f (one hidden ReLU layer) is
//     piecewise linear in its input, so it is stored as sorted breakpoints with a
//     slope and intercept per segment: one multiply-add per pair instead of W.
#pragma once

#include <cstdint>
#include <vector>

#include "attention_internal.hpp"

namespace posenc::detail {

/// f(x) = b2[h] + sum_k w2[h, k] max(0, w1[k] x + b1[k]) as a piecewise-linear
/// function: on segment s (breakpoints[s-1] < x <= breakpoints[s]),
/// f(x) = slope[s] x + intercept[s]. Same values as kernels::fire_mlp up to
/// double rounding (f is continuous, so the segment chosen at a breakpoint does not
/// matter).
struct PiecewiseLinear {
  std::vector<double> breakpoints;  ///< sorted, n values
  std::vector<double> slope;        ///< n + 1 segments
  std::vector<double> intercept;

  static PiecewiseLinear fire_head(const FireWeights& w, std::int64_t head);
  /// The segment holding x: the number of breakpoints < x.
  std::size_t segment(double x) const;
  double operator()(double x) const;
};

class BiasSource {
 public:
  /// Tables for head `head` of the config's scheme (nothing for none, rope,
  /// relative).
  BiasSource(const AttentionConfig& config, std::int64_t head, const AttentionShape& shape);

  /// Whether the scheme adds a bias at all.
  bool active() const { return kind_ != Kind::none; }

  /// out[c] += b(pq, pk0 + c) for c = 0 .. n-1.
  void add(std::int64_t pq, std::int64_t pk0, std::int64_t n, float* out) const;

 private:
  enum class Kind { none, distance_table, fire };
  Kind kind_ = Kind::none;
  // distance_table: table_[r - rmin_] = b(r), r = pk - pq.
  std::vector<float> table_;
  std::int64_t rmin_ = 0;
  // fire: psi_[|r|] and the head's MLP.
  std::vector<double> psi_;
  PiecewiseLinear mlp_;
  FireOptions fire_options_;
};

}  // namespace posenc::detail
