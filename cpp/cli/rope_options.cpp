// Implementation of cli/rope_options.hpp.
#include "rope_options.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

// The options of each scaling beyond --base and --partial.
struct ScalingOption {
  std::string_view name;
  std::vector<RopeScaling> used_by;
};

const std::vector<ScalingOption>& scaling_options() {
  using S = RopeScaling;
  static const std::vector<ScalingOption> opts = {
      {"factor", {S::linear, S::ntk, S::dynamic, S::yarn, S::llama3}},
      {"original-max-length", {S::dynamic, S::yarn, S::llama3}},
      {"seq-len", {S::dynamic}},
      {"beta-fast", {S::yarn}},
      {"beta-slow", {S::yarn}},
      {"low-freq-factor", {S::llama3}},
      {"high-freq-factor", {S::llama3}},
  };
  return opts;
}

const std::vector<OptionSpec>& frequency_specs() {
  static const std::vector<OptionSpec> specs = {
      {"base", "B", "RoPE base (HF rope_theta), > 1 (default 10000)"},
      {"scaling", "S", "default | linear | ntk | dynamic | yarn | llama3 (default: default)"},
      {"factor", "F", "scaling factor >= 1 (required unless --scaling default)"},
      {"original-max-length", "M", "dynamic, yarn, llama3: pretraining context length (default 8192)"},
      {"seq-len", "S", "dynamic: current sequence length; <= M means unscaled (default 1)"},
      {"beta-fast", "X", "yarn: rotations where the ramp starts, > beta-slow (default 32)"},
      {"beta-slow", "Y", "yarn: rotations where the ramp ends, > 0 (default 1)"},
      {"low-freq-factor", "A", "llama3: < high-freq-factor (default 1)"},
      {"high-freq-factor", "B", "llama3: (default 4)"},
      {"partial", "F", "rotary fraction in (0, 1]; int(D * F) must be even (default 1)"},
  };
  return specs;
}

}  // namespace

std::vector<OptionSpec> with_rope_frequency_options(std::vector<OptionSpec> first) {
  first.insert(first.end(), frequency_specs().begin(), frequency_specs().end());
  return first;
}

const std::vector<std::string_view>& rope_frequency_option_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& o : frequency_specs()) v.push_back(o.name);
    return v;
  }();
  return names;
}

RopeOptions read_rope_frequency_options(const Args& a) {
  RopeOptions o;
  o.scaling = parse_scaling(a.choice("scaling", "default", {"default", "linear", "ntk", "dynamic", "yarn", "llama3"}));
  for (const auto& opt : scaling_options()) {
    bool used = false;
    for (RopeScaling s : opt.used_by) used = used || s == o.scaling;
    if (used) continue;
    std::string users;
    for (RopeScaling s : opt.used_by) users += (users.empty() ? "" : " | ") + std::string(scaling_name(s));
    reject_unused_option(a, opt.name, "scaling", scaling_name(o.scaling), users);
  }
  o.base = a.number("base", 10000.0, 1.0, 1e12, /*lo_open=*/true);
  o.partial = a.number("partial", 1.0, 0.0, 1.0, /*lo_open=*/true);
  if (o.scaling != RopeScaling::unscaled) o.factor = a.number("factor", std::nullopt, 1.0, kMaxRopeFactor);
  o.original_max_length = a.integer("original-max-length", 8192, 1, kMaxPosition);
  o.seq_len = a.integer("seq-len", 1, 1, kMaxPosition);
  o.beta_fast = a.number("beta-fast", 32.0, 0.0, 1e6, /*lo_open=*/true);
  o.beta_slow = a.number("beta-slow", 1.0, 0.0, 1e6, /*lo_open=*/true);
  o.low_freq_factor = a.number("low-freq-factor", 1.0, 0.0, 1e6, /*lo_open=*/true);
  o.high_freq_factor = a.number("high-freq-factor", 4.0, 0.0, 1e6, /*lo_open=*/true);
  return o;
}

}  // namespace posenc::cli
