// Internal to the fast attention path: the additive bias b_h(pq, pk) of one head,
// computed on the fly for a run of keys, from tables that grow with Lq + Lk (never
// Lq x Lk). Not a public header.
//
//   alibi, t5, relative-bias: the bias depends only on r = pk - pq, so one table
//     over r in [rmin, rmax] (Lq + Lk - 1 entries) holds it; the keys pk0 .. pk0+n-1
//     of query pq read the contiguous slice starting at pk0 - pq - rmin.
//   fire: b = f(u), u = psi(|pq - pk|) / psi(max(pq, L_thr)), depends on pq
//     through the normalizer, so no table over r holds it. Instead: f (one hidden
//     layer of W ReLU units) is piecewise linear in u, with breakpoints x_k where a
//     unit switches; and u grows with the distance |r|. So per query row the
//     breakpoints become distance thresholds D_k (the first |r| whose u exceeds
//     x_k; a binary search on the psi table, once per row and query block), and a
//     run of keys splits into a few stretches on which f(u) = A_s u + B_s: one
//     multiply-add per pair instead of 3 W flops. Same values as the reference's
//     double MLP up to float32 rounding of u, A_s and B_s (f is continuous, so
//     which side of a breakpoint a pair lands on does not matter).
#pragma once

#include <cstdint>
#include <vector>

#include "attention_internal.hpp"

namespace posenc::detail {

class BiasSource {
 public:
  /// Tables for head `head` of the config's scheme (nothing for none, rope,
  /// relative).
  BiasSource(const AttentionConfig& config, std::int64_t head, const AttentionShape& shape);

  /// Whether the scheme adds a bias at all.
  bool active() const { return kind_ != Kind::none; }

  /// Prepares the per-row state of queries pq_first .. pq_first + count - 1 (fire's
  /// distance thresholds); add() may then be called for those rows only.
  void begin_rows(std::int64_t pq_first, std::int64_t count);

  /// out[c] += b(pq, pk0 + c) for c = 0 .. n-1.
  void add(std::int64_t pq, std::int64_t pk0, std::int64_t n, float* out) const;

 private:
  enum class Kind { none, distance_table, fire };
  Kind kind_ = Kind::none;
  // distance_table: table_[r - rmin_] = b(r), r = pk - pq.
  std::vector<float> table_;
  std::int64_t rmin_ = 0;
  // fire: psi_[|r| - psi_first_]; f as segments: breakpoints_ (sorted, n), slope_/intercept_
  // (n + 1); for the current rows, 1 / normalizer and the thresholds D_k (n per row).
  void build_fire_segments(const FireWeights& w, std::int64_t head);
  void add_fire(std::int64_t pq, std::int64_t pk0, std::int64_t n, float* out) const;
  std::vector<float> psi_;
  std::int64_t psi_first_ = 0;  // the distance of psi_[0]: the smallest |r| met
  std::vector<double> breakpoints_;
  std::vector<float> slope_, intercept_;
  FireOptions fire_options_;
  std::int64_t rows_first_ = 0;
  std::vector<float> inv_norm_;
  std::vector<std::int64_t> thresholds_;
};

}  // namespace posenc::detail
