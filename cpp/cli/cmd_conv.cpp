// posenc conv: how a convolutional position encoding (CPVT's PEG in 1-D: depthwise
// conv, zero padding, plus residual) makes position out of a position-free input;
// see posenc/conv.hpp.
//
//   {"length": L, "dim": D, "kernel": K, "layers": n, "seed": N, "content": "word",
//    "weight": [D][K], "bias": [D],       the conv's parameters (seeded)
//    "input": [L][D],                     the same vector at every position
//    "output": [L][D],                    after n layers x <- x + conv(x)
//    "signal": [L][D],                    output - input
//    "interior": [D],                     the output of a position no pad reaches
//    "distance": [L]}                     ||output[i] - interior||: 0 except within
//                                         n (K-1)/2 of either edge
//
// --format csv writes the output matrix (position,d0,d1,...).
#include <ostream>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/conv.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  ConvDemoOptions o;
  o.length = a.integer("length", std::nullopt, 1, kMaxLength);
  o.dim = a.integer("dim", std::nullopt, 1, kMaxDim);
  o.kernel = a.integer("kernel", 3, 1, kMaxConvKernel);
  o.layers = a.integer("layers", 1, 1, kMaxConvLayers);
  o.seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  const std::string content = a.choice("content", "word", {"word", "ones"});
  o.content = parse_conv_content(content);
  const bool csv = a.csv();
  const ConvDemo d = conv_demo(o);
  if (csv) {
    write_csv(out, d.output, "position", "d");
    return 0;
  }
  Document& j = output.document;
  j.begin_object();
  j.key("length").integer(o.length).key("dim").integer(o.dim).key("kernel").integer(o.kernel);
  j.key("layers").integer(o.layers).key("seed").integer(static_cast<std::int64_t>(o.seed));
  j.key("content").string(content);
  j.key("weight").matrix(d.weights.weight).key("bias").vector(d.weights.bias);
  j.key("input").matrix(d.input).key("output").matrix(d.output).key("signal").matrix(d.signal);
  j.key("interior").vector(d.interior.transpose()).key("distance").vector(d.distance);
  j.end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& conv_command() {
  static const CommandSpec spec{
      "conv",
      "Convolutional position (CPVT's PEG in 1-D): x + depthwise_conv(x) with zero padding, on a "
      "position-free input; position shows only near the edges.",
      {
          {"length", "L", "number of positions, 0..L-1 (required; 1..1048576)"},
          {"dim", "D", "model width = number of channels (required; 1..65536)"},
          {"kernel", "K", "kernel size, odd (same padding needs a centre tap; default 3; 1..1023)"},
          {"layers", "n", "how many times the layer is applied (same weights; default 1; 1..256)"},
          {"content", "X", "what every position holds: word (one seeded vector, U[-1,1)) | ones (default word)"},
          {"seed", "N", "seed of the conv weights (N(0, 2/K), bias 0) and of the word vector (default 0)"},
          {"format", "F", "json | csv (csv: the output matrix; default json)"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
