// posenc relative: the L x L relative distances j - i and the table indices they
// select (Shaw et al. 2018), for the relative-position matrix figures.
//
//   {"length":L, "clip":K, "distance":[[...]], "index":[[...]], "unique":N}
//
// With --clip K, index = clip(j - i, -K, K) + K (0..2K; "clip" is in the output).
// Without it, index = j - i + (L - 1) (0..2L-2: one row per distinct distance).
// --format csv gives a long table: i,j,distance,index.
#include <ostream>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/limits.hpp"
#include "posenc/relative.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  const std::int64_t length = a.integer("length", std::nullopt, 1, kMaxLength);
  const bool clipped = a.has("clip");
  const std::int64_t clip = clipped ? a.integer("clip", std::nullopt, 0, kMaxLength) : length - 1;
  const bool csv = a.csv();
  const IMatrix distance = relative_distances(length);
  const IMatrix index = relative_indices(length, clip);
  const std::int64_t unique = relative_unique_count(length, clip);
  if (csv) {
    out << "i,j,distance,index\n";
    for (std::int64_t i = 0; i < length; ++i)
      for (std::int64_t j = 0; j < length; ++j)
        out << i << ',' << j << ',' << distance(i, j) << ',' << index(i, j) << '\n';
    return 0;
  }
  Document& j = output.document;
  j.begin_object().key("length").integer(length);
  if (clipped) j.key("clip").integer(clip);
  j.key("distance").imatrix(distance).key("index").imatrix(index).key("unique").integer(unique);
  j.end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& relative_command() {
  static const CommandSpec spec{
      "relative",
      "Relative positions j - i (key minus query) of an L x L attention matrix, and Shaw et al.'s table indices.",
      {
          {"length", "L", "number of positions, 0..L-1 (required; 1..1048576; L x L output)"},
          {"clip", "K", "Shaw clipping distance k >= 0: index = clip(j - i, -k, k) + k in 0..2k (2k+1 encodings); "
                        "without it, index = j - i + L - 1"},
          {"format", "F", "json | csv (csv: one row per (i, j): i,j,distance,index); default json"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
