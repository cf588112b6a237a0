// posenc fire: FIRE's normalized input psi(i - j) / psi(max(i, L_thr)) and the
// per-head bias an MLP makes of it (Li et al. 2023; see posenc/fire.hpp).
//
//   {"length": L, "heads": H, "hidden": W, "c": c, "threshold": L_thr, "eps": eps,
//    "seed": N, "input": [L][L], "bias": [H][L][L]}      rows = query i, cols = key j
//
// Causal: entries with j > i are masked and written as null.
#include <ostream>
#include <string>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/error.hpp"
#include "posenc/fire.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  const std::int64_t length = a.integer("length", std::nullopt, 1, kMaxLength);
  const std::int64_t heads = a.integer("heads", std::nullopt, 1, kMaxHeads);
  const std::int64_t hidden = a.integer("hidden", 32, 1, kMaxFireHidden);
  FireOptions o;
  o.c = a.number("c", 0.1, 0.0, 1e6, /*lo_open=*/true);
  o.threshold = a.number("threshold", 512.0, 1.0, static_cast<double>(kMaxPosition));
  o.eps = a.number("eps", 0.0, 0.0, 1.0);
  const auto seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  const bool csv = a.csv();
  // One document holds the input and the H bias matrices: (H + 1) x L x L in all.
  const double l = static_cast<double>(length);
  require_output_size("length", static_cast<double>(heads + 1) * l * l,
                      "(heads + 1) x length x length = " + std::to_string(heads + 1) + " x " +
                          std::to_string(length) + " x " + std::to_string(length));
  const Matrix input = fire_input(length, o);
  const HeadMatrices bias = fire_bias(length, heads, seed, o, hidden);
  if (csv) {
    // One row per (head, i, j), the input repeated beside each head's bias.
    out << "head,i,j,input,bias\n";
    for (std::int64_t h = 0; h < heads; ++h) {
      for (std::int64_t i = 0; i < length; ++i) {
        for (std::int64_t k = 0; k < length; ++k) {
          out << h << ',' << i << ',' << k << ',';
          if (k <= i) {
            write_number(out, input(i, k));
            out << ',';
            write_number(out, bias[h](i, k));
          } else {
            out << ',';
          }
          out << '\n';
        }
      }
    }
    return 0;
  }
  Document& j = output.document;
  j.begin_object();
  j.key("length").integer(length).key("heads").integer(heads).key("hidden").integer(hidden);
  j.key("c").number(o.c).key("threshold").number(o.threshold).key("eps").number(o.eps);
  j.key("seed").integer(static_cast<std::int64_t>(seed));
  j.key("input").matrix(input).key("bias").heads(bias).end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& fire_command() {
  static const CommandSpec spec{
      "fire",
      "FIRE: the normalized input psi(i-j)/psi(max(i, L_thr)) (L x L) and its causal MLP bias (H x L x L; "
      "j > i is null).",
      {
          {"length", "L", "number of positions, 0..L-1 (required; 1..1048576)"},
          {"heads", "H", "number of heads, one bias matrix each (required; 1..1024)"},
          {"c", "C", "psi(x) = log(c x + 1): scale c > 0 (default 0.1, the paper's init)"},
          {"threshold", "T", "L_thr: the normalizer is psi(max(i, L_thr)); >= 1 (default 512, the paper's init)"},
          {"hidden", "W", "MLP width: Linear(1, W), ReLU, Linear(W, H) (default 32; 1..4096)"},
          {"eps", "E", "added to the normalizer, in [0, 1] (default 0; the paper's code uses 1e-6)"},
          {"seed", "N", "seed of the MLP weights, PyTorch nn.Linear init (default 0)"},
          {"format", "F", "json | csv (csv: head,i,j,input,bias; masked entries empty); default json"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
