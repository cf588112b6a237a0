// Relative positions r_ij = j - i and Shaw et al. 2018's clipped indices and
// tables: values derived by hand from the paper's clip(j - i, k), and the 2k + 1
// count (the source notebook's "2k - 1" is an erratum).
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "posenc/limits.hpp"
#include "posenc/relative.hpp"
#include "posenc/rng.hpp"
#include "support.hpp"

using namespace posenc;

namespace {
std::set<std::int64_t> distinct(const IMatrix& m) { return {m.data(), m.data() + m.size()}; }
}  // namespace

TEST_CASE("relative distances: r_ij = j - i (key minus query)") {
  const IMatrix r = relative_distances(4);
  IMatrix want(4, 4);
  want << 0, 1, 2, 3,  //
      -1, 0, 1, 2,     //
      -2, -1, 0, 1,    //
      -3, -2, -1, 0;
  CHECK(r == want);
  // The notebook's example (0-based, L = 10): query 6, keys 1 and 8 give -5 and 2.
  const IMatrix r10 = relative_distances(10);
  CHECK(r10(6, 1) == -5);
  CHECK(r10(6, 8) == 2);
  CHECK(distinct(r10).size() == 19);  // 2L - 1
}

TEST_CASE("Shaw indices, L = 5, k = 2: clip(j - i, k) + k, derived by hand from the paper") {
  // Row i = query; j - i runs from -i to 4 - i; clipped to [-2, 2]; shifted by +2.
  IMatrix want(5, 5);
  want << 2, 3, 4, 4, 4,  //
      1, 2, 3, 4, 4,      //
      0, 1, 2, 3, 4,      //
      0, 0, 1, 2, 3,      //
      0, 0, 0, 1, 2;
  const IMatrix idx = relative_indices(5, 2);
  CHECK(idx == want);
  CHECK(distinct(idx).size() == 5);  // 2k + 1, not 2k - 1
  CHECK(relative_unique_count(5, 2) == 5);
}

TEST_CASE("Shaw indices: 2k + 1 distinct encodings (the notebook's L = 10, k = 7)") {
  const IMatrix idx = relative_indices(10, 7);
  const auto d = distinct(idx);
  CHECK(d.size() == 15);  // -7..7; the notebook says 2k - 1 = 13
  CHECK(*d.begin() == 0);
  CHECK(*d.rbegin() == 14);
  CHECK(relative_unique_count(10, 7) == 15);
  // In general min(2k + 1, 2L - 1): a short sequence cannot reach the clip.
  for (std::int64_t L = 1; L <= 12; ++L)
    for (std::int64_t k = 0; k <= 14; ++k) {
      CAPTURE(L);
      CAPTURE(k);
      const auto count = static_cast<std::int64_t>(distinct(relative_indices(L, k)).size());
      CHECK(count == relative_unique_count(L, k));
      CHECK(count == std::min(2 * k + 1, 2 * L - 1));
    }
  // k = 0: every pair shares one encoding (no position information at all).
  CHECK(relative_indices(6, 0).isZero());
}

TEST_CASE("unclipped indices: j - i + (L - 1), the same as clipping at k = L - 1") {
  const IMatrix u = relative_indices(6);
  const IMatrix r = relative_distances(6);
  CHECK(u == (r.array() + 5).matrix());
  CHECK(u == relative_indices(6, 5));
  // Any k >= L - 1 clips nothing, but the index is offset by k.
  CHECK(relative_indices(6, 500) == (r.array() + 500).matrix());
}

TEST_CASE("Shaw tables: (2k + 1) x d, N(0, 0.02^2), own streams, lookup by (i, j)") {
  const ShawTables t(16, 64, 3);
  CHECK(t.clip() == 16);
  CHECK(t.rows() == 33);
  CHECK(t.dim() == 64);
  CHECK(t.keys().rows() == 33);
  CHECK(t.values().cols() == 64);
  // Seeded and reproducible; key and value tables differ.
  const ShawTables again(16, 64, 3);
  CHECK(t.keys() == again.keys());
  CHECK(t.values() == again.values());
  CHECK(t.keys() != t.values());
  CHECK(ShawTables(16, 64, 4).keys() != t.keys());
  // The documented streams: w^K from relative_key, w^V from relative_value, row by row.
  Rng rk(3, Stream::relative_key), rv(3, Stream::relative_value);
  CHECK(t.keys()(0, 0) == rk.normal(0.0f, 0.02f));
  CHECK(t.keys()(0, 1) == rk.normal(0.0f, 0.02f));
  CHECK(t.values()(0, 0) == rv.normal(0.0f, 0.02f));
  // std 0.02 (2 x 33 x 64 = 4224 draws).
  const double sd = std::sqrt(t.keys().array().square().mean());
  CHECK(sd == doctest::Approx(0.02).epsilon(0.1));
  // a_ij = w_clip(j - i, k): row k for i = j, row 2k for far keys, row 0 for far queries.
  CHECK(t.key(5, 5) == t.keys().row(16));
  CHECK(t.key(5, 8) == t.keys().row(19));
  CHECK(t.value(8, 5) == t.values().row(13));
  CHECK(t.key(0, 1000) == t.keys().row(32));
  CHECK(t.key(1000, 0) == t.keys().row(0));
  // Shift invariance: only j - i matters.
  CHECK(t.key(3, 10) == t.key(103, 110));
  CHECK(t.value(40, 31) == t.value(9, 0));
  // Clipping: all distances beyond k share one vector.
  CHECK(t.key(0, 17) == t.key(0, 900));
}

TEST_CASE("relative: bad input, one error each") {
  test::check_error([] { relative_distances(0); }, "length");
  test::check_error([] { relative_distances(kMaxLength + 1); }, "length");
  test::check_error([] { relative_indices(20000, 4); }, "length");  // 3 GiB of int64
  test::check_error([] { relative_indices(4, -1); }, "clip");
  test::check_error([] { relative_indices(4, kMaxLength + 1); }, "clip");
  test::check_error([] { relative_unique_count(0, 2); }, "length");
  test::check_error([] { relative_unique_count(4, -2); }, "clip");
  test::check_error([] { ShawTables(-1, 8, 0); }, "clip");
  test::check_error([] { ShawTables(4, 0, 0); }, "dim");
  test::check_error([] { ShawTables(kMaxLength, kMaxDim, 0); }, "clip");  // 2 x 2M x 64K floats
  test::check_error([] { ShawTables(4, 8, 0, 0.0f); }, "std");
  test::check_error([] { ShawTables(4, 8, 0, NAN); }, "std");
  const ShawTables t(2, 4, 0);
  test::check_error([&] { t.key(-1, 0); }, "i");
  test::check_error([&] { t.value(0, kMaxPosition + 1); }, "j");
}
