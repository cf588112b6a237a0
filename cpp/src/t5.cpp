// Implementation of posenc/t5.hpp: validation, then loops over kernels/t5.hpp.
#include "posenc/t5.hpp"

#include <string>

#include "posenc/error.hpp"

namespace posenc {

std::int64_t t5_max_exact(const T5Options& o) {
  if (o.causal) {
    require_int("num_buckets", o.num_buckets, 2, kMaxBuckets);
    return o.num_buckets / 2;
  }
  // Bidirectional halves B between the two sides, and each side needs max_exact >= 1
  // (else the log branch would divide by zero). An odd B would leave a bucket unused.
  if (o.num_buckets < 4 || o.num_buckets > kMaxBuckets || o.num_buckets % 2 != 0) {
    throw Error("num_buckets", format_value(o.num_buckets),
                "even integer in [4, " + format_value(kMaxBuckets) +
                    "] for bidirectional buckets (causal allows any integer in [2, " +
                    format_value(kMaxBuckets) + "])");
  }
  return o.num_buckets / 4;
}

void check_t5_options(const T5Options& o) {
  const std::int64_t max_exact = t5_max_exact(o);
  if (o.max_distance <= max_exact || o.max_distance > kMaxPosition) {
    throw Error("max_distance", format_value(o.max_distance),
                "integer in [" + format_value(max_exact + 1) + ", " + format_value(kMaxPosition) +
                    "] (more than max_exact = " + format_value(max_exact) + " for num_buckets = " +
                    format_value(o.num_buckets) + (o.causal ? ", causal" : ", bidirectional") +
                    "; else log(max_distance / max_exact) <= 0)");
  }
}

std::int64_t t5_bucket(std::int64_t relative_position, const T5Options& opts) {
  check_t5_options(opts);
  require_int("relative_position", relative_position, -kMaxPosition, kMaxPosition);
  return kernels::t5_bucket(relative_position, opts.num_buckets, opts.max_distance, opts.causal);
}

std::vector<std::int64_t> t5_buckets(const std::vector<std::int64_t>& relative_positions, const T5Options& opts) {
  check_t5_options(opts);
  const auto count = static_cast<std::int64_t>(relative_positions.size());
  if (count < 1 || count > kMaxLength) {
    throw Error("relative_positions", format_value(count) + " values",
                "between 1 and " + format_value(kMaxLength) + " values");
  }
  std::vector<std::int64_t> out(relative_positions.size());
  for (std::size_t k = 0; k < relative_positions.size(); ++k) {
    const std::int64_t r = relative_positions[k];
    if (r < -kMaxPosition || r > kMaxPosition) {
      throw Error("relative_positions", format_value(r) + " (at index " + std::to_string(k) + ")",
                  "integers in [" + format_value(-kMaxPosition) + ", " + format_value(kMaxPosition) + "]");
    }
    out[k] = kernels::t5_bucket(r, opts.num_buckets, opts.max_distance, opts.causal);
  }
  return out;
}

IMatrix t5_bucket_matrix(std::int64_t length, const T5Options& opts) {
  require_int("length", length, 1, kMaxLength);
  require_output_size("length", static_cast<double>(length) * static_cast<double>(length),
                      "length x length = " + std::to_string(length) + " x " + std::to_string(length) + " (int64)",
                      /*value_bytes=*/8);
  check_t5_options(opts);
  IMatrix b(length, length);
  for (std::int64_t i = 0; i < length; ++i)
    for (std::int64_t j = 0; j < length; ++j)
      b(i, j) = kernels::t5_bucket(j - i, opts.num_buckets, opts.max_distance, opts.causal);
  return b;
}

}  // namespace posenc
