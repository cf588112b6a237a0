// posenc attention: multi-head attention (posenc/attention.hpp) on seeded random
// Q, K, V with a position scheme, the numbers behind the attention figures.
//
//   {"output": [H][L][d], "weights": [H][L][L], "scores": [H][L][L],
//    "q": [H][L][d], "k": [H][L][d], "v": [H][L][d]}
//
// Only "output" is always there: weights with --weights, scores (logits before the
// softmax, masked entries null) with --scores, q/k/v with --inputs (after --permute
// and any absolute encoding, before RoPE). Every query and key position is shifted
// by --offset P (query_start = key_start = P).
//
// An absolute scheme (index, normalized, random, learned, sinusoidal) is added to
// the inputs upstream: rows P..P+L-1 of encode(length P + L, width d) are added to
// Q, K and V of every head, and attention runs with scheme none.
//
// Memory: without --weights/--scores one head is held at a time (draw it, attend,
// write its rows, drop it), so L = 32768, H = 8, d = 64 needs tens of MB. Head 0 is
// computed completely before the first byte is written: it checks the whole
// configuration against real shapes, and the later heads share it.
#include <ostream>
#include <string>
#include <vector>

#include "attention_inputs.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "posenc/attention.hpp"
#include "posenc/encode.hpp"
#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "rope_options.hpp"

namespace posenc::cli {
namespace {

const std::vector<std::string_view>& scheme_names() {
  static const std::vector<std::string_view> names = {"none",     "rope",  "alibi",      "t5",     "fire",
                                                      "relative", "relative-bias", "index", "normalized",
                                                      "random",   "learned",       "sinusoidal"};
  return names;
}

// The schemes that read each scheme-specific option; giving it to another scheme is
// an error (it would be silently ignored otherwise).
struct SchemeOption {
  std::string_view name;
  std::vector<std::string_view> used_by;
};

const std::vector<SchemeOption>& scheme_options() {
  static const std::vector<SchemeOption> opts = [] {
    std::vector<SchemeOption> v = {
        {"pairing", {"rope"}},
        {"num-buckets", {"t5"}},
        {"max-distance", {"t5"}},
        {"c", {"fire"}},
        {"threshold", {"fire"}},
        {"eps", {"fire"}},
        {"hidden", {"fire"}},
        {"clip", {"relative", "relative-bias"}},
        {"init-std", {"t5", "relative", "relative-bias"}},
        {"layout", {"sinusoidal"}},
        {"spacing", {"sinusoidal"}},
        {"max-length", {"learned"}},
    };
    for (auto name : rope_frequency_option_names())
      v.push_back({name, name == "base" ? std::vector<std::string_view>{"rope", "sinusoidal"}
                                        : std::vector<std::string_view>{"rope"}});
    return v;
  }();
  return opts;
}

void reject_other_schemes_options(const Args& a, std::string_view scheme) {
  for (const auto& opt : scheme_options()) {
    std::string users;
    bool used = false;
    for (auto s : opt.used_by) {
      used = used || s == scheme;
      users += (users.empty() ? "" : " | ") + std::string(s);
    }
    if (!used) reject_unused_option(a, opt.name, "scheme", scheme, users);
  }
}

std::string shape(std::int64_t a, std::int64_t b, std::int64_t c) {
  return std::to_string(a) + " x " + std::to_string(b) + " x " + std::to_string(c);
}

// Everything the run needs, validated.
struct Setup {
  std::int64_t heads = 0;
  std::uint64_t seed = 0;
  bool inputs = false;
  AttentionConfig config;
  AttentionRequest request;
  InputLayout layout;
};

// Rows offset..offset+L-1 of the absolute encoding of length offset + L.
Matrix absolute_rows(const Args& a, Scheme scheme, std::int64_t offset, std::int64_t length, std::int64_t dim,
                     std::uint64_t seed) {
  EncodeOptions o;
  o.scheme = scheme;
  o.length = offset + length;
  o.dim = dim;
  o.seed = seed;
  o.sinusoid.layout = parse_layout(a.choice("layout", "interleaved", {"interleaved", "concat"}));
  o.sinusoid.spacing = parse_spacing(a.choice("spacing", "paper", {"paper", "endpoint"}));
  o.sinusoid.base = a.number("base", 10000.0, 1.0, 1e12, /*lo_open=*/true);
  o.max_length = a.integer("max-length", o.length, 1, kMaxLength);
  if (o.length > kMaxLength) {
    throw Error("offset", std::to_string(offset),
                "integer in [0, " + std::to_string(kMaxLength - length) +
                    "] with an absolute scheme (offset + length <= " + std::to_string(kMaxLength) +
                    ", the positions it encodes)");
  }
  Matrix p;
  try {
    p = encode(o);
  } catch (const Error& e) {
    // The encoded length is offset + L: past a limit (learned's table) with an
    // offset, blame the offset.
    if (e.arg() != "length" || offset == 0) throw;
    throw Error("offset", std::to_string(offset) + " (encoded length offset + length = " + e.got() + ")",
                "offset + length " + e.allowed());
  }
  return p.bottomRows(length);
}

Setup read_setup(const Args& a) {
  Setup s;
  const std::string scheme = a.choice("scheme", std::nullopt, scheme_names());
  const std::int64_t length = a.integer("length", std::nullopt, 1, kMaxLength);
  s.heads = a.integer("heads", std::nullopt, 1, kMaxHeads);
  const std::int64_t dim = a.integer("dim", std::nullopt, 1, kMaxDim);
  const std::int64_t offset = a.integer("offset", 0, 0, kMaxPosition - (length - 1));
  s.seed = static_cast<std::uint64_t>(a.integer("seed", 0, 0, kMaxSeed));
  s.request.weights = a.flag("weights");
  s.request.scores = a.flag("scores");
  s.inputs = a.flag("inputs");
  reject_other_schemes_options(a, scheme);

  // Sizes first, before anything is drawn: the document's arrays are H x L x d (and
  // 3 more with --inputs) and, with --weights / --scores, H x L x L held at once.
  const double h = static_cast<double>(s.heads), l = static_cast<double>(length), d = static_cast<double>(dim);
  require_output_size("length", h * l * d, "heads x length x dim = " + shape(s.heads, length, dim));
  if (s.inputs)
    require_output_size("inputs", 3 * h * l * d, "q, k, v: 3 x heads x length x dim = 3 x " + shape(s.heads, length, dim));
  const std::string square = "heads x length x length = " + shape(s.heads, length, length);
  if (s.request.weights) require_output_size("weights", h * l * l, square);
  if (s.request.scores) require_output_size("scores", h * l * l, square);

  s.layout.length = length;
  s.layout.dim = dim;
  if (a.has("permute")) {
    s.layout.permutation = a.integer_list("permute", -kMaxLength, kMaxLength, static_cast<std::size_t>(kMaxLength));
    check_permutation(s.layout.permutation, length);
  }

  AttentionConfig& c = s.config;
  c.causal = a.flag("causal");
  c.query_start = c.key_start = offset;
  const float init_std = static_cast<float>(a.number("init-std", 1.0, 0.0, 10.0, /*lo_open=*/true));
  bool absolute = false;
  for (Scheme abs : absolute_schemes())
    if (abs != Scheme::none && scheme_name(abs) == scheme) {
      absolute = true;
      s.layout.added = absolute_rows(a, abs, offset, length, dim, s.seed);
    }
  if (absolute) return s;  // scheme none on encoded inputs

  const AttentionScheme attention_scheme = parse_attention_scheme(scheme);
  SeededTables tables;
  tables.std = init_std;
  if (attention_scheme == AttentionScheme::t5) {
    tables.num_buckets = a.integer("num-buckets", 32, 2, kMaxBuckets);
    tables.max_distance = a.integer("max-distance", 128, 1, kMaxPosition);
  }
  if (attention_scheme == AttentionScheme::fire) tables.fire_hidden = a.integer("hidden", 32, 1, kMaxFireHidden);
  if (attention_scheme == AttentionScheme::relative || attention_scheme == AttentionScheme::relative_bias)
    tables.clip = a.integer("clip", 16, 0, kMaxLength);
  if (attention_scheme == AttentionScheme::rope) {
    c.rope = read_rope_frequency_options(a);
    c.rope.pairing = parse_pairing(a.choice("pairing", "half", {"half", "interleaved"}));
    rope_frequencies(dim, c.rope);  // an odd --dim, a bad --partial: before anything is drawn
  }
  if (attention_scheme == AttentionScheme::fire) {
    c.fire_options.c = a.number("c", 0.1, kMinFireC, 1e6);
    c.fire_options.threshold = a.number("threshold", 512.0, 1.0, static_cast<double>(kMaxPosition));
    c.fire_options.eps = a.number("eps", 0.0, 0.0, 1.0);
  }
  // The seeded tables, then the options read above (mask, positions, rope, fire).
  AttentionConfig seeded = seeded_attention_config(attention_scheme, s.heads, dim, c.causal, s.seed, tables);
  seeded.query_start = c.query_start;
  seeded.key_start = c.key_start;
  seeded.rope = c.rope;
  seeded.fire_options = c.fire_options;
  c = std::move(seeded);
  return s;
}

int run(const Args& a, Output& output) {
  const Setup s = read_setup(a);
  InputStream q(s.layout, s.seed, Stream::attention_q);
  InputStream k(s.layout, s.seed, Stream::attention_k);
  InputStream v(s.layout, s.seed, Stream::attention_v);
  auto next = [&](std::int64_t h) {
    const Matrix qh = q.next_head(), kh = k.next_head(), vh = v.next_head();
    return attention_head(qh, kh, vh, h, s.heads, s.config, s.request);
  };
  HeadAttention head = next(0);  // the last point where an error can stop the run

  Document& j = output.document;
  j.begin_object().key("output").begin_array();
  HeadMatrices weights, scores;
  for (std::int64_t h = 0; h < s.heads; ++h) {
    if (h > 0) head = next(h);
    j.matrix(head.output);
    if (s.request.weights) weights.push_back(std::move(head.weights));
    if (s.request.scores) scores.push_back(std::move(head.scores));
  }
  j.end_array();
  if (s.request.weights) j.key("weights").heads(weights);
  weights = {};
  if (s.request.scores) j.key("scores").heads(scores);
  scores = {};
  if (s.inputs) {
    // Redrawn rather than kept: each stream gives the same heads again.
    const std::pair<const char*, Stream> tensors[] = {
        {"q", Stream::attention_q}, {"k", Stream::attention_k}, {"v", Stream::attention_v}};
    for (const auto& [name, stream] : tensors) {
      InputStream again(s.layout, s.seed, stream);
      j.key(name).begin_array();
      for (std::int64_t h = 0; h < s.heads; ++h) j.matrix(again.next_head());
      j.end_array();
    }
  }
  j.end_object().finish();
  return 0;
}

std::vector<OptionSpec> options() {
  std::vector<OptionSpec> v = {
      {"scheme", "S",
       "none | rope | alibi | t5 | fire | relative | relative-bias (in attention), or index | normalized | random | "
       "learned | sinusoidal (added to Q, K, V upstream) (required)"},
      {"length", "L", "sequence length: queries and keys at positions P..P+L-1 (required; 1..1048576)"},
      {"heads", "H", "number of heads (required; 1..1024)"},
      {"dim", "d", "head width of q, k, v (required; 1..65536; rope: rotary width even)"},
      {"causal", "", "mask keys after the query (pk > pq); t5: causal buckets"},
      {"offset", "P", "shift every query and key position by P (default 0; P + L - 1 <= 2^40)"},
      {"seed", "N", "seed of Q, K, V (N(0, 1)) and of the scheme's tables, 0..2^53-1 (default 0)"},
      {"permute", "p0,...", "tokens in the order p_0..p_{L-1} (a permutation of 0..L-1); positions stay in order"},
      {"weights", "", "also output the softmax weights, [H][L][L] (held in memory: at most 1 GiB)"},
      {"scores", "", "also output the logits before the softmax, [H][L][L]; masked entries null"},
      {"inputs", "", "also output q, k, v, [H][L][d] each (after --permute and an absolute encoding, before RoPE)"},
      {"pairing", "P",
       "rope: half (GPT-NeoX, HF rotate_half) | interleaved (RoFormer, GPT-J, Meta Llama) (default half)"},
  };
  v = with_rope_frequency_options(std::move(v));
  for (auto& o : v)
    if (o.name == "base") o.help = "rope: RoPE base (HF rope_theta); sinusoidal: wavelength base; > 1 (default 10000)";
  const std::vector<OptionSpec> rest = {
      {"num-buckets", "B", "t5: buckets in all (default 32); bidirectional: even, >= 4; causal: >= 2"},
      {"max-distance", "M", "t5: cap: every distance >= M is in the last bucket (default 128)"},
      {"c", "C", "fire: psi(x) = log(c x + 1), c in [1e-30, 1e6] (default 0.1)"},
      {"threshold", "T", "fire: L_thr, the normalizer is psi(max(i, L_thr)); >= 1 (default 512)"},
      {"eps", "E", "fire: added to the normalizer, in [0, 1] (default 0)"},
      {"hidden", "W", "fire: MLP width, 1..4096 (default 32)"},
      {"clip", "K", "relative, relative-bias: clip distances to [-K, K], 0..1048576 (default 16)"},
      {"init-std", "S", "t5, relative, relative-bias: std of the seeded tables, in (0, 10] (default 1)"},
      {"layout", "X", "sinusoidal: interleaved (paper) | concat ([sin | cos]); default interleaved"},
      {"spacing", "X", "sinusoidal: paper (base^(-2i/D)) | endpoint (last is 1/base); default paper"},
      {"max-length", "M", "learned: table size; P + L > M is an error (default P + L)"},
  };
  v.insert(v.end(), rest.begin(), rest.end());
  return v;
}

}  // namespace

const CommandSpec& attention_command() {
  static const CommandSpec spec{
      "attention",
      "Multi-head attention on seeded N(0, 1) Q, K, V with a position scheme: the [H][L][d] output, and on request "
      "the weights, the logits and the inputs.",
      options(), run};
  return spec;
}

}  // namespace posenc::cli
