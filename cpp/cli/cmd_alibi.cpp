// posenc alibi: ALiBi's per-head slopes and, with --length, the H x L x L biases.
//
//   {"heads":H, "slopes":[...]}                                    without --length
//   {"heads":H, "length":L, "symmetric":false, "slopes":[...], "bias":[[[...]]]}
//
// bias[h][i][j] = -m_h (i - j) for j <= i, null (masked) for j > i; with
// --symmetric, -m_h |i - j| everywhere.
#include <ostream>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/alibi.hpp"
#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  // Validate and compute everything before the first byte is written.
  const std::int64_t heads = a.integer("heads", std::nullopt, 1, kMaxHeads);
  const bool with_bias = a.has("length");
  const bool symmetric = a.flag("symmetric");
  if (symmetric && !with_bias) {
    throw Error("symmetric", "the flag without --length",
                "only together with --length (it changes the bias, not the slopes)");
  }
  const std::int64_t length = with_bias ? a.integer("length", std::nullopt, 1, kMaxLength) : 0;
  const bool csv = a.csv();
  const std::vector<double> slopes = alibi_slopes(heads);
  const HeadMatrices bias = with_bias ? alibi_bias(heads, length, symmetric) : HeadMatrices{};

  if (csv && with_bias) {
    write_heads_csv(out, bias, "bias");
  } else if (csv) {
    out << "head,slope\n";
    for (std::size_t h = 0; h < slopes.size(); ++h) {
      out << h << ',';
      write_number(out, slopes[h]);
      out << '\n';
    }
  } else {
    Document& j = output.document;
    j.begin_object().key("heads").integer(heads);
    if (with_bias) j.key("length").integer(length).key("symmetric").boolean(symmetric);
    j.key("slopes").numbers(slopes);
    if (with_bias) j.key("bias").heads(bias);
    j.end_object().finish();
  }
  return 0;
}

}  // namespace

const CommandSpec& alibi_command() {
  static const CommandSpec spec{
      "alibi",
      "ALiBi (Press et al. 2022): per-head slopes m_h and, with --length, the H x L x L attention biases.",
      {
          {"heads", "H", "number of heads (required; 1..1024); slopes follow the reference get_slopes rule"},
          {"length", "L", "also output bias[h][i][j] for positions 0..L-1 (1..1048576; H x L x L output)"},
          {"symmetric", "", "bias -m |i - j| for every (i, j) instead of the causal -m (i - j), null for j > i"},
          {"format", "F", "json | csv (csv: head,slope; with --length head,i,j,bias, masked empty); default json"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
