// posenc::embed: e_i = w_i + p_i, the word vectors' distribution, and the pitfall
// of the `index` scheme (the position swamps the word) as numbers computed here
// from the definitions.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

#include "posenc/embed.hpp"
#include "posenc/rng.hpp"
#include "support.hpp"

using namespace posenc;

namespace {

EmbedOptions options(Scheme scheme, std::int64_t L, std::int64_t D, double scale = 1.0, std::uint64_t word_seed = 0) {
  EmbedOptions o;
  o.encode.scheme = scheme;
  o.encode.length = L;
  o.encode.dim = D;
  o.word_scale = scale;
  o.word_seed = word_seed;
  return o;
}

}  // namespace

TEST_CASE("embed: sum is word + position exactly, position is encode()") {
  for (Scheme scheme : absolute_schemes()) {
    const EmbedOptions o = options(scheme, 17, 10, 0.3, 4);
    const Embedding e = embed(o);
    INFO(scheme_name(scheme));
    CHECK(e.position == encode(o.encode));
    const Matrix want = e.word + e.position;  // float32 adds, entry by entry
    CHECK(e.sum == want);
  }
}

TEST_CASE("embed: word vectors are N(0, s^2) from their own stream, row by row") {
  const std::int64_t L = 64, D = 256;
  const double s = 0.5;
  const Embedding e = embed(options(Scheme::sinusoidal, L, D, s, 9));
  Rng rng(9, Stream::embed_words);
  bool same = true;
  for (std::int64_t i = 0; i < L; ++i)
    for (std::int64_t k = 0; k < D; ++k) same = same && e.word(i, k) == rng.normal(0.0f, static_cast<float>(s));
  CHECK(same);
  // n = 16384 samples: sd of the mean s/sqrt(n) = 0.0039 (5 sigma: 0.02); the sd
  // estimate has relative sd 1/sqrt(2n) = 0.0055 (5% is 9 sigma).
  const double n = double(L * D);
  const double mean = e.word.cast<double>().sum() / n;
  const double sd = std::sqrt(e.word.cast<double>().array().square().sum() / n - mean * mean);
  CHECK(std::abs(mean) < 0.02);
  CHECK(sd == doctest::Approx(s).epsilon(0.05));
  // The words depend on word_seed only: not on the scheme or its seed.
  EmbedOptions other = options(Scheme::random, L, D, s, 9);
  other.encode.seed = 123;
  CHECK(embed(other).word == e.word);
  CHECK_FALSE(embed(options(Scheme::sinusoidal, L, D, s, 10)).word == e.word);
}

TEST_CASE("embed: none leaves the word alone (ratio 0, cosine 1)") {
  const Embedding e = embed(options(Scheme::none, 20, 8, 2.0, 1));
  CHECK(e.sum == e.word);
  for (std::int64_t i = 0; i < 20; ++i) {
    CHECK(e.norm_ratio[i] == 0.0f);
    CHECK(e.cosine[i] == doctest::Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("embed: index swamps the word as i grows (ratio up, cosine toward 0)") {
  const std::int64_t L = 100, D = 1024;
  const Embedding e = embed(options(Scheme::index, L, D));
  for (std::int64_t i = 0; i < L; ++i) {
    // From the definitions, in double: p_i = (i, ..., i), ||p_i|| = i sqrt(D);
    // <w + p, w> = ||w||^2 + i sum(w); ||w + p||^2 = ||w||^2 + 2 i sum(w) + D i^2.
    double w2 = 0, sw = 0;
    for (std::int64_t k = 0; k < D; ++k) {
      w2 += double(e.word(i, k)) * e.word(i, k);
      sw += e.word(i, k);
    }
    const double x = double(i);
    CHECK(e.norm_ratio[i] == doctest::Approx(x * std::sqrt(double(D)) / std::sqrt(w2)).epsilon(1e-6));
    const double cos = (w2 + x * sw) / (std::sqrt(w2) * std::sqrt(w2 + 2 * x * sw + D * x * x));
    CHECK(e.cosine[i] == doctest::Approx(cos).epsilon(1e-4));
  }
  CHECK(e.norm_ratio[0] == 0.0f);
  CHECK(e.norm_ratio[L - 1] > 50.0f);  // ~ 99 sqrt(D) / (s sqrt(D)) = 99
  CHECK(e.cosine[1] > 0.4f);           // ~ 1 / sqrt(1 + 1)
  // For large i, cos(e_i, w_i) -> cos(w_i, (1, ..., 1)) = sum(w) / (||w|| sqrt(D)),
  // which is about N(0, 1/D): 0 up to 1/sqrt(D) = 0.031 here; 5 sigma plus the
  // 1/i remainder (0.01) bounds it by 0.17.
  CHECK(std::abs(e.cosine[L - 1]) < 0.17f);
}

TEST_CASE("embed: sinusoidal keeps the word at s = 1 (ratio sqrt(1/2))") {
  // ||p_i||^2 = D/2 for even D; ||w_i||^2 ~ D s^2, so the ratio is near 1/sqrt(2).
  const Embedding e = embed(options(Scheme::sinusoidal, 50, 512));
  for (std::int64_t i = 0; i < 50; ++i) CHECK(e.norm_ratio[i] == doctest::Approx(std::sqrt(0.5)).epsilon(0.15));
}

TEST_CASE("embed: bad input") {
  test::check_error([] { embed(options(Scheme::index, 4, 4, 0.0)); }, "word_scale");
  test::check_error([] { embed(options(Scheme::index, 4, 4, -1.0)); }, "word_scale");
  test::check_error([] { embed(options(Scheme::index, 4, 4, NAN)); }, "word_scale");
  test::check_error([] { embed(options(Scheme::index, 0, 4)); }, "length");
  test::check_error([] { embed(options(Scheme::index, 1 << 20, 128)); }, "length");  // 3 x L x D over 1 GiB
  test::check_error([] { embed(options(Scheme::alibi, 4, 4)); }, "scheme");
}
