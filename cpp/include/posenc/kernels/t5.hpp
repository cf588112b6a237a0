// posenc/kernels/t5.hpp: the T5 relative-position bucket of one relative position.
//
// Raffel et al. 2020 (T5), section 2.1; the definition is the code: mesh_tensorflow
// transformer_layers._relative_position_bucket, ported as HF transformers
// T5Attention._relative_position_bucket (modeling_t5.py). With r = key - query
// (memory_position - context_position), B = num_buckets, M = max_distance:
//
//   bidirectional: B' = B / 2, offset = (r > 0) ? B' : 0, n = |r|
//   causal:        B' = B,     offset = 0,                n = max(-r, 0)
//   e = B' / 2                                   (max_exact, floor division)
//   bucket = offset + n                                                if n < e
//   bucket = offset + min(e + trunc(log(n / e) / log(M / e) * (B' - e)), B' - 1)  otherwise
//
//        n:  0 1 2 .. e-1 | e ........ M ........ inf
//   bucket:  0 1 2 .. e-1 | e .. (log-spaced) .. B'-1    (+ offset)
//
// The log branch is evaluated in float32, as both references do (HF:
// `torch.log(n.float() / e) / math.log(M / e) * (B' - e)`, then `.to(torch.long)`):
// n / e is rounded to float32, its log rounded to float32, divided by
// float32(log(M / e)) (computed in double, like Python's math.log), multiplied by
// float32(B' - e), then truncated toward zero. Where the exact value is an integer
// (a bucket boundary) float32 and double can land on different sides: e.g. causal
// B = 9, M = 128, r = -8 gives log(2)/log(32)*5 = 1 exactly; float32 gives bucket 5
// (as torch does), double gives 4. log is taken in double and rounded to float32
// once (a correctly rounded logf, the same on every C library and under nvcc);
// checked equal to torch 1.13's float32 log for every |r| <= 5000 in the configs of
// tests/reference/t5_buckets.py. The log branch only runs when n >= e >= 1, so
// log(0) is never evaluated.
#pragma once

#include <cmath>

#include "posenc/kernels/common.hpp"

namespace posenc::kernels {

/// float32(log(M / e)), the divisor of the log branch (Python's math.log in double,
/// then rounded to float32 by torch's type promotion). Requires max_distance > e >= 1.
POSENC_HD float t5_log_ratio(long long max_exact, long long max_distance) {
  return static_cast<float>(log(static_cast<double>(max_distance) / static_cast<double>(max_exact)));
}

/// The bucket of relative position r = key - query. Preconditions (checked by the
/// drivers, see posenc/t5.hpp): causal: num_buckets >= 2; bidirectional: num_buckets
/// even and >= 4; max_distance > max_exact.
POSENC_HD long long t5_bucket(long long relative_position, long long num_buckets, long long max_distance,
                              bool causal) {
  long long per_side = num_buckets;
  long long offset = 0;
  long long n = 0;
  if (causal) {
    n = relative_position < 0 ? -relative_position : 0;
  } else {
    per_side = num_buckets / 2;
    offset = relative_position > 0 ? per_side : 0;
    n = relative_position < 0 ? -relative_position : relative_position;
  }
  const long long max_exact = per_side / 2;
  if (n < max_exact) return offset + n;
  const float ratio = static_cast<float>(n) / static_cast<float>(max_exact);
  const float log_n = static_cast<float>(log(static_cast<double>(ratio)));
  const float scaled = log_n / t5_log_ratio(max_exact, max_distance) * static_cast<float>(per_side - max_exact);
  // scaled >= 0 and far below 2^63 for the sizes the drivers allow (log n <= 28.5
  // for |r| <= 2^41; the divisor is >= ~1/e): the cast truncates toward zero, as torch's.
  const long long large = max_exact + static_cast<long long>(scaled);
  return offset + (large < per_side - 1 ? large : per_side - 1);
}

/// T5's attention bias for query position i, key position j: the head's learned
/// scalar for the bucket of r = j - i, table_row[t5_bucket(j - i)] (HF
/// T5Attention.compute_bias: relative_attention_bias(bucket)). table_row holds the
/// head's num_buckets values.
POSENC_HD float t5_bias(const float* table_row, long long i, long long j, long long num_buckets,
                        long long max_distance, bool causal) {
  return table_row[t5_bucket(j - i, num_buckets, max_distance, causal)];
}

}  // namespace posenc::kernels
