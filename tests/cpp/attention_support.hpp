// Shared by the attention suites: seeded inputs, a config per scheme, and a
// tensor comparison that reports the first mismatches (as llm.c's tests do).
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "posenc/attention.hpp"
#include "posenc/rng.hpp"

namespace posenc::test {

/// H matrices of L x d, N(0, std^2), from one seeded stream.
inline HeadMatrices random_heads(std::int64_t heads, std::int64_t length, std::int64_t dim, std::uint64_t seed,
                                 float std = 1.0f) {
  Rng rng(seed, Stream::word_embeddings);
  HeadMatrices out;
  for (std::int64_t h = 0; h < heads; ++h) {
    Matrix m(length, dim);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal(0.0f, std);
    out.push_back(m);
  }
  return out;
}

/// Every attention scheme.
inline const std::vector<AttentionScheme>& all_attention_schemes() {
  static const std::vector<AttentionScheme> all = {
      AttentionScheme::none, AttentionScheme::rope,          AttentionScheme::alibi,   AttentionScheme::t5,
      AttentionScheme::fire, AttentionScheme::relative_bias, AttentionScheme::relative};
  return all;
}

/// A config for `scheme` with seeded parameters for H heads of width d: T5 with
/// 32 buckets / max distance 128 (bidirectional unless causal), relative clip 4
/// (so short test sequences reach past it), Shaw tables of std 0.5, FIRE with its
/// default options except a threshold small enough (8) that the normalizer varies
/// inside short test sequences.
inline AttentionConfig seeded_config(AttentionScheme scheme, std::int64_t heads, std::int64_t dim, bool causal,
                                     std::uint64_t seed = 7) {
  SeededTables tables;
  tables.clip = 4;
  if (scheme == AttentionScheme::relative) tables.std = 0.5f;
  AttentionConfig c = seeded_attention_config(scheme, heads, dim, causal, seed, tables);
  c.fire_options.threshold = 8.0;
  return c;
}

/// Checks |got - want| <= atol + rtol |want| elementwise (NaN must match NaN) and
/// reports the count and the first five mismatches with their indices.
inline void check_close(const HeadMatrices& got, const HeadMatrices& want, double atol, double rtol,
                        const std::string& what) {
  REQUIRE_MESSAGE(got.size() == want.size(), what << ": " << got.size() << " heads vs " << want.size());
  std::ostringstream first;
  std::int64_t bad = 0;
  for (std::size_t h = 0; h < got.size(); ++h) {
    REQUIRE_MESSAGE((got[h].rows() == want[h].rows() && got[h].cols() == want[h].cols()), what << ": shape");
    for (Eigen::Index i = 0; i < got[h].rows(); ++i)
      for (Eigen::Index j = 0; j < got[h].cols(); ++j) {
        const double g = got[h](i, j), w = want[h](i, j);
        const bool ok = std::isnan(w) ? std::isnan(g) : std::abs(g - w) <= atol + rtol * std::abs(w);
        if (!ok && bad++ < 5) first << " [" << h << "][" << i << "][" << j << "] got " << g << " want " << w << ";";
      }
  }
  CHECK_MESSAGE(bad == 0, what << ": " << bad << " mismatches:" << first.str());
}

}  // namespace posenc::test
