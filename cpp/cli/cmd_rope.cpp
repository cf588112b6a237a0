// posenc rope-freqs | rope-apply | rope-decay: RoPE's frequencies (with the
// context-extension scalings), one rotated vector, and RoFormer's decay curve.
#include <cfloat>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/rope.hpp"
#include "rope_options.hpp"

namespace posenc::cli {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

int run_freqs(const Args& a, Output& output) {
  std::ostream& out = output.text;
  const std::int64_t dim = a.integer("dim", std::nullopt, 2, kMaxDim);
  const RopeOptions o = read_rope_frequency_options(a);
  const bool csv = a.csv();
  const RopeFrequencies f = rope_frequencies(dim, o);
  std::vector<double> wavelength;
  for (double w : f.inv_freq) wavelength.push_back(kTwoPi / w);
  if (csv) {
    out << "index,inv_freq,wavelength\n";
    for (std::size_t k = 0; k < f.inv_freq.size(); ++k) {
      out << k << ',';
      write_number(out, f.inv_freq[k]);
      out << ',';
      write_number(out, wavelength[k]);
      out << '\n';
    }
    return 0;
  }
  Document& j = output.document;
  j.begin_object().key("scaling").string(scaling_name(o.scaling));
  j.key("dim").integer(f.dim).key("rotary_dim").integer(f.rotary_dim).key("base").number(o.base);
  j.key("inv_freq").numbers(f.inv_freq).key("wavelength").numbers(wavelength);
  j.key("attention_factor").number(f.attention_factor).end_object().finish();
  return 0;
}

int run_apply(const Args& a, Output& output) {
  const RopePairing pairing = parse_pairing(a.choice("pairing", std::nullopt, {"half", "interleaved"}));
  const double position = a.number("position", std::nullopt, -static_cast<double>(kMaxPosition),
                                   static_cast<double>(kMaxPosition));
  const std::vector<double> v = a.number_list("vector", static_cast<std::size_t>(kMaxDim));
  Eigen::RowVectorXf x(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (std::abs(v[i]) > FLT_MAX) throw Error("vector", format_value(v[i]), "numbers within float32 range");
    x[static_cast<Eigen::Index>(i)] = static_cast<float>(v[i]);
  }
  RopeOptions o = read_rope_frequency_options(a);
  o.pairing = pairing;
  RopeFrequencies f;
  try {
    f = rope_frequencies(x.size(), o);
  } catch (const Error& e) {
    // The width is the vector's length here: there is no --dim to blame.
    if (e.arg() != "dim") throw;
    throw Error("vector", e.got() + (e.got() == "1" ? " value" : " values"), "a length (dim) that is an " + e.allowed());
  }
  const Eigen::RowVectorXf y = rope_apply(x, position, o);
  Document& j = output.document;
  j.begin_object().key("pairing").string(pairing_name(pairing)).key("scaling").string(scaling_name(o.scaling));
  j.key("dim").integer(f.dim).key("rotary_dim").integer(f.rotary_dim);
  j.key("attention_factor").number(f.attention_factor);
  j.key("vector").vector(y.transpose()).end_object().finish();
  return 0;
}

int run_decay(const Args& a, Output& output) {
  std::ostream& out = output.text;
  const std::int64_t dim = a.integer("dim", std::nullopt, 2, kMaxDim);
  const double base = a.number("base", 10000.0, 1.0, 1e12, /*lo_open=*/true);
  const std::int64_t max_distance = a.integer("max-distance", std::nullopt, 0, kMaxPosition);
  const std::int64_t step = a.integer("step", 1, 1, kMaxPosition);
  const bool csv = a.csv();
  const RopeDecayCurve c = rope_decay_curve(max_distance, step, dim, base);
  if (csv) {
    out << "distance,bound\n";
    for (std::size_t i = 0; i < c.distance.size(); ++i) {
      out << static_cast<std::int64_t>(c.distance[i]) << ',';
      write_number(out, c.bound[i]);
      out << '\n';
    }
    return 0;
  }
  Document& j = output.document;
  j.begin_object().key("dim").integer(dim).key("base").number(base);
  std::vector<std::int64_t> distance;
  for (double r : c.distance) distance.push_back(static_cast<std::int64_t>(r));
  j.key("distance").integers(distance).key("bound").numbers(c.bound).end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& rope_freqs_command() {
  static const CommandSpec spec{
      "rope-freqs",
      "RoPE inverse frequencies theta_k (and wavelengths 2 pi / theta_k) of one head, with "
      "HF's context-extension scalings; plus the attention factor (1 except yarn).",
      with_rope_frequency_options({
          {"dim", "D", "head width d (required; 2..65536)"},
          {"format", "F", "json | csv (index,inv_freq,wavelength); default json"},
      }),
      run_freqs};
  return spec;
}

const CommandSpec& rope_apply_command() {
  static const CommandSpec spec{
      "rope-apply",
      "Rotates one vector to position m (R_m x); dims past the rotary width pass through.",
      with_rope_frequency_options({
          {"pairing", "P", "half (GPT-NeoX, HF rotate_half) | interleaved (RoFormer, GPT-J, Meta Llama) (required)"},
          {"position", "M", "position m, any real with |m| <= 2^40 (required)"},
          {"vector", "V", "comma-separated values x_0,...,x_{d-1}; d = their count (required)"},
      }),
      run_apply};
  return spec;
}

const CommandSpec& rope_decay_command() {
  static const CommandSpec spec{
      "rope-decay",
      "RoFormer's long-term decay (section 3.4.3, figure 2): (2/d) sum_j |sum_{k<j} e^{i r theta_k}| "
      "at distances r = 0, step, ... <= max-distance.",
      {
          {"dim", "D", "head width d, even (required; 2..65536)"},
          {"base", "B", "RoPE base, > 1 (default 10000)"},
          {"max-distance", "R", "largest relative distance (required; integer >= 0)"},
          {"step", "S", "distance step (integer >= 1; default 1)"},
          {"format", "F", "json | csv (distance,bound); default json"},
      },
      run_decay};
  return spec;
}

}  // namespace posenc::cli
