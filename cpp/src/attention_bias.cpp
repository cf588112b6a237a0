// Implementation of attention_bias.hpp.
#include "attention_bias.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "posenc/alibi.hpp"
#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/kernels/relative.hpp"
#include "posenc/kernels/t5.hpp"

namespace posenc::detail {

namespace {

// A sum in double with Neumaier's compensation: the sweep below adds and later
// removes each unit's term, and plain doubles would carry the rounding of every
// removed term (up to 1e12 with weights at kMaxFireWeight) into later segments.
class CompensatedSum {
 public:
  explicit CompensatedSum(double start = 0.0) : sum_(start) {}
  void add(double x) {
    const double t = sum_ + x;
    comp_ += std::fabs(sum_) >= std::fabs(x) ? (sum_ - t) + x : (x - t) + sum_;
    sum_ = t;
  }
  double value() const { return sum_ + comp_; }

 private:
  double sum_ = 0.0, comp_ = 0.0;
};

}  // namespace

void BiasSource::build_fire_segments(const FireWeights& w, std::int64_t head) {
  // f(x) = b2 + sum_k w2[k] max(0, w1[k] x + b1[k]) is linear between the units'
  // switch points x_k = -b1[k] / w1[k]. Left of every x_k the units with w1 < 0 are
  // on (and those with w1 = 0, b1 > 0, everywhere); crossing x_k turns unit k on
  // (w1 > 0) or off (w1 < 0). One sorted sweep: O(W log W) per head (evaluating
  // every unit in every segment was O(W^2): 2 x 10^7 steps per head at W = 4096).
  struct Switch {
    double x;
    std::int64_t unit;
  };
  std::vector<Switch> switches;
  const std::int64_t hidden = w.hidden();
  CompensatedSum a, b(static_cast<double>(w.b2(head)));
  auto toggle = [&](std::int64_t k, double sign) {
    const double w2 = static_cast<double>(w.w2(head, k));
    a.add(sign * w2 * static_cast<double>(w.w1(k)));
    b.add(sign * w2 * static_cast<double>(w.b1(k)));
  };
  for (std::int64_t k = 0; k < hidden; ++k) {
    if (w.w1(k) != 0.0f) {
      switches.push_back({-static_cast<double>(w.b1(k)) / static_cast<double>(w.w1(k)), k});
      if (w.w1(k) < 0.0f) toggle(k, 1.0);
    } else if (w.b1(k) > 0.0f) {  // w1 = 0: on everywhere or nowhere
      toggle(k, 1.0);
    }
  }
  std::sort(switches.begin(), switches.end(),
            [](const Switch& l, const Switch& r) { return l.x < r.x || (l.x == r.x && l.unit < r.unit); });
  auto close_segment = [&] {
    slope_.push_back(static_cast<float>(a.value()));
    intercept_.push_back(static_cast<float>(b.value()));
  };
  close_segment();  // left of every switch point
  for (const Switch& s : switches) {
    breakpoints_.push_back(s.x);
    toggle(s.unit, w.w1(s.unit) > 0.0f ? 1.0 : -1.0);
    close_segment();
  }
}

void BiasSource::begin_rows(std::int64_t pq_first, std::int64_t count) {
  if (kind_ != Kind::fire) return;
  const FireOptions& o = fire_options_;
  const std::size_t nb = breakpoints_.size();
  const auto never = psi_first_ + static_cast<std::int64_t>(psi_.size());  // beyond every distance met
  rows_first_ = pq_first;
  inv_norm_.resize(static_cast<std::size_t>(count));
  thresholds_.resize(static_cast<std::size_t>(count) * nb);
  for (std::int64_t r = 0; r < count; ++r) {
    const auto inv = static_cast<float>(1.0 / kernels::fire_normalizer(pq_first + r, o.c, o.threshold, o.eps));
    inv_norm_[static_cast<std::size_t>(r)] = inv;
    // D_k: the first distance whose u = psi(d) * inv (computed exactly as add_fire
    // does) exceeds x_k. u grows with d, so the first row binary-searches; the
    // normalizer grows with the query position, so u shrinks from row to row and
    // D_k can only move up: later rows walk on from the row before (about one step).
    std::int64_t* d = thresholds_.data() + static_cast<std::size_t>(r) * nb;
    auto exceeds = [&](std::int64_t dist, std::size_t k) {
      return static_cast<double>(psi_[static_cast<std::size_t>(dist - psi_first_)] * inv) > breakpoints_[k];
    };
    for (std::size_t k = 0; k < nb; ++k) {
      if (r == 0) {
        std::int64_t lo = psi_first_, hi = never;
        while (lo < hi) {
          const std::int64_t mid = lo + (hi - lo) / 2;
          if (exceeds(mid, k)) hi = mid;
          else lo = mid + 1;
        }
        d[k] = lo;
      } else {
        std::int64_t at = (d - nb)[k];  // the same threshold, one row up (d[k - nb] wrapped: size_t)
        while (at < never && !exceeds(at, k)) ++at;
        d[k] = at;
      }
    }
  }
}

BiasSource::BiasSource(const AttentionConfig& c, std::int64_t head, const AttentionShape& shape) {
  // Every r = pk - pq the call can meet.
  rmin_ = c.key_start - (c.query_start + shape.queries - 1);
  const std::int64_t rmax = c.key_start + shape.keys - 1 - c.query_start;
  const auto count = static_cast<std::size_t>(rmax - rmin_ + 1);
  switch (c.scheme) {
    case AttentionScheme::none:
    case AttentionScheme::rope:
    case AttentionScheme::relative: return;
    case AttentionScheme::alibi: {
      const double slope = kernels::alibi_slope(head, shape.heads);
      table_.resize(count);
      // The same expression as the reference's bias, rounded once.
      for (std::size_t t = 0; t < count; ++t)
        table_[t] = static_cast<float>(kernels::alibi_distance_bias(slope, 0, rmin_ + static_cast<std::int64_t>(t)));
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::t5: {
      table_.resize(count);
      for (std::size_t t = 0; t < count; ++t)
        table_[t] = kernels::t5_bias(c.t5_table.row(head).data(), 0, rmin_ + static_cast<std::int64_t>(t),
                                     c.t5.num_buckets, c.t5.max_distance, c.t5.causal);
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::relative_bias: {
      const std::int64_t clip = (c.bias_table.cols() - 1) / 2;
      table_.resize(count);
      for (std::size_t t = 0; t < count; ++t)
        table_[t] = kernels::relative_bias(c.bias_table.row(head).data(), 0, rmin_ + static_cast<std::int64_t>(t), clip);
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::fire: {
      // psi at every distance |r| met, nearest to farthest: at most Lq + Lk
      // entries however far apart the query and key positions start (a table from
      // 0 would need 2^40 of them there).
      const std::int64_t far = std::max(std::llabs(rmin_), std::llabs(rmax));
      psi_first_ = (rmin_ <= 0 && rmax >= 0) ? 0 : std::min(std::llabs(rmin_), std::llabs(rmax));
      psi_.resize(static_cast<std::size_t>(far - psi_first_) + 1);
      for (std::size_t t = 0; t < psi_.size(); ++t)
        psi_[t] = static_cast<float>(
            kernels::fire_psi(static_cast<double>(psi_first_ + static_cast<std::int64_t>(t)), c.fire_options.c));
      build_fire_segments(c.fire, head);
      fire_options_ = c.fire_options;
      kind_ = Kind::fire;
      return;
    }
  }
}

void BiasSource::add(std::int64_t pq, std::int64_t pk0, std::int64_t n, float* out) const {
  if (kind_ == Kind::distance_table) {
    const float* b = table_.data() + (pk0 - pq - rmin_);
    for (std::int64_t c = 0; c < n; ++c) out[c] += b[c];
  } else if (kind_ == Kind::fire) {
    add_fire(pq, pk0, n, out);
  }
}

void BiasSource::add_fire(std::int64_t pq, std::int64_t pk0, std::int64_t n, float* out) const {
  const auto row = static_cast<std::size_t>(pq - rows_first_);
  const std::size_t nb = breakpoints_.size();
  const float inv = inv_norm_[row];
  const std::int64_t* d_first = thresholds_.data() + row * nb;
  const std::int64_t* d_last = d_first + nb;
  // The segment of distance d: how many thresholds are <= d.
  auto segment = [&](std::int64_t d) { return static_cast<std::size_t>(std::upper_bound(d_first, d_last, d) - d_first); };
  // u = psi(d) * inv first (u <= ~2.2e12, see kMaxFireWeight), then f = a u + b:
  // a * inv first could overflow (inv reaches 1e30 at c = kMinFireC).
  const float* psi = psi_.data();
  const std::int64_t first = psi_first_;  // psi[d - first] is psi(d)
  const std::int64_t diag = pq - pk0;  // column of the key at the query's own position
  // Keys before the query (c < split): the distance diag - c shrinks as c grows.
  const std::int64_t split = std::clamp<std::int64_t>(diag, 0, n);
  for (std::int64_t c = 0; c < split;) {
    const std::size_t s = segment(diag - c);
    // Segment s holds while the distance stays >= D_{s-1}.
    const std::int64_t end = s == 0 ? split : std::min(split, diag - d_first[s - 1] + 1);
    const float a = slope_[s], b = intercept_[s];
    for (; c < end; ++c) out[c] += a * (psi[diag - c - first] * inv) + b;
  }
  // The query's own key and the keys after it: the distance c - diag grows.
  for (std::int64_t c = split; c < n;) {
    const std::size_t s = segment(c - diag);
    // Segment s holds while the distance stays < D_s.
    const std::int64_t end = s == nb ? n : std::min(n, d_first[s] + diag);
    const float a = slope_[s], b = intercept_[s];
    for (; c < end; ++c) out[c] += a * (psi[c - diag - first] * inv) + b;
  }
}

}  // namespace posenc::detail
