// Implementation of cli/limits_table.hpp.
#include "limits_table.hpp"

#include <array>
#include <cstdint>

#include "posenc/fire.hpp"
#include "posenc/limits.hpp"
#include "posenc/metrics.hpp"
#include "posenc/similarity.hpp"
#include "posenc/train/config.hpp"

namespace posenc::cli {

namespace {

constexpr double d(std::int64_t v) { return static_cast<double>(v); }

constexpr std::array kLimits = {
    Limit{"max_length", d(kMaxLength), "L, positions 0..L-1: every command with --length"},
    Limit{"max_dim", d(kMaxDim), "D, model or head width: every command with --dim"},
    Limit{"max_heads", d(kMaxHeads), "H: alibi, fire, attention"},
    Limit{"max_output_bytes", kMaxOutputBytes, "one call's output as float32 (1 GiB): the product of its sizes"},
    Limit{"max_position", d(kMaxPosition), "one position m, either sign (rope-apply, t5-bucket, attention --offset): 2^40"},
    Limit{"max_attention_input", kMaxAttentionInput, "attention: largest absolute entry of q, k, v (float32 logits stay finite)"},
    Limit{"min_word_scale", kMinWordScale, "embed, metrics: smallest --word-scale (float32 words stay nonzero)"},
    Limit{"min_fire_c", kMinFireC, "attention --scheme fire: smallest --c (float32 tables stay finite)"},
    Limit{"max_seed", d(kMaxSeed), "--seed: 2^53 - 1, exact as a JS number"},
    Limit{"max_fire_hidden", d(kMaxFireHidden), "fire: MLP width"},
    Limit{"max_fire_weight", kMaxFireWeight, "FIRE weights given to the C++ API: largest absolute w1, b1, w2, b2 (biases stay finite)"},
    Limit{"max_conv_kernel", d(kMaxConvKernel), "conv: kernel size (odd)"},
    Limit{"max_conv_layers", d(kMaxConvLayers), "conv: stacked layers"},
    Limit{"max_buckets", d(kMaxBuckets), "t5-bucket, attention: --num-buckets"},
    Limit{"max_rope_factor", kMaxRopeFactor, "rope scalings: --factor"},
    Limit{"max_rope_decay_terms", kMaxRopeDecayTerms, "rope-decay: distances x d/2 terms summed"},
    Limit{"max_metrics_length", d(kMaxMetricsLength), "metrics: L (L x L work)"},
    Limit{"max_similarity_length", d(kMaxSimilarityLength), "similarity: L (L x L output)"},
    Limit{"max_train_length", d(train::kMaxTrainLength), "train: --train-length"},
    Limit{"max_eval_length", d(train::kMaxEvalLength), "train: each --eval-lengths entry"},
    Limit{"max_eval_lengths", d(train::kMaxEvalLengths), "train: entries of --eval-lengths"},
    Limit{"max_steps", d(train::kMaxSteps), "train: --steps"},
    Limit{"max_layers", d(train::kMaxLayers), "train: --layers"},
    Limit{"max_train_dim", d(train::kMaxTrainDim), "train: --dim"},
    Limit{"max_train_heads", d(train::kMaxTrainHeads), "train: --heads"},
    Limit{"max_batch", d(train::kMaxBatch), "train: --batch"},
    Limit{"max_vocab", d(train::kMaxVocab), "train: --vocab"},
    Limit{"max_eval_examples", d(train::kMaxEvalExamples), "train: --eval-examples"},
};

}  // namespace

std::span<const Limit> limit_table() { return kLimits; }

void write_limits(Document& doc) {
  doc.begin_object();
  // Whole numbers as integers: %.9g would round 2^53 - 1.
  for (const Limit& l : kLimits) {
    doc.key(l.name);
    if (l.value == static_cast<double>(static_cast<std::int64_t>(l.value)))
      doc.integer(static_cast<std::int64_t>(l.value));
    else
      doc.number(l.value);
  }
  doc.end_object();
}

}  // namespace posenc::cli
