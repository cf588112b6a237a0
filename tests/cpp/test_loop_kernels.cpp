// The kernels attention uses in the wasm build (Eigen runs scalar there), held
// natively to obvious references: the loop GEMM (posenc/kernels/gemm.hpp) to the
// textbook triple loop in double on every block edge and to Eigen's product on
// attention's tile shapes; the softmax exp (kernels/exp.hpp) to std::exp in
// double; the row max and sum (kernels/rows.hpp) to std::max_element and a double
// sum.
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>
#include <random>

#include "posenc/kernels/exp.hpp"
#include "posenc/kernels/gemm.hpp"
#include "posenc/kernels/rows.hpp"
#include "posenc/types.hpp"

namespace {

using posenc::Matrix;

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& gen) {
  std::normal_distribution<float> n(0.0f, 1.0f);
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = n(gen);
  return m;
}

}  // namespace

TEST_CASE("gemm_add: C += A B equals the triple loop for every edge of the 2 x 16 blocks") {
  std::mt19937 gen(7);
  for (int m : {1, 2, 3, 4, 5, 9}) {
    for (int n : {1, 15, 16, 17, 40}) {
      for (int k : {1, 2, 7, 64}) {
        const Matrix a = random_matrix(m, k, gen), b = random_matrix(k, n, gen), c0 = random_matrix(m, n, gen);
        Matrix c = c0;
        posenc::kernels::gemm_add(a.data(), k, b.data(), n, c.data(), n, m, n, k);
        for (int i = 0; i < m; ++i) {
          for (int j = 0; j < n; ++j) {
            double want = c0(i, j);
            double scale = std::abs(want);
            for (int t = 0; t < k; ++t) {
              want += static_cast<double>(a(i, t)) * b(t, j);
              scale += std::abs(static_cast<double>(a(i, t)) * b(t, j));
            }
            INFO("m=" << m << " n=" << n << " k=" << k << " (i, j)=(" << i << ", " << j << ")");
            // Float32 summation of k + 1 terms: error within (k + 1) u sum|terms|, u = 2^-24.
            CHECK(std::abs(c(i, j) - want) <= (k + 1) * 6e-8 * scale);
          }
        }
      }
    }
  }
}

TEST_CASE("gemm_add: strided blocks of bigger matrices, as attention passes its tiles") {
  std::mt19937 gen(11);
  // A 64 x 64 query block times a 64 x 200 transposed key tile, and a 64 x 200
  // weight tile times rows 56..255 of a 300 x 48 value matrix (row stride 48).
  const Matrix q = random_matrix(64, 64, gen), kt = random_matrix(64, 200, gen);
  Matrix s = Matrix::Zero(64, 200);
  posenc::kernels::gemm_add(q.data(), 64, kt.data(), 200, s.data(), 200, 64, 200, 64);
  CHECK((s - q * kt).cwiseAbs().maxCoeff() <= 1e-4f);

  const Matrix p = random_matrix(64, 200, gen), v = random_matrix(300, 48, gen);
  Matrix acc = random_matrix(64, 48, gen);
  const Matrix want = acc + p * v.middleRows(56, 200);
  posenc::kernels::gemm_add(p.data(), 200, v.row(56).data(), 48, acc.data(), 48, 64, 48, 200);
  CHECK((acc - want).cwiseAbs().maxCoeff() <= 1e-4f);
}

TEST_CASE("exp_nonpositive: within 2e-7 relative of exp in double on [-87, 0]; -inf and below -87 give exp(-87)") {
  double worst = 0;
  float worst_x = 0;
  for (int i = 0; i <= 2000000; ++i) {
    const float x = -87.0f * static_cast<float>(i) / 2000000.0f;
    const double want = std::exp(static_cast<double>(x));
    const double rel = std::abs(posenc::kernels::exp_nonpositive(x) - want) / want;
    if (rel > worst) {
      worst = rel;
      worst_x = x;
    }
  }
  INFO("worst x = " << worst_x);
  CHECK(worst <= 2e-7);
  CHECK(posenc::kernels::exp_nonpositive(0.0f) == 1.0f);
  const double floor = std::exp(-87.0);
  CHECK(std::abs(posenc::kernels::exp_nonpositive(-INFINITY) - floor) <= 1e-6 * floor);
  CHECK(std::abs(posenc::kernels::exp_nonpositive(-1000.0f) - floor) <= 1e-6 * floor);
}

TEST_CASE("row_max and row_sum: every length around the 8 lanes, with -inf entries as a causal row has") {
  std::mt19937 gen(3);
  std::normal_distribution<float> normal(0.0f, 4.0f);
  for (int n = 0; n <= 41; ++n) {
    std::vector<float> row(static_cast<std::size_t>(n));
    for (float& x : row) x = normal(gen);
    for (int masked = 0; masked <= 1; ++masked) {
      if (masked && n > 2)  // the last third masked
        for (int t = 2 * n / 3; t < n; ++t) row[static_cast<std::size_t>(t)] = -std::numeric_limits<float>::infinity();
      INFO("n = " << n << ", masked tail = " << masked);
      const float want_max = n == 0 ? -std::numeric_limits<float>::infinity() : *std::max_element(row.begin(), row.end());
      CHECK(posenc::kernels::row_max(row.data(), n) == want_max);
      if (masked) continue;  // the sum is only taken over exp(...) >= 0 values, never -inf
      double want = 0, scale = 0;
      for (float x : row) {
        want += x;
        scale += std::abs(x);
      }
      CHECK(std::abs(posenc::kernels::row_sum(row.data(), n) - want) <= (n + 1) * 6e-8 * scale);
    }
  }
}
