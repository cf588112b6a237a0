// Implementation of posenc/alibi.hpp: validation, then loops over kernels/alibi.hpp.
#include "posenc/alibi.hpp"

#include <string>

#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc {

std::vector<double> alibi_slopes(std::int64_t heads) {
  require_int("heads", heads, 1, kMaxHeads);
  std::vector<double> m(static_cast<std::size_t>(heads));
  for (std::int64_t h = 0; h < heads; ++h) m[static_cast<std::size_t>(h)] = kernels::alibi_slope(h, heads);
  return m;
}

HeadMatrices alibi_bias(std::int64_t heads, std::int64_t length, bool symmetric) {
  require_int("heads", heads, 1, kMaxHeads);
  require_int("length", length, 1, kMaxLength);
  require_output_size("length",
                      static_cast<double>(heads) * static_cast<double>(length) * static_cast<double>(length),
                      "heads x length x length = " + std::to_string(heads) + " x " + std::to_string(length) +
                          " x " + std::to_string(length));
  HeadMatrices out(static_cast<std::size_t>(heads));
  for (std::int64_t h = 0; h < heads; ++h) {
    const double slope = kernels::alibi_slope(h, heads);
    Matrix& b = out[static_cast<std::size_t>(h)];
    b.resize(length, length);
    for (std::int64_t i = 0; i < length; ++i)
      for (std::int64_t j = 0; j < length; ++j) b(i, j) = kernels::alibi_bias(slope, i, j, symmetric);
  }
  return out;
}

}  // namespace posenc
