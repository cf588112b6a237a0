// posenc encode: the L x D matrix of an absolute scheme (the naive methods'
// figures, the learned table, the sinusoidal heatmap).
#include <ostream>

#include "commands.hpp"
#include "encode_options.hpp"
#include "json.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  const EncodeOptions o = parse_encode_options(a);
  const bool csv = a.csv();
  const Matrix p = encode(o);
  if (csv) {
    write_csv(out, p, "position", "d");
    return 0;
  }
  Document& j = output.document;
  j.begin_object();
  write_encode_options(j, o);
  j.key("data").matrix(p).end_object().finish();
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> v = encode_option_specs();
  v.push_back({"format", "F", "json | csv (default json)"});
  return v;
}

}  // namespace

const CommandSpec& encode_command() {
  static const CommandSpec spec{
      "encode", "The L x D matrix of an absolute scheme, row i = the vector added at position i.", options(), run};
  return spec;
}

}  // namespace posenc::cli
