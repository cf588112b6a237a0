// Implementation of posenc/embed.hpp.
#include "posenc/embed.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"

namespace posenc {

Embedding embed(const EmbedOptions& opts) {
  const EncodeOptions& o = opts.encode;
  require_int("length", o.length, 1, kMaxLength);
  require_int("dim", o.dim, 1, kMaxDim);
  require_real("word_scale", opts.word_scale, kMinWordScale, 1e6);
  require_output_size("length", 3.0 * static_cast<double>(o.length) * static_cast<double>(o.dim),
                      "3 x length x dim = 3 x " + std::to_string(o.length) + " x " + std::to_string(o.dim));

  Embedding e;
  e.position = encode(o);
  e.word.resize(o.length, o.dim);
  Rng rng(opts.word_seed, Stream::embed_words);
  const float s = static_cast<float>(opts.word_scale);
  for (std::int64_t i = 0; i < o.length; ++i)
    for (std::int64_t k = 0; k < o.dim; ++k) e.word(i, k) = rng.normal(0.0f, s);
  e.sum = e.word + e.position;

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  e.norm_ratio.resize(o.length);
  e.cosine.resize(o.length);
  for (std::int64_t i = 0; i < o.length; ++i) {
    const Eigen::RowVectorXd w = e.word.row(i).cast<double>();
    const Eigen::RowVectorXd x = e.sum.row(i).cast<double>();
    const double nw = w.norm(), nx = x.norm();
    e.norm_ratio[i] = static_cast<float>(nw > 0 ? e.position.row(i).cast<double>().norm() / nw : nan);
    e.cosine[i] = static_cast<float>(nw > 0 && nx > 0 ? x.dot(w) / (nx * nw) : nan);
  }
  return e;
}

}  // namespace posenc
