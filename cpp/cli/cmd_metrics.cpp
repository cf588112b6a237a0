// posenc metrics: the notebook's requirements (uniqueness, consistency, order,
// small values, extrapolation, cost) measured for one absolute scheme; the
// tutorial's requirements table is drawn from these numbers.
#include <cmath>
#include <ostream>

#include "commands.hpp"
#include "encode_options.hpp"
#include "json.hpp"
#include "posenc/limits.hpp"
#include "posenc/metrics.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  MetricsOptions o;
  o.encode = parse_encode_options(a, 2, kMaxMetricsLength);
  o.word_scale = a.number("word-scale", 1.0, kMinWordScale, 1e6);
  const bool csv = a.csv();
  const Metrics m = measure(o);
  if (csv) {
    out << "metric,value\n";
    const std::pair<const char*, double> rows[] = {
        {"min_distance", m.min_distance},   {"consistency", m.consistency},
        {"order_spread", m.order_spread},   {"max_abs", m.max_abs},
        {"norm_ratio", m.norm_ratio},       {"extrapolates", m.extrapolates ? 1.0 : 0.0},
        {"max_abs_beyond", m.extrapolates ? m.max_abs_beyond : NAN},
        {"parameters", double(m.parameters)}, {"stored_values", double(m.stored_values)},
        {"transcendentals_per_token", double(m.transcendentals_per_token)},
        {"adds_per_token", double(m.adds_per_token)},
    };
    for (const auto& [name, v] : rows) {
      out << name << ',';
      if (std::isfinite(v)) write_number(out, v);
      out << '\n';
    }
    return 0;
  }
  Document& j = output.document;
  j.begin_object().key("scheme").string(scheme_name(o.encode.scheme));
  j.key("length").integer(o.encode.length).key("dim").integer(o.encode.dim);
  j.key("uniqueness").begin_object().key("min_distance").number(m.min_distance);
  j.key("closest").begin_array().integer(m.closest_i).integer(m.closest_j).end_array().end_object();
  j.key("consistency").begin_object().key("max_change").number(m.consistency);
  j.key("shorter_length").integer((o.encode.length + 1) / 2).end_object();
  j.key("order").begin_object().key("spread").number(m.order_spread).end_object();
  j.key("small").begin_object().key("max_abs").number(m.max_abs).key("norm_ratio").number(m.norm_ratio);
  j.key("word_scale").number(o.word_scale).end_object();
  j.key("extrapolation").begin_object().key("defined").boolean(m.extrapolates);
  j.key("length").integer(2 * o.encode.length);
  if (m.extrapolates) {
    j.key("max_abs_beyond").number(m.max_abs_beyond).key("error").null();
  } else {
    j.key("max_abs_beyond").null().key("error").string(m.extrapolation_error);
  }
  j.end_object();
  j.key("cost").begin_object().key("parameters").integer(m.parameters);
  j.key("stored_values").integer(m.stored_values);
  j.key("transcendentals_per_token").integer(m.transcendentals_per_token);
  j.key("adds_per_token").integer(m.adds_per_token).end_object();
  j.end_object().finish();
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> v = encode_option_specs();
  v[1].help = "number of positions (required; 2..4096: pairwise distances are O(L^2 D))";
  v.push_back({"word-scale", "S", "std of the word embeddings compared against (default 1, nn.Embedding's init)"});
  v.push_back({"format", "F", "json | csv (default json)"});
  return v;
}

}  // namespace

const CommandSpec& metrics_command() {
  static const CommandSpec spec{
      "metrics", "The five requirements of a positional encoding, measured for an absolute scheme.", options(), run};
  return spec;
}

}  // namespace posenc::cli
