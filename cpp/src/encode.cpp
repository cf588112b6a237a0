// Implementation of posenc/encode.hpp.
#include "posenc/encode.hpp"

#include "posenc/learned.hpp"
#include "posenc/naive.hpp"
#include "posenc/nope.hpp"

namespace posenc {

Matrix encode(const EncodeOptions& o) {
  switch (o.scheme) {
    case Scheme::none: return none_encoding(o.length, o.dim);
    case Scheme::index: return index_encoding(o.length, o.dim);
    case Scheme::normalized: return normalized_encoding(o.length, o.dim);
    case Scheme::random: return random_encoding(o.length, o.dim, o.seed);
    case Scheme::learned:
      return learned_encoding(o.length, o.dim, o.max_length == 0 ? o.length : o.max_length, o.seed);
    case Scheme::sinusoidal: return sinusoidal_encoding(o.length, o.dim, o.sinusoid);
    default: break;
  }
  // Relative schemes have no per-position vector; say which ones do.
  parse_scheme(scheme_name(o.scheme), absolute_schemes());
  return {};
}

}  // namespace posenc
