// posenc t5-bucket: T5's relative-position bucket of each given relative position
// (bit-exact with HF transformers T5Attention._relative_position_bucket).
//
//   {"num_buckets":B, "max_distance":M, "causal":false, "positions":[...], "buckets":[...]}
#include <ostream>

#include "commands.hpp"
#include "json.hpp"
#include "posenc/limits.hpp"
#include "posenc/t5.hpp"

namespace posenc::cli {
namespace {

int run(const Args& a, Output& output) {
  std::ostream& out = output.text;
  T5Options o;
  const auto positions = a.integer_list("positions", -kMaxPosition, kMaxPosition, static_cast<std::size_t>(kMaxLength));
  o.num_buckets = a.integer("num-buckets", 32, 2, kMaxBuckets);
  o.max_distance = a.integer("max-distance", 128, 1, kMaxPosition);
  o.causal = a.flag("causal");
  const bool csv = a.csv();
  const std::vector<std::int64_t> buckets = t5_buckets(positions, o);
  if (csv) {
    out << "position,bucket\n";
    for (std::size_t k = 0; k < positions.size(); ++k) out << positions[k] << ',' << buckets[k] << '\n';
    return 0;
  }
  Document& j = output.document;
  j.begin_object().key("num_buckets").integer(o.num_buckets).key("max_distance").integer(o.max_distance);
  j.key("causal").boolean(o.causal).key("positions").integers(positions).key("buckets").integers(buckets);
  j.end_object().finish();
  return 0;
}

}  // namespace

const CommandSpec& t5_bucket_command() {
  static const CommandSpec spec{
      "t5-bucket",
      "T5 relative-position buckets (HF T5Attention._relative_position_bucket), one per relative position.",
      {
          {"positions", "R1,R2,...", "relative positions r = key - query (j - i), comma-separated (required; "
                                     "|r| <= 2^40); r < 0: the key is before the query"},
          {"num-buckets", "B", "buckets in all (default 32); bidirectional: even, >= 4 (B/2 per side); causal: >= 2"},
          {"max-distance", "M", "cap: every distance >= M is in the last bucket (log rounding may reach it sooner), > max_exact = B/4 (B/2 causal) (default 128)"},
          {"causal", "", "decoder buckets: only r <= 0 is resolved, every r > 0 is bucket 0 (default: bidirectional)"},
          {"format", "F", "json | csv (csv: position,bucket); default json"},
      },
      run};
  return spec;
}

}  // namespace posenc::cli
