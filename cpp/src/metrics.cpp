// Implementation of posenc/metrics.hpp. Not a fast path: obvious loops in double.
#include "posenc/metrics.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc {

namespace {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void measure_uniqueness(const MatrixD& p, Metrics& m) {
  // ||p_i - p_j||^2 from the Gram matrix in double: O(L^2 D) once, then O(L^2).
  const MatrixD g = p * p.transpose();
  double best = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    for (Eigen::Index j = i + 1; j < p.rows(); ++j) {
      const double d2 = g(i, i) + g(j, j) - 2.0 * g(i, j);
      if (d2 < best) {
        best = d2;
        m.closest_i = i;
        m.closest_j = j;
      }
    }
  }
  // Exactly equal rows must report exactly 0, whatever rounding the Gram form left.
  const double direct = (p.row(m.closest_i) - p.row(m.closest_j)).norm();
  m.min_distance = direct;
}

void measure_order(const MatrixD& p, Metrics& m) {
  const Eigen::Index L = p.rows();
  const double mean_sq = p.rowwise().squaredNorm().mean();
  if (mean_sq == 0.0) {
    m.order_spread = 0.0;
    return;
  }
  double worst = 0.0;
  for (Eigen::Index k = 1; k + 1 < L; ++k) {  // at least two pairs (i, i+k)
    double s = 0, s2 = 0;
    const Eigen::Index n = L - k;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double d = p.row(i).dot(p.row(i + k));
      s += d;
      s2 += d * d;
    }
    const double mean = s / n;
    const double var = std::max(0.0, s2 / n - mean * mean);
    worst = std::max(worst, std::sqrt(var) / mean_sq);
  }
  m.order_spread = worst;
}

void measure_cost(const EncodeOptions& o, Metrics& m) {
  const std::int64_t L = o.length, D = o.dim;
  m.adds_per_token = o.scheme == Scheme::none ? 0 : D;
  switch (o.scheme) {
    case Scheme::learned:
      m.parameters = (o.max_length == 0 ? L : o.max_length) * D;
      m.stored_values = m.parameters;
      break;
    case Scheme::random:
      m.stored_values = L * D;  // fixed, but must be kept: it cannot be recomputed from i
      break;
    case Scheme::sinusoidal:
      m.transcendentals_per_token = D;  // one sin or cos per entry (w_i shared by all tokens)
      break;
    default:
      break;
  }
}

}  // namespace

Metrics measure(const MetricsOptions& opts) {
  const EncodeOptions& o = opts.encode;
  require_int("length", o.length, 2, kMaxMetricsLength);
  require_int("dim", o.dim, 1, kMaxDim);
  const double work = static_cast<double>(o.length) * o.length * o.dim;
  if (work > 17179869184.0) {
    throw Error("length", "length^2 x dim = " + std::to_string(o.length) + "^2 x " + std::to_string(o.dim),
                "length^2 x dim at most 2^34 (pairwise distances are O(L^2 D))");
  }
  require_real("word_scale", opts.word_scale, kMinWordScale, 1e6);

  Metrics m;
  EncodeOptions base = o;
  // A learned table keeps its size L_max when the sequence length changes.
  if (base.scheme == Scheme::learned && base.max_length == 0) base.max_length = base.length;
  const MatrixD p = encode(base).cast<double>();
  measure_uniqueness(p, m);
  measure_order(p, m);

  EncodeOptions shorter = base;
  shorter.length = (o.length + 1) / 2;
  const MatrixD q = encode(shorter).cast<double>();
  m.consistency = (p.topRows(q.rows()) - q).rowwise().norm().maxCoeff();

  m.max_abs = p.cwiseAbs().maxCoeff();
  const double rms_p = std::sqrt(p.rowwise().squaredNorm().mean());
  m.norm_ratio = rms_p / (opts.word_scale * std::sqrt(static_cast<double>(o.dim)));

  EncodeOptions longer = base;
  longer.length = 2 * o.length;
  try {
    const Matrix beyond = encode(longer);
    m.extrapolates = true;
    m.max_abs_beyond = beyond.bottomRows(o.length).cwiseAbs().maxCoeff();
  } catch (const Error& e) {
    m.extrapolates = false;
    m.extrapolation_error = e.what();
  }
  measure_cost(base, m);
  return m;
}

}  // namespace posenc
