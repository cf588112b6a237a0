// posenc/embed.hpp: what a Transformer's first layer sees, the word embedding plus
// the position's vector (Vaswani et al. 2017, section 3.5: "we add positional
// encodings to the input embeddings"), for a sentence of L distinct words.
//
//   w_i ~ N(0, s^2) i.i.d. per entry     (one word per position; s = word_scale)
//   e_i = w_i + p_i                      (p_i: any absolute scheme, `none` included)
//   norm_ratio_i = ||p_i|| / ||w_i||     cosine_i = <e_i, w_i> / (||e_i|| ||w_i||)
//
// The sum keeps the word while norm_ratio is small (cosine near 1); for `index`
// (p_ij = i) the ratio grows like i / s and the cosine falls toward 0: the
// position swamps the word (the source notebook's "Naive Methods").
#pragma once

#include <cstdint>

#include "posenc/encode.hpp"
#include "posenc/types.hpp"

namespace posenc {

struct EmbedOptions {
  EncodeOptions encode;       ///< scheme, L, D and the scheme's options
  double word_scale = 1.0;    ///< s in [1e-30, 1e6] (PyTorch nn.Embedding initializes N(0, 1))
  std::uint64_t word_seed = 0;
};

struct Embedding {
  Matrix word;          ///< L x D, w_i: Rng(word_seed, Stream::embed_words).normal(0, s), row by row
  Matrix position;      ///< L x D, p_i = encode(opts.encode)
  Matrix sum;           ///< L x D, e_i = w_i + p_i, added in float32
  Vector norm_ratio;    ///< L, ||p_i|| / ||w_i|| in double (NaN if w_i = 0)
  Vector cosine;        ///< L, cos(e_i, w_i) in double (NaN if e_i or w_i = 0)
};

/// The three L x D matrices and the per-position ratios above. Throws
/// posenc::Error for word_scale outside [kMinWordScale = 1e-30, 1e6], for 3 x L x D values over the
/// 1 GiB output limit, or for anything encode() rejects.
Embedding embed(const EmbedOptions& opts);

}  // namespace posenc
