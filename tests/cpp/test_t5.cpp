// T5 relative-position buckets: bit-exact against torch 1.13 running HF transformers'
// T5Attention._relative_position_bucket (float32 log branch), for every relative
// position in [-5000, 5000] in six configurations, plus the boundary cases where a
// double-precision log branch would give a different bucket.
#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "posenc/limits.hpp"
#include "posenc/t5.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

struct Reference {
  T5Options opts;
  std::vector<std::int64_t> spot;                              // buckets at kSpot
  std::vector<std::pair<std::int64_t, std::int64_t>> runs;     // {first r, bucket}, r in [-5000, 5000]
};

// Pasted from tests/reference/t5_buckets.py (torch 1.13, HF's definition).
const std::vector<std::int64_t> kSpot = {-5000, -1000, -129, -128, -127, -90, -64, -45, -32, -24, -22, -16, -15, -11, -8, -7, -2, -1, 0, 1, 2, 7, 8, 11, 15, 16, 22, 24, 32, 45, 64, 90, 127, 128, 129, 1000, 5000};

const std::vector<Reference> kReference = {
    {{32, 128, false},  // num_buckets=32, max_distance=128, bidirectional
     {15, 15, 15, 15, 15, 14, 14, 12, 12, 11, 10, 10, 9, 8, 8, 7, 2, 1, 0, 17, 18, 23, 24, 24, 25, 26, 26, 27, 28, 28, 30, 30, 31, 31, 31, 31, 31},
     {
        {-5000, 15}, {-90, 14}, {-63, 13}, {-45, 12}, {-31, 11}, {-22, 10}, {-15, 9}, {-11, 8},
        {-7, 7}, {-6, 6}, {-5, 5}, {-4, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}, {1, 17}, {2, 18},
        {3, 19}, {4, 20}, {5, 21}, {6, 22}, {7, 23}, {8, 24}, {12, 25}, {16, 26}, {23, 27},
        {32, 28}, {46, 29}, {64, 30}, {91, 31}
     }},
    {{32, 128, true},  // num_buckets=32, max_distance=128, causal
     {31, 31, 31, 31, 31, 29, 26, 23, 21, 19, 18, 16, 15, 11, 8, 7, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     {
        {-5000, 31}, {-112, 30}, {-98, 29}, {-86, 28}, {-76, 27}, {-66, 26}, {-58, 25}, {-51, 24},
        {-45, 23}, {-39, 22}, {-34, 21}, {-30, 20}, {-26, 19}, {-23, 18}, {-20, 17}, {-18, 16},
        {-15, 15}, {-14, 14}, {-13, 13}, {-12, 12}, {-11, 11}, {-10, 10}, {-9, 9}, {-8, 8},
        {-7, 7}, {-6, 6}, {-5, 5}, {-4, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}
     }},
    {{64, 256, false},  // num_buckets=64, max_distance=256, bidirectional
     {31, 31, 28, 28, 27, 25, 24, 21, 20, 18, 17, 16, 15, 11, 8, 7, 2, 1, 0, 33, 34, 39, 40, 43, 47, 48, 49, 50, 52, 53, 56, 57, 59, 60, 60, 63, 63},
     {
        {-5000, 31}, {-215, 30}, {-181, 29}, {-152, 28}, {-127, 27}, {-107, 26}, {-90, 25},
        {-76, 24}, {-63, 23}, {-53, 22}, {-45, 21}, {-38, 20}, {-31, 19}, {-26, 18}, {-22, 17},
        {-19, 16}, {-15, 15}, {-14, 14}, {-13, 13}, {-12, 12}, {-11, 11}, {-10, 10}, {-9, 9},
        {-8, 8}, {-7, 7}, {-6, 6}, {-5, 5}, {-4, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}, {1, 33},
        {2, 34}, {3, 35}, {4, 36}, {5, 37}, {6, 38}, {7, 39}, {8, 40}, {9, 41}, {10, 42}, {11, 43},
        {12, 44}, {13, 45}, {14, 46}, {15, 47}, {16, 48}, {20, 49}, {23, 50}, {27, 51}, {32, 52},
        {39, 53}, {46, 54}, {54, 55}, {64, 56}, {77, 57}, {91, 58}, {108, 59}, {128, 60},
        {153, 61}, {182, 62}, {216, 63}
     }},
    {{64, 256, true},  // num_buckets=64, max_distance=256, causal
     {63, 63, 53, 53, 53, 47, 42, 37, 32, 24, 22, 16, 15, 11, 8, 7, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     {
        {-5000, 63}, {-239, 62}, {-224, 61}, {-210, 60}, {-197, 59}, {-184, 58}, {-173, 57},
        {-162, 56}, {-152, 55}, {-142, 54}, {-133, 53}, {-125, 52}, {-117, 51}, {-109, 50},
        {-103, 49}, {-96, 48}, {-90, 47}, {-84, 46}, {-79, 45}, {-74, 44}, {-69, 43}, {-65, 42},
        {-61, 41}, {-57, 40}, {-53, 39}, {-50, 38}, {-47, 37}, {-44, 36}, {-41, 35}, {-38, 34},
        {-36, 33}, {-34, 32}, {-31, 31}, {-30, 30}, {-29, 29}, {-28, 28}, {-27, 27}, {-26, 26},
        {-25, 25}, {-24, 24}, {-23, 23}, {-22, 22}, {-21, 21}, {-20, 20}, {-19, 19}, {-18, 18},
        {-17, 17}, {-16, 16}, {-15, 15}, {-14, 14}, {-13, 13}, {-12, 12}, {-11, 11}, {-10, 10},
        {-9, 9}, {-8, 8}, {-7, 7}, {-6, 6}, {-5, 5}, {-4, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}
     }},
    {{72, 32, false},  // num_buckets=72, max_distance=32, bidirectional
     {35, 35, 35, 35, 35, 35, 35, 35, 35, 27, 24, 16, 15, 11, 8, 7, 2, 1, 0, 37, 38, 43, 44, 47, 51, 52, 60, 63, 71, 71, 71, 71, 71, 71, 71, 71, 71},
     {
        {-5000, 35}, {-30, 33}, {-29, 32}, {-28, 31}, {-27, 30}, {-26, 29}, {-25, 28}, {-24, 27},
        {-23, 25}, {-22, 24}, {-21, 22}, {-20, 21}, {-19, 19}, {-18, 18}, {-17, 17}, {-16, 16},
        {-15, 15}, {-14, 14}, {-13, 13}, {-12, 12}, {-11, 11}, {-10, 10}, {-9, 9}, {-8, 8},
        {-7, 7}, {-6, 6}, {-5, 5}, {-4, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}, {1, 37}, {2, 38},
        {3, 39}, {4, 40}, {5, 41}, {6, 42}, {7, 43}, {8, 44}, {9, 45}, {10, 46}, {11, 47},
        {12, 48}, {13, 49}, {14, 50}, {15, 51}, {16, 52}, {17, 53}, {18, 54}, {19, 55}, {20, 57},
        {21, 58}, {22, 60}, {23, 61}, {24, 63}, {25, 64}, {26, 65}, {27, 66}, {28, 67}, {29, 68},
        {30, 69}, {31, 71}
     }},
    {{9, 128, true},  // num_buckets=9, max_distance=128, causal
     {8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 6, 6, 5, 5, 5, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     {
        {-5000, 8}, {-63, 7}, {-31, 6}, {-15, 5}, {-7, 4}, {-3, 3}, {-2, 2}, {-1, 1}, {0, 0}
     }},
};

}  // namespace

TEST_CASE("t5: spot values vs torch running HF's definition") {
  for (const auto& ref : kReference) {
    CAPTURE(ref.opts.num_buckets);
    CAPTURE(ref.opts.max_distance);
    CAPTURE(ref.opts.causal);
    REQUIRE(ref.spot.size() == kSpot.size());
    for (std::size_t k = 0; k < kSpot.size(); ++k) {
      CAPTURE(kSpot[k]);
      CHECK(t5_bucket(kSpot[k], ref.opts) == ref.spot[k]);
    }
  }
}

TEST_CASE("t5: every relative position in [-5000, 5000] is bit-exact with torch") {
  for (const auto& ref : kReference) {
    CAPTURE(ref.opts.num_buckets);
    CAPTURE(ref.opts.max_distance);
    CAPTURE(ref.opts.causal);
    REQUIRE(ref.runs.front().first == -5000);
    std::vector<std::int64_t> positions, expected;
    for (std::size_t k = 0; k < ref.runs.size(); ++k) {
      const std::int64_t end = k + 1 < ref.runs.size() ? ref.runs[k + 1].first : 5001;
      for (std::int64_t r = ref.runs[k].first; r < end; ++r) {
        positions.push_back(r);
        expected.push_back(ref.runs[k].second);
      }
    }
    REQUIRE(positions.size() == 10001);
    const std::vector<std::int64_t> got = t5_buckets(positions, ref.opts);
    int mismatches = 0;
    for (std::size_t k = 0; k < got.size(); ++k) {
      if (got[k] != expected[k] && ++mismatches <= 5) {
        FAIL_CHECK("r = " << positions[k] << ": got bucket " << got[k] << ", torch gives " << expected[k]);
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("t5: float32 log branch, not double, at exact bucket boundaries") {
  // log(n / e) / log(M / e) * (B' - e) is an integer here; torch's float32 lands on
  // it or above, double falls just below (tests/reference/t5_buckets.py lists them).
  const T5Options causal9{9, 128, true};  // e = 4: log(2)/log(32)*5 = 1 at n = 8
  CHECK(t5_bucket(-8, causal9) == 5);     // double would give 4
  CHECK(t5_bucket(-16, causal9) == 6);    // double: 5
  CHECK(t5_bucket(-64, causal9) == 8);    // double: 7
  const T5Options bi72{72, 32, false};    // e = 18, B' = 36
  CHECK(t5_bucket(-24, bi72) == 27);      // double: 26
  CHECK(t5_bucket(24, bi72) == 63);       // double: 62
}

TEST_CASE("t5: properties of the definition") {
  const T5Options bi{32, 128, false};
  const T5Options causal{32, 128, true};
  // Exact buckets below max_exact; r > 0 bidirectional lands in the upper half.
  for (std::int64_t n = 0; n < 8; ++n) {
    CHECK(t5_bucket(-n, bi) == n);
    CHECK(t5_bucket(-n, causal) == n);
    if (n > 0) CHECK(t5_bucket(n, bi) == 16 + n);
  }
  // Causal: every key after the query shares bucket 0 (only the past is resolved).
  CHECK(t5_bucket(1, causal) == 0);
  CHECK(t5_bucket(kMaxPosition, causal) == 0);
  // Saturation at and beyond max_distance, up to the largest accepted position.
  CHECK(t5_bucket(-128, bi) == 15);
  CHECK(t5_bucket(-kMaxPosition, bi) == 15);
  CHECK(t5_bucket(kMaxPosition, bi) == 31);
  CHECK(t5_bucket(-kMaxPosition, causal) == 31);
  // Monotone in |r| on each side, and always in [0, num_buckets).
  std::int64_t prev_neg = 0, prev_pos = 0;
  for (std::int64_t n = 0; n <= 3000; ++n) {
    const std::int64_t neg = t5_bucket(-n, bi), pos = t5_bucket(n, bi);
    CHECK(neg >= prev_neg);
    CHECK(pos >= prev_pos);
    CHECK(neg < 16);
    CHECK(pos < 32);
    prev_neg = neg;
    prev_pos = pos;
  }
}

TEST_CASE("t5: the L x L bucket matrix is bucket(j - i)") {
  const T5Options o{32, 128, false};
  const IMatrix b = t5_bucket_matrix(200, o);
  REQUIRE(b.rows() == 200);
  REQUIRE(b.cols() == 200);
  for (std::int64_t i = 0; i < 200; i += 7)
    for (std::int64_t j = 0; j < 200; j += 3) CHECK(b(i, j) == t5_bucket(j - i, o));
  // Toeplitz: constant along diagonals (a function of j - i only).
  CHECK(b(10, 150) == b(20, 160));
  CHECK(b(0, 0) == 0);
  CHECK(b(199, 0) == 15);  // r = -199: past max_distance
  CHECK(b(0, 199) == 31);
}

TEST_CASE("t5: bad input, one error each") {
  test::check_error([] { t5_bucket(0, T5Options{31, 128, false}); }, "num_buckets");  // odd: bucket 30 would never be used
  test::check_error([] { t5_bucket(0, T5Options{2, 128, false}); }, "num_buckets");   // max_exact would be 0
  test::check_error([] { t5_bucket(0, T5Options{1, 128, true}); }, "num_buckets");
  test::check_error([] { t5_bucket(0, T5Options{kMaxBuckets + 2, 1LL << 30, false}); }, "num_buckets");
  test::check_error([] { t5_bucket(0, T5Options{32, 8, false}); }, "max_distance");    // = max_exact: log(1) = 0
  test::check_error([] { t5_bucket(0, T5Options{32, 3, true}); }, "max_distance");     // below max_exact = 16
  test::check_error([] { t5_bucket(0, T5Options{32, kMaxPosition + 1, false}); }, "max_distance");
  test::check_error([] { t5_bucket(kMaxPosition + 1, {}); }, "relative_position");
  test::check_error([] { t5_bucket(-kMaxPosition - 1, {}); }, "relative_position");
  test::check_error([] { t5_buckets({}, {}); }, "relative_positions");
  test::check_error([] { t5_buckets({1, 2, kMaxPosition + 5}, {}); }, "relative_positions");
  test::check_error([] { t5_bucket_matrix(0, {}); }, "length");
  test::check_error([] { t5_bucket_matrix(20000, {}); }, "length");  // 3 GiB of int64
  // Valid edge cases: the smallest tables of each mode.
  CHECK(t5_bucket(-5, T5Options{4, 2, false}) == 1);
  CHECK(t5_bucket(-5, T5Options{2, 2, true}) == 1);
  CHECK(t5_bucket(0, T5Options{31, 16, true}) == 0);  // causal may be odd
}
