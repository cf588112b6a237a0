// The analyses built on an encoding: measure (metrics), similarity, embed, and
// every parse_* function with arbitrary names. Finite everywhere, except the
// values documented as NaN: a cosine with a zero vector (similarity, embed's
// cosine and norm_ratio), an offset with no defined pair, and metrics fields
// documented as such (max_abs_beyond when the scheme cannot extrapolate).
#include <cmath>
#include <string>

#include "fuzz_api.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_draw.hpp"
#include "posenc/attention.hpp"
#include "posenc/conv.hpp"
#include "posenc/embed.hpp"
#include "posenc/metrics.hpp"
#include "posenc/similarity.hpp"

namespace posenc::fuzz {

namespace {

// NaN allowed (documented cases), infinity never.
template <class M>
void no_infinity(const M& m, const char* what) {
  for (Eigen::Index k = 0; k < m.size(); ++k)
    if (std::isinf(m.data()[k])) fail(std::string(what) + ": infinite value at index " + std::to_string(k));
}

void no_infinity(const std::vector<double>& v, const char* what) {
  for (double x : v)
    if (std::isinf(x)) fail(std::string(what) + ": infinite value");
}

void fuzz_metrics(FuzzInput& in) {
  MetricsOptions o;
  o.encode = draw_encode(in, 2, kMaxMetricsLength);
  o.word_scale = in.flag() ? 1.0 : in.real(0.0, 1e6);
  if (!in.may_run()) return;
  guarded("measure", [&] {
    const Metrics m = measure(o);
    const double values[] = {m.min_distance, m.consistency, m.order_spread, m.max_abs, m.norm_ratio};
    for (double v : values) no_infinity(std::vector<double>{v}, "measure");
    if (m.extrapolates) finite_value(m.max_abs_beyond, "measure max_abs_beyond", 0);
    finite_value(m.max_abs, "measure max_abs", 0);
  });
}

void fuzz_similarity(FuzzInput& in) {
  SimilarityOptions o;
  o.encode = draw_encode(in, 2, kMaxSimilarityLength);
  o.measure = in.flag() ? SimilarityMeasure::dot : SimilarityMeasure::cosine;
  if (!in.may_run()) return;
  guarded("similarity", [&] {
    const Similarity s = similarity(o);
    if (o.measure == SimilarityMeasure::dot) finite(s.matrix, "similarity (dot)");
    no_infinity(s.matrix, "similarity");
    no_infinity(s.by_offset.mean, "similarity by_offset mean");
    no_infinity(s.by_offset.min, "similarity by_offset min");
    no_infinity(s.by_offset.max, "similarity by_offset max");
  });
}

void fuzz_embed(FuzzInput& in) {
  EmbedOptions o;
  o.encode = draw_encode(in, 1, kMaxLength);
  o.word_scale = in.flag() ? 1.0 : in.real(0.0, 1e6);
  o.word_seed = draw_seed(in);
  if (!in.may_run()) return;
  guarded("embed", [&] {
    const Embedding e = embed(o);
    finite(e.word, "embed word");
    finite(e.position, "embed position");
    finite(e.sum, "embed sum");
    no_infinity(e.norm_ratio, "embed norm_ratio");
    no_infinity(e.cosine, "embed cosine");
  });
}

void fuzz_parsers(FuzzInput& in) {
  static const char* const names[] = {"none",     "index",       "normalized", "random",   "learned",
                                      "sinusoidal", "relative",  "t5",         "rope",     "alibi",
                                      "fire",     "conv",        "half",       "interleaved", "concat",
                                      "paper",    "endpoint",    "default",    "linear",   "ntk",
                                      "dynamic",  "yarn",        "llama3",     "dot",      "cosine",
                                      "word",     "ones",        "relative-bias", "",      "ROPE"};
  const std::string name = in.name(names, sizeof names / sizeof names[0]);
  switch (in.pick(8)) {
    case 0: guarded("parse_scheme", [&] { parse_scheme(name, all_schemes()); }); break;
    case 1: guarded("parse_layout", [&] { parse_layout(name); }); break;
    case 2: guarded("parse_spacing", [&] { parse_spacing(name); }); break;
    case 3: guarded("parse_pairing", [&] { parse_pairing(name); }); break;
    case 4: guarded("parse_scaling", [&] { parse_scaling(name); }); break;
    case 5: guarded("parse_measure", [&] { parse_measure(name); }); break;
    case 6: guarded("parse_conv_content", [&] { parse_conv_content(name); }); break;
    default: guarded("parse_attention_scheme", [&] { parse_attention_scheme(name); }); break;
  }
}

}  // namespace

void fuzz_analysis(FuzzInput& in) {
  switch (in.pick(4)) {
    case 0: fuzz_metrics(in); break;
    case 1: fuzz_similarity(in); break;
    case 2: fuzz_embed(in); break;
    default: fuzz_parsers(in); break;
  }
}

}  // namespace posenc::fuzz
