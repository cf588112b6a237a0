// Implementation of cli/encode_options.hpp.
#include "encode_options.hpp"

#include "posenc/limits.hpp"

namespace posenc::cli {

const std::vector<OptionSpec>& encode_option_specs() {
  static const std::vector<OptionSpec> specs = {
      {"scheme", "S", "none | index | normalized | random | learned | sinusoidal (required)"},
      {"length", "L", "number of positions, 0..L-1 (required; 1..1048576)"},
      {"dim", "D", "model width (required; 1..65536)"},
      {"layout", "X", "sinusoidal: interleaved (paper) | concat ([sin | cos]); default interleaved"},
      {"spacing", "X", "sinusoidal: paper (base^(-2i/D)) | endpoint (tensor2tensor/fairseq: last is 1/base)"},
      {"base", "B", "sinusoidal: wavelength base, > 1 (default 10000)"},
      {"seed", "N", "random, learned: seed of the generator, 0..2^53-1 (default 0)"},
      {"max-length", "M", "learned: table size L_max; L > M is an error (default L)"},
  };
  return specs;
}

namespace {

// The schemes that read each scheme-specific option: giving one to another scheme
// is an error, not silently ignored.
struct SchemeOption {
  std::string_view name;
  std::vector<Scheme> used_by;
};

void reject_other_schemes_options(const Args& a, Scheme scheme) {
  static const std::vector<SchemeOption> opts = {
      {"layout", {Scheme::sinusoidal}},
      {"spacing", {Scheme::sinusoidal}},
      {"base", {Scheme::sinusoidal}},
      {"seed", {Scheme::random, Scheme::learned}},
      {"max-length", {Scheme::learned}},
  };
  for (const auto& opt : opts) {
    bool used = false;
    std::string users;
    for (Scheme s : opt.used_by) {
      used = used || s == scheme;
      users += (users.empty() ? "" : " | ") + std::string(scheme_name(s));
    }
    if (!used) reject_unused_option(a, opt.name, "scheme", scheme_name(scheme), users);
  }
}

}  // namespace

EncodeOptions parse_encode_options(const Args& a, std::int64_t min_length, std::int64_t max_length) {
  EncodeOptions o;
  std::vector<std::string_view> names;
  for (Scheme s : absolute_schemes()) names.push_back(scheme_name(s));
  o.scheme = parse_scheme(a.choice("scheme", std::nullopt, names), absolute_schemes());
  reject_other_schemes_options(a, o.scheme);
  o.length = a.integer("length", std::nullopt, min_length, max_length);
  o.dim = a.integer("dim", std::nullopt, 1, kMaxDim);
  o.sinusoid.layout = parse_layout(a.choice("layout", "interleaved", {"interleaved", "concat"}));
  o.sinusoid.spacing = parse_spacing(a.choice("spacing", "paper", {"paper", "endpoint"}));
  o.sinusoid.base = a.number("base", 10000.0, 1.0, 1e12, /*lo_open=*/true);
  o.seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  o.max_length = a.integer("max-length", o.length, 1, kMaxLength);
  return o;
}

void write_encode_options(Document& j, const EncodeOptions& o) {
  j.key("scheme").string(scheme_name(o.scheme));
  j.key("length").integer(o.length).key("dim").integer(o.dim);
  if (o.scheme == Scheme::sinusoidal) {
    j.key("layout").string(o.sinusoid.layout == SinusoidLayout::interleaved ? "interleaved" : "concat");
    j.key("spacing").string(o.sinusoid.spacing == Spacing::paper ? "paper" : "endpoint");
    j.key("base").number(o.sinusoid.base);
  }
  if (o.scheme == Scheme::random || o.scheme == Scheme::learned) j.key("seed").integer(static_cast<std::int64_t>(o.seed));
  if (o.scheme == Scheme::learned) j.key("max_length").integer(o.max_length);
}

}  // namespace posenc::cli
