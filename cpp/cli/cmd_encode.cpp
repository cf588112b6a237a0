// posenc encode: the L x D matrix of an absolute scheme (the naive methods'
// figures, the learned table, the sinusoidal heatmap).
#include <ostream>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/encode.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, std::ostream& out) {
  EncodeOptions o;
  std::vector<std::string_view> names;
  for (Scheme s : absolute_schemes()) names.push_back(scheme_name(s));
  o.scheme = parse_scheme(a.choice("scheme", std::nullopt, names), absolute_schemes());
  o.length = a.integer("length", std::nullopt, 1, kMaxLength);
  o.dim = a.integer("dim", std::nullopt, 1, kMaxDim);
  o.sinusoid.layout = parse_layout(a.choice("layout", "interleaved", {"interleaved", "concat"}));
  o.sinusoid.spacing = parse_spacing(a.choice("spacing", "paper", {"paper", "endpoint"}));
  o.sinusoid.base = a.number("base", 10000.0, 1.0, 1e12, /*lo_open=*/true);
  o.seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  o.max_length = a.integer("max-length", o.length, 1, kMaxLength);
  const bool csv = a.csv();
  const Matrix p = encode(o);
  if (csv) {
    write_csv(out, p, "position", "d");
    return 0;
  }
  Json j(out);
  j.begin_object().key("scheme").string(scheme_name(o.scheme));
  j.key("length").integer(o.length).key("dim").integer(o.dim);
  if (o.scheme == Scheme::sinusoidal) {
    j.key("layout").string(o.sinusoid.layout == SinusoidLayout::interleaved ? "interleaved" : "concat");
    j.key("spacing").string(o.sinusoid.spacing == Spacing::paper ? "paper" : "endpoint");
    j.key("base").number(o.sinusoid.base);
  }
  if (o.scheme == Scheme::random || o.scheme == Scheme::learned) j.key("seed").integer(static_cast<std::int64_t>(o.seed));
  if (o.scheme == Scheme::learned) j.key("max_length").integer(o.max_length);
  j.key("data").matrix(p).end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& encode_command() {
  static const CommandSpec spec{
      "encode",
      "The L x D matrix of an absolute scheme, row i = the vector added at position i.",
      {
          {"scheme", "S", "none | index | normalized | random | learned | sinusoidal (required)"},
          {"length", "L", "number of positions, 0..L-1 (required; 1..1048576)"},
          {"dim", "D", "model width (required; 1..65536)"},
          {"layout", "X", "sinusoidal: interleaved (paper) | concat ([sin | cos]); default interleaved"},
          {"spacing", "X", "sinusoidal: paper (base^(-2i/D)) | endpoint (tensor2tensor/fairseq: last is 1/base)"},
          {"base", "B", "sinusoidal: wavelength base, > 1 (default 10000)"},
          {"seed", "N", "random, learned: seed of the generator (default 0)"},
          {"max-length", "M", "learned: table size L_max; L > M is an error (default L)"},
          {"format", "F", "json | csv (default json)"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
