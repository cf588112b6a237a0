// Internal to the attention implementation: what attention.cpp (the fast path) and
// attention_reference.cpp share. Not a public header.
#pragma once

#include <cstdint>
#include <utility>

#include "posenc/attention.hpp"

namespace posenc::detail {

/// The sizes of one call: H heads, Lq queries, Lk keys, d (q, k) and dv (v) widths.
struct AttentionShape {
  std::int64_t heads = 0, queries = 0, keys = 0, dim = 0, value_dim = 0;
};

/// Validates every argument of attention() / attention_reference() (see the doc
/// comment of attention()) and returns the sizes.
AttentionShape check_attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                               const AttentionConfig& config, AttentionRequest request);

/// The same for one head `head` of `heads` (attention_head()).
AttentionShape check_attention_head(const Matrix& q, const Matrix& k, const Matrix& v, std::int64_t head,
                                    std::int64_t heads, const AttentionConfig& config, AttentionRequest request);

/// The logit scale: config.scale, or 1/sqrt(d) when it is 0; times the RoPE
/// attention factor squared for rope (1 except yarn).
double logit_scale(const AttentionConfig& config, std::int64_t dim);

/// The rope options attention uses: config.rope with seq_len raised to the number
/// of positions seen (key_start + Lk) when it is smaller, so that dynamic NTK
/// scaling reacts to the current length as HF's dynamic rotary embedding does.
RopeOptions attention_rope_options(const AttentionConfig& config, const AttentionShape& shape);

/// Runs head_fn(h) -> HeadAttention for h = 0 .. H-1 and gathers the results.
template <class HeadFn>
AttentionResult gather_heads(std::int64_t heads, AttentionRequest request, HeadFn&& head_fn) {
  AttentionResult result;
  for (std::int64_t h = 0; h < heads; ++h) {
    HeadAttention r = head_fn(h);
    result.output.push_back(std::move(r.output));
    if (request.weights) result.weights.push_back(std::move(r.weights));
    if (request.scores) result.scores.push_back(std::move(r.scores));
  }
  return result;
}

}  // namespace posenc::detail
