// Implementation of posenc/similarity.hpp. Not a fast path: one Gram matrix in
// double (Eigen's rank update), then obvious loops.
#include "posenc/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc {

namespace {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The Gram matrix G = P P^T in double, exactly symmetric: only the lower triangle
// is computed, the upper is its mirror.
MatrixD gram(const Matrix& p) {
  const MatrixD pd = p.cast<double>();
  MatrixD g = MatrixD::Zero(pd.rows(), pd.rows());
  g.selfadjointView<Eigen::Lower>().rankUpdate(pd);
  g.triangularView<Eigen::StrictlyUpper>() = g.transpose();
  return g;
}

// cos = G_ij / (||p_i|| ||p_j||), NaN where either norm is 0.
void to_cosine(MatrixD& g) {
  const Eigen::VectorXd norm = g.diagonal().cwiseSqrt();
  for (Eigen::Index i = 0; i < g.rows(); ++i)
    for (Eigen::Index j = 0; j < g.cols(); ++j)
      g(i, j) = (norm[i] == 0.0 || norm[j] == 0.0) ? kNaN : g(i, j) / (norm[i] * norm[j]);
}

OffsetStats diagonals(const MatrixD& s) {
  const std::int64_t L = s.rows();
  OffsetStats d;
  for (std::int64_t k = -(L - 1); k <= L - 1; ++k) {
    double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    std::int64_t n = 0;
    for (std::int64_t i = std::max<std::int64_t>(0, -k); i < L && i + k < L; ++i) {
      const double v = s(i, i + k);
      if (std::isnan(v)) continue;
      sum += v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      ++n;
    }
    d.offset.push_back(k);
    d.pairs.push_back(n);
    d.mean.push_back(n ? sum / static_cast<double>(n) : kNaN);
    d.min.push_back(n ? lo : kNaN);
    d.max.push_back(n ? hi : kNaN);
  }
  return d;
}

}  // namespace

SimilarityMeasure parse_measure(std::string_view name) {
  return parse_choice<SimilarityMeasure>("measure", name,
                                         {{"dot", SimilarityMeasure::dot}, {"cosine", SimilarityMeasure::cosine}});
}

Similarity similarity_of(const Matrix& p, SimilarityMeasure measure) {
  MatrixD s = gram(p);
  if (measure == SimilarityMeasure::cosine) to_cosine(s);
  return {s.cast<float>(), diagonals(s)};
}

Similarity similarity(const SimilarityOptions& opts) {
  const EncodeOptions& o = opts.encode;
  require_int("length", o.length, 2, kMaxSimilarityLength);
  require_int("dim", o.dim, 1, kMaxDim);
  if (static_cast<double>(o.length) * o.length * o.dim > 17179869184.0) {
    throw Error("length", "length^2 x dim = " + std::to_string(o.length) + "^2 x " + std::to_string(o.dim),
                "length^2 x dim at most 2^34 (the Gram matrix is O(L^2 D))");
  }
  return similarity_of(encode(o), opts.measure);
}

}  // namespace posenc
