// posenc similarity: the L x L matrix of dot products (or cosines) between the
// encodings of every two positions, and its statistics per offset j - i (the
// sinusoidal-similarity, naive-random and orthogonality widgets).
#include <ostream>

#include "commands.hpp"
#include "encode_options.hpp"
#include "json.hpp"
#include "posenc/similarity.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  SimilarityOptions o;
  o.encode = parse_encode_options(a, 2, kMaxSimilarityLength);
  o.measure = parse_measure(a.choice("measure", "dot", {"dot", "cosine"}));
  const bool csv = a.csv();
  const Similarity s = similarity(o);
  if (csv) {
    write_csv(output.text, s.matrix, "i", "j");
    return 0;
  }
  Document& j = output.document;
  j.begin_object();
  write_encode_options(j, o.encode);
  j.key("measure").string(o.measure == SimilarityMeasure::dot ? "dot" : "cosine");
  j.key("similarity").matrix(s.matrix);
  j.key("by_offset").begin_object().key("offset").integers(s.by_offset.offset);
  j.key("pairs").integers(s.by_offset.pairs).key("mean").numbers(s.by_offset.mean);
  j.key("min").numbers(s.by_offset.min).key("max").numbers(s.by_offset.max).end_object();
  j.end_object().finish();
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> v = encode_option_specs();
  v[1].help = "number of positions (required; 2..4096: L x L output, O(L^2 D) work)";
  v.push_back({"measure", "M",
               "dot (<p_i, p_j>) | cosine (<p_i, p_j> / (|p_i| |p_j|); null where a row is 0); default dot"});
  v.push_back({"format", "F", "json | csv (i,j0,j1,...: the matrix) (default json)"});
  return v;
}

}  // namespace

const CommandSpec& similarity_command() {
  static const CommandSpec spec{
      "similarity", "Dot products (or cosines) of every two positions' encodings, and their spread per offset.",
      options(), run};
  return spec;
}

}  // namespace posenc::cli
