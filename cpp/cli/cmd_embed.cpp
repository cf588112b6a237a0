// posenc embed: seeded word vectors w_i, an absolute scheme's p_i and their sum
// e_i = w_i + p_i, with ||p_i|| / ||w_i|| and cos(e_i, w_i) per position (the
// sum-of-embeddings and naive-index widgets).
#include <ostream>

#include "commands.hpp"
#include "encode_options.hpp"
#include "json.hpp"
#include "posenc/embed.hpp"
#include "posenc/limits.hpp"

namespace posenc::cli {
namespace {

// Long form: one row per (position, dimension).
void write_embed_csv(std::ostream& out, const Embedding& e) {
  out << "i,d,word,position,sum\n";
  for (Eigen::Index i = 0; i < e.word.rows(); ++i) {
    for (Eigen::Index k = 0; k < e.word.cols(); ++k) {
      out << i << ',' << k << ',';
      write_number(out, e.word(i, k));
      out << ',';
      write_number(out, e.position(i, k));
      out << ',';
      write_number(out, e.sum(i, k));
      out << '\n';
    }
  }
}

int run(const Args& a, Output& output) {
  EmbedOptions o;
  o.encode = parse_encode_options(a);
  o.word_scale = a.number("word-scale", 1.0, kMinWordScale, 1e6);
  o.word_seed = static_cast<std::uint64_t>(a.integer("word-seed", 0, 0, kMaxSeed));
  const bool csv = a.csv();
  const Embedding e = embed(o);
  if (csv) {
    write_embed_csv(output.text, e);
    return 0;
  }
  Document& j = output.document;
  j.begin_object();
  write_encode_options(j, o.encode);
  j.key("word_scale").number(o.word_scale).key("word_seed").integer(static_cast<std::int64_t>(o.word_seed));
  j.key("word").matrix(e.word).key("position").matrix(e.position).key("sum").matrix(e.sum);
  j.key("norm_ratio").vector(e.norm_ratio).key("cosine").vector(e.cosine);
  j.end_object().finish();
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> v = encode_option_specs();
  v[1].help = "number of positions, one word each (required; 1..1048576; 3 x L x D output at most 1 GiB)";
  v.push_back({"word-scale", "S", "std s of the word vectors w_i ~ N(0, s^2), in [1e-30, 1e6] (default 1, nn.Embedding's init)"});
  v.push_back({"word-seed", "N", "seed of the word vectors, 0..2^53-1 (default 0)"});
  v.push_back({"format", "F", "json | csv (i,d,word,position,sum) (default json)"});
  return v;
}

}  // namespace

const CommandSpec& embed_command() {
  static const CommandSpec spec{
      "embed", "Word vectors plus an absolute scheme's vectors, e_i = w_i + p_i, and how much of the word is left.",
      options(), run};
  return spec;
}

}  // namespace posenc::cli
