// Implementation of attention_bias.hpp.
#include "attention_bias.hpp"

#include <algorithm>
#include <cstdlib>

#include "posenc/alibi.hpp"
#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/kernels/relative.hpp"
#include "posenc/kernels/t5.hpp"

namespace posenc::detail {

PiecewiseLinear PiecewiseLinear::fire_head(const FireWeights& w, std::int64_t head) {
  const std::int64_t hidden = w.hidden();
  PiecewiseLinear f;
  // Unit k switches on or off where w1[k] x + b1[k] = 0.
  for (std::int64_t k = 0; k < hidden; ++k)
    if (w.w1(k) != 0.0f) f.breakpoints.push_back(-static_cast<double>(w.b1(k)) / static_cast<double>(w.w1(k)));
  std::sort(f.breakpoints.begin(), f.breakpoints.end());
  const std::size_t n = f.breakpoints.size();
  for (std::size_t s = 0; s <= n; ++s) {
    // A point inside segment s decides which units are on there.
    double x = 0.0;
    if (n > 0) {
      if (s == 0) x = f.breakpoints[0] - 1.0;
      else if (s == n) x = f.breakpoints[n - 1] + 1.0;
      else x = 0.5 * (f.breakpoints[s - 1] + f.breakpoints[s]);
    }
    double a = 0.0, b = static_cast<double>(w.b2(head));
    for (std::int64_t k = 0; k < hidden; ++k) {
      const double w1 = w.w1(k), b1 = w.b1(k), w2 = w.w2(head, k);
      if (w1 * x + b1 > 0.0) {
        a += w2 * w1;
        b += w2 * b1;
      }
    }
    f.slope.push_back(a);
    f.intercept.push_back(b);
  }
  return f;
}

std::size_t PiecewiseLinear::segment(double x) const {
  return static_cast<std::size_t>(std::lower_bound(breakpoints.begin(), breakpoints.end(), x) - breakpoints.begin());
}

double PiecewiseLinear::operator()(double x) const {
  const std::size_t s = segment(x);
  return slope[s] * x + intercept[s];
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
        table_[t] = static_cast<float>(-slope * static_cast<double>(std::llabs(rmin_ + static_cast<std::int64_t>(t))));
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::t5: {
      table_.resize(count);
      for (std::size_t t = 0; t < count; ++t) {
        const long long bucket = kernels::t5_bucket(rmin_ + static_cast<std::int64_t>(t), c.t5.num_buckets,
                                                    c.t5.max_distance, c.t5.causal);
        table_[t] = c.t5_table(head, bucket);
      }
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::relative_bias: {
      const std::int64_t clip = (c.bias_table.cols() - 1) / 2;
      table_.resize(count);
      for (std::size_t t = 0; t < count; ++t)
        table_[t] = c.bias_table(head, kernels::shaw_index(0, rmin_ + static_cast<std::int64_t>(t), clip));
      kind_ = Kind::distance_table;
      return;
    }
    case AttentionScheme::fire: {
      const std::int64_t far = std::max(std::llabs(rmin_), std::llabs(rmax));
      psi_.resize(static_cast<std::size_t>(far) + 1);
      for (std::size_t d = 0; d < psi_.size(); ++d) psi_[d] = kernels::fire_psi(static_cast<double>(d), c.fire_options.c);
      mlp_ = PiecewiseLinear::fire_head(c.fire, head);
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
    return;
  }
  if (kind_ != Kind::fire) return;
  const FireOptions& o = fire_options_;
  const double norm = kernels::fire_normalizer(pq, o.c, o.threshold, o.eps);
  const std::vector<double>& xs = mlp_.breakpoints;
  const std::size_t last = xs.size();
  std::size_t s = 0;
  bool first = true;
  for (std::int64_t c = 0; c < n; ++c) {
    const std::int64_t r = pk0 + c - pq;
    const double u = psi_[static_cast<std::size_t>(r < 0 ? -r : r)] / norm;
    // u moves monotonically on each side of the diagonal: walk the segment index
    // instead of searching (the first pair of the run searches).
    if (first) {
      s = mlp_.segment(u);
      first = false;
    } else {
      while (s > 0 && xs[s - 1] >= u) --s;
      while (s < last && xs[s] < u) ++s;
    }
    out[c] += static_cast<float>(mlp_.slope[s] * u + mlp_.intercept[s]);
  }
}

}  // namespace posenc::detail
