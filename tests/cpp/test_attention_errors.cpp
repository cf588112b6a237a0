// Bad input to attention: every check of cpp/src/attention_config.cpp, each through
// both paths (and attention_head where it has its own), one posenc::Error naming
// the argument; the library keeps working after an error. Also the scheme parser
// and the seeded parameter tables.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include "attention_support.hpp"
#include "posenc/limits.hpp"
#include "support.hpp"

using namespace posenc;
using posenc::test::check_error;
using posenc::test::random_heads;
using posenc::test::seeded_config;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// A valid call: H heads of Lq = Lk = 5 rows, d = dv = 4.
struct Call {
  HeadMatrices q = random_heads(2, 5, 4, 1);
  HeadMatrices k = random_heads(2, 5, 4, 2);
  HeadMatrices v = random_heads(2, 5, 4, 3);
  AttentionConfig config{};
  AttentionRequest request{};
};

// The call must fail naming `arg` on the fast path and on the reference, and a good
// call right after it must still work.
void check_call(const Call& call, const std::string& arg) {
  INFO("expected error: " << arg);
  check_error([&] { attention(call.q, call.k, call.v, call.config, call.request); }, arg);
  check_error([&] { attention_reference(call.q, call.k, call.v, call.config, call.request); }, arg);
  const Call good;
  const AttentionResult r = attention(good.q, good.k, good.v, good.config);
  CHECK(r.output.size() == 2);
  CHECK(r.output[0].allFinite());
}

// The same with one head, through attention_head (head 0 of call.q.size()).
void check_head_call(const Call& call, const std::string& arg) {
  INFO("expected error (attention_head): " << arg);
  const auto heads = static_cast<std::int64_t>(call.q.size());
  check_error([&] { attention_head(call.q[0], call.k[0], call.v[0], 0, heads, call.config, call.request); }, arg);
}

Call with_scheme(AttentionScheme scheme, bool causal = false) {
  Call c;
  c.config = seeded_config(scheme, 2, 4, causal);
  return c;
}

}  // namespace

TEST_CASE("attention errors: head counts") {
  Call none;
  none.q.clear();
  check_call(none, "heads");
  Call k_heads;
  k_heads.k.pop_back();
  check_call(k_heads, "k");
  Call v_heads;
  v_heads.v.push_back(v_heads.v[0]);
  check_call(v_heads, "v");
  Call too_many;
  too_many.q = random_heads(kMaxHeads + 1, 1, 1, 1);
  too_many.k = too_many.q;
  too_many.v = too_many.q;
  check_call(too_many, "heads");
  // attention_head: heads and head out of range.
  const Call good;
  check_error([&] { attention_head(good.q[0], good.k[0], good.v[0], 0, 0, good.config); }, "heads");
  check_error([&] { attention_head(good.q[0], good.k[0], good.v[0], 0, kMaxHeads + 1, good.config); }, "heads");
  check_error([&] { attention_head(good.q[0], good.k[0], good.v[0], -1, 2, good.config); }, "head");
  check_error([&] { attention_head(good.q[0], good.k[0], good.v[0], 2, 2, good.config); }, "head");
  CHECK(attention_head(good.q[1], good.k[1], good.v[1], 1, 2, good.config).output.rows() == 5);
}

TEST_CASE("attention errors: shapes") {
  Call no_queries;
  for (Matrix& m : no_queries.q) m.resize(0, 4);
  check_call(no_queries, "q");
  check_head_call(no_queries, "q");
  Call no_width;
  for (Matrix& m : no_width.q) m.resize(5, 0);
  for (Matrix& m : no_width.k) m.resize(5, 0);
  check_call(no_width, "q");
  Call no_keys;
  for (Matrix& m : no_keys.k) m.resize(0, 4);
  for (Matrix& m : no_keys.v) m.resize(0, 4);
  check_call(no_keys, "k");
  Call no_value_width;
  for (Matrix& m : no_value_width.v) m.resize(5, 0);
  check_call(no_value_width, "v");
  Call widths;  // q is 5 x 4, k 5 x 3
  widths.k = random_heads(2, 5, 3, 2);
  check_call(widths, "k");
  check_head_call(widths, "k");
  Call rows;  // k has 5 rows, v 6
  rows.v = random_heads(2, 6, 4, 3);
  check_call(rows, "v");
  check_head_call(rows, "v");
  // A later head of another shape than head 0.
  Call later_q;
  later_q.q[1] = Matrix::Zero(6, 4);
  check_call(later_q, "q");
  Call later_k;
  later_k.k[1] = Matrix::Zero(5, 3);
  check_call(later_k, "k");
  Call later_v;
  later_v.v[1] = Matrix::Zero(5, 7);
  check_call(later_v, "v");
  // Lq above the limit: the shape alone is checked (one column, never filled).
  Call long_q;
  long_q.q = {Matrix(kMaxLength + 1, 1)};
  long_q.k = {Matrix::Zero(1, 1)};
  long_q.v = {Matrix::Zero(1, 1)};
  check_call(long_q, "q");
}

TEST_CASE("attention errors: non-finite values name the tensor") {
  for (float bad : {kNaN, kInf, -kInf}) {
    Call q;
    q.q[1](3, 2) = bad;
    check_call(q, "q");
    Call k;
    k.k[0](0, 0) = bad;
    check_call(k, "k");
    check_head_call(k, "k");
    Call v;
    v.v[1](4, 3) = bad;
    check_call(v, "v");
  }
}

TEST_CASE("attention errors: positions, the causal mask and the scale") {
  Call c;
  c.config.query_start = -1;
  check_call(c, "query_start");
  c.config.query_start = kMaxPosition - 3;  // the last of 5 queries would sit at kMaxPosition + 1
  check_call(c, "query_start");
  c.config.query_start = kMaxPosition - 4;  // the last query exactly at kMaxPosition: fine
  CHECK(attention(c.q, c.k, c.v, c.config).output.size() == 2);
  c.config.query_start = 0;
  c.config.key_start = -1;
  check_call(c, "key_start");
  c.config.key_start = kMaxPosition - 3;
  check_call(c, "key_start");

  // Causal with key_start > query_start: query 0 would see no key.
  Call causal;
  causal.config.causal = true;
  causal.config.query_start = 10;
  causal.config.key_start = 11;
  check_call(causal, "query_start");
  check_head_call(causal, "query_start");
  causal.config.key_start = 10;
  CHECK(attention(causal.q, causal.k, causal.v, causal.config).output.size() == 2);

  for (double bad : {-1.0, -1e-9, 1e6 * 1.5, std::nan(""), std::numeric_limits<double>::infinity()}) {
    Call s;
    s.config.scale = bad;
    check_call(s, "scale");
  }
}

TEST_CASE("attention errors: requested weights or scores over 1 GiB, before any work") {
  // H = 1, Lq = Lk = 20000, d = dv = 1: 4e8 float weights = 1.6 GB, from 80 KB of
  // inputs. The check runs before anything is computed.
  Call big;
  big.q = {Matrix::Zero(20000, 1)};
  big.k = {Matrix::Zero(20000, 1)};
  big.v = {Matrix::Zero(20000, 1)};
  big.request = {true, false};
  check_call(big, "weights");
  check_head_call(big, "weights");
  big.request = {false, true};
  check_call(big, "scores");
  // Without a request the same call needs no Lq x Lk buffer at all (not run here:
  // 4e8 logits are a benchmark's business); a smaller request is fine.
  Call fits;
  fits.q = {Matrix::Zero(100, 1)};
  fits.k = {Matrix::Zero(100, 1)};
  fits.v = {Matrix::Zero(100, 1)};
  fits.request = {true, true};
  CHECK(attention(fits.q, fits.k, fits.v, fits.config, fits.request).weights[0].rows() == 100);
}

TEST_CASE("attention errors: each scheme's parameters") {
  // t5: the table must be H x num_buckets and finite, the options valid.
  Call t5_rows = with_scheme(AttentionScheme::t5);
  t5_rows.config.t5_table = t5_bias_table(3, 32, 1);
  check_call(t5_rows, "t5_table");
  Call t5_cols = with_scheme(AttentionScheme::t5);
  t5_cols.config.t5_table = t5_bias_table(2, 31, 1);
  check_call(t5_cols, "t5_table");
  Call t5_nan = with_scheme(AttentionScheme::t5);
  t5_nan.config.t5_table(1, 5) = kNaN;
  check_call(t5_nan, "t5_table");
  Call t5_buckets = with_scheme(AttentionScheme::t5);
  t5_buckets.config.t5.num_buckets = 1;
  check_call(t5_buckets, "num_buckets");
  Call t5_distance = with_scheme(AttentionScheme::t5);
  t5_distance.config.t5.max_distance = 2;  // not above max_exact = 32 / 4 = 8
  check_call(t5_distance, "max_distance");

  // fire: weights for another number of heads, inconsistent weights, bad options.
  Call fire_heads = with_scheme(AttentionScheme::fire, true);
  fire_heads.config.fire = fire_weights(3, 32, 1);
  check_call(fire_heads, "fire");
  check_head_call(fire_heads, "fire");
  Call fire_b1 = with_scheme(AttentionScheme::fire, true);
  fire_b1.config.fire.b1 = Vector::Zero(31);
  check_call(fire_b1, "b1");
  Call fire_nan = with_scheme(AttentionScheme::fire, true);
  fire_nan.config.fire.w1(0) = kNaN;
  check_call(fire_nan, "w1");
  Call fire_threshold = with_scheme(AttentionScheme::fire, true);
  fire_threshold.config.fire_options.threshold = 0.5;
  check_call(fire_threshold, "threshold");
  Call fire_c = with_scheme(AttentionScheme::fire, true);
  fire_c.config.fire_options.c = 0.0;
  check_call(fire_c, "c");

  // relative-bias: H x (2 clip + 1), an odd width.
  Call even = with_scheme(AttentionScheme::relative_bias);
  even.config.bias_table = Matrix::Zero(2, 8);
  check_call(even, "bias_table");
  Call bias_rows = with_scheme(AttentionScheme::relative_bias);
  bias_rows.config.bias_table = relative_bias_table(1, 4, 1);
  check_call(bias_rows, "bias_table");
  Call bias_empty = with_scheme(AttentionScheme::relative_bias);
  bias_empty.config.bias_table = Matrix();
  check_call(bias_empty, "bias_table");
  Call bias_nan = with_scheme(AttentionScheme::relative_bias);
  bias_nan.config.bias_table(0, 4) = kInf;
  check_call(bias_nan, "bias_table");

  // relative: the Shaw tables must exist and have the width d, with dv = d.
  Call no_shaw = with_scheme(AttentionScheme::relative);
  no_shaw.config.shaw.reset();
  check_call(no_shaw, "shaw");
  Call shaw_width = with_scheme(AttentionScheme::relative);
  shaw_width.config.shaw.emplace(4, 6, 1, 0.5f);
  check_call(shaw_width, "shaw");
  check_head_call(shaw_width, "shaw");
  Call shaw_dv = with_scheme(AttentionScheme::relative);
  shaw_dv.v = random_heads(2, 5, 3, 3);
  check_call(shaw_dv, "shaw");

  // rope: pairs of dims, so an even d; and the options of rope.hpp.
  Call odd = with_scheme(AttentionScheme::rope);
  odd.q = random_heads(2, 5, 5, 1);
  odd.k = random_heads(2, 5, 5, 2);
  check_call(odd, "dim");
  check_head_call(odd, "dim");
  Call base = with_scheme(AttentionScheme::rope);
  base.config.rope.base = 1.0;
  check_call(base, "base");
  Call partial = with_scheme(AttentionScheme::rope);
  partial.config.rope.partial = 0.25;  // r = int(4 * 0.25) = 1: odd
  check_call(partial, "partial");

  // A scheme's fields are read only for that scheme: a broken T5 table is ignored
  // by alibi.
  Call other = with_scheme(AttentionScheme::alibi);
  other.config.t5_table = Matrix::Constant(1, 1, kNaN);
  CHECK(attention(other.q, other.k, other.v, other.config).output.size() == 2);
}

TEST_CASE("attention errors: the single-sequence form checks as the multi-head one") {
  const Call good;
  AttentionConfig c;
  check_error([&] { attention(Matrix(0, 4), good.k[0], good.v[0], c); }, "q");
  check_error([&] { attention(good.q[0], good.k[0], Matrix::Zero(6, 4), c); }, "v");
  c.scale = -2.0;
  check_error([&] { attention(good.q[0], good.k[0], good.v[0], c); }, "scale");
  c.scale = 0.0;
  CHECK(attention(good.q[0], good.k[0], good.v[0], c).rows() == 5);
}

TEST_CASE("attention errors: parse_attention_scheme") {
  for (const char* bad : {"", "Rope", "relative_bias", "sinusoidal", "alibi "})
    check_error([&] { parse_attention_scheme(bad); }, "scheme");
  check_error([&] { parse_attention_scheme("nope", "attention_scheme"); }, "attention_scheme");
  // The message lists every accepted name, and each parses back to itself.
  try {
    parse_attention_scheme("bogus");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.got() == "\"bogus\"");
    for (AttentionScheme s : posenc::test::all_attention_schemes()) {
      CHECK(std::string(e.allowed()).find(std::string(attention_scheme_name(s))) != std::string::npos);
      CHECK(parse_attention_scheme(attention_scheme_name(s)) == s);
    }
  }
}

TEST_CASE("attention errors: the seeded tables' arguments") {
  check_error([] { t5_bias_table(0, 32, 1); }, "heads");
  check_error([] { t5_bias_table(kMaxHeads + 1, 32, 1); }, "heads");
  check_error([] { t5_bias_table(2, 1, 1); }, "num_buckets");
  check_error([] { t5_bias_table(2, kMaxBuckets + 1, 1); }, "num_buckets");
  check_error([] { t5_bias_table(2, 32, 1, 0.0f); }, "std");
  check_error([] { t5_bias_table(2, 32, 1, -1.0f); }, "std");
  check_error([] { t5_bias_table(2, 32, 1, 10.5f); }, "std");
  check_error([] { t5_bias_table(2, 32, 1, kNaN); }, "std");
  check_error([] { relative_bias_table(0, 4, 1); }, "heads");
  check_error([] { relative_bias_table(kMaxHeads + 1, 4, 1); }, "heads");
  check_error([] { relative_bias_table(2, -1, 1); }, "clip");
  check_error([] { relative_bias_table(2, kMaxLength + 1, 1); }, "clip");
  check_error([] { relative_bias_table(2, 4, 1, 0.0f); }, "std");
  check_error([] { relative_bias_table(2, 4, 1, kInf); }, "std");
  // The edges of the ranges are accepted.
  CHECK(t5_bias_table(1, 2, 1, 10.0f).cols() == 2);
  CHECK(relative_bias_table(1, 0, 1).cols() == 1);
}

TEST_CASE("attention errors: seeded_attention_config names the bad size") {
  test::check_error([] { seeded_attention_config(AttentionScheme::t5, 0, 8, false, 1); }, "heads");
  test::check_error([] { seeded_attention_config(AttentionScheme::none, 2, 0, false, 1); }, "dim");
  SeededTables tables;
  tables.num_buckets = 3;  // bidirectional buckets come in pairs
  test::check_error([&] { seeded_attention_config(AttentionScheme::t5, 2, 8, false, 1, tables); }, "num_buckets");
  tables = {};
  tables.clip = -1;
  test::check_error([&] { seeded_attention_config(AttentionScheme::relative, 2, 8, false, 1, tables); }, "clip");
  tables = {};
  tables.fire_hidden = 0;
  test::check_error([&] { seeded_attention_config(AttentionScheme::fire, 2, 8, false, 1, tables); }, "hidden");
  // What it builds is what attention accepts, for every scheme.
  for (AttentionScheme s : test::all_attention_schemes()) {
    const AttentionConfig c = seeded_attention_config(s, 2, 8, true, 1);
    CHECK(c.scheme == s);
    CHECK(c.causal);
    if (s == AttentionScheme::t5) CHECK(c.t5.causal);
    const auto q = test::random_heads(2, 5, 8, 1);
    CHECK(attention(q, q, q, c).output.size() == 2);
  }
}
