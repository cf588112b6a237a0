// posenc/train/model.hpp: the lab's decoder-only Transformer, forward and backward.
//
//   x_i  = E[token_i] (+ P[i] learned | + PE(i) sinusoidal)           T x D
//   per layer (pre-norm):
//     a  = attention(LN1(x) [Wq | Wk | Wv])   (+ RoPE on q, k | + bias alibi/t5/fire)
//     x  = x + a Wo
//     x  = x + ReLU(LN2(x) W1 + b1) W2 + b2                            F = 4 D
//   logits = LNf(x) Wout      (only at the scored positions; Wout is NOT tied to E)
//   loss   = cross-entropy against the next token, summed, times `scale`
//
// No biases in the attention projections (as in many small GPTs); the output
// predicts the `vocab` content symbols (the separator is never a target). t5's
// bucket table and fire's MLP are shared by all layers (T5 computes its bias in
// the first layer and reuses it). All parameters live in one flat array (AdamW
// runs over it); `Layout` names the slices.
#pragma once

#include <cstdint>
#include <vector>

#include "posenc/rng.hpp"
#include "posenc/train/config.hpp"
#include "posenc/train/layers.hpp"
#include "posenc/train/tasks.hpp"

namespace posenc::train {

/// The model's sizes and its position scheme's constants.
struct ModelShape {
  Scheme scheme = Scheme::none;
  Index vocab = 16;        ///< content symbols; the input vocabulary is vocab + 1 (SEP)
  Index layers = 2;
  Index dim = 32;          ///< D
  Index heads = 2;         ///< H
  Index table_rows = 16;   ///< learned: rows of the position table (the training input length)
  Index t5_buckets = 32;   ///< t5: causal buckets B (HF's default)
  Index t5_max_distance = 128;
  Index fire_hidden = 32;  ///< fire: MLP width (the paper's)
  double fire_c = 0.1;     ///< fire: psi(x) = log(c x + 1) (the paper's init)
  double fire_threshold = 4;  ///< fire: L_thr (the paper's 512 for 2048 tokens: a quarter of the input)
  Index hidden() const { return 4 * dim; }
  Index head_dim() const { return dim / heads; }
};

/// The shape a training config implies.
ModelShape model_shape(const TrainConfig& c);

/// Offsets of the named slices of the flat parameter array.
struct Layout {
  struct LayerOffsets {
    Index ln1_g, ln1_b, wqkv, wo, ln2_g, ln2_b, w1, b1, w2, b2;
  };
  Index tok = 0, pos = 0, lnf_g = 0, lnf_b = 0, wout = 0, t5 = 0, fire_w1 = 0, fire_b1 = 0, fire_w2 = 0,
        fire_b2 = 0, total = 0;
  std::vector<LayerOffsets> layer;
  /// Per parameter: 1 where AdamW's weight decay applies (the matrices of the
  /// linear layers), 0 for embeddings, tables, norms and biases.
  std::vector<unsigned char> decay;
};

Layout make_layout(const ModelShape& s);

template <class T>
class Model {
 public:
  explicit Model(const ModelShape& shape);

  const ModelShape& shape() const { return shape_; }
  const Layout& layout() const { return layout_; }
  std::vector<T>& params() { return params_; }
  std::vector<T>& grads() { return grads_; }

  /// PyTorch's default initialization drawn by uniform draws of `rng` (same
  /// numbers everywhere): nn.Linear U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the
  /// matrices, nn.Embedding's N(0, 1) variance as U(-sqrt 3, sqrt 3) for E and P,
  /// zero biases, LayerNorm (1, 0), t5's table 0.
  void init(Rng& rng);

  /// Whether the model can read `rows` input positions (learned: rows <= table_rows).
  bool can_run(Index rows) const;

  /// Makes ready for sequences of up to `rows` positions: grows the buffers
  /// (allocation only when rows exceeds every earlier call), computes the
  /// position bias from the current parameters and zeroes its gradient.
  void prepare(Index rows);

  /// One example: forward, and backward when `backward` (gradients ADDED to
  /// grads()). Returns the loss (cross-entropy summed over the scored positions,
  /// times `scale`); counts exact argmax predictions into *correct.
  double run(const Example& e, T scale, bool backward, Index* correct);

  /// After the examples of a step: moves the position bias's gradient into the
  /// parameters' (t5 table, fire MLP).
  void finish_backward();

 private:
  struct LayerCache {
    std::vector<T> x_in, h1, mean1, rstd1, qkv, probs, att, x_mid, h2, mean2, rstd2, u;
  };
  void grow(Index rows);
  void bias_forward();
  ModelShape shape_;
  Layout layout_;
  std::vector<T> params_, grads_;
  Index capacity_ = 0, prepared_ = 0;
  std::vector<LayerCache> cache_;
  std::vector<T> x_out_, hf_, meanf_, rstdf_, logits_, dx_, dh_, dqkv_, datt_, du_, scratch_, attn_scratch_;
  std::vector<T> bias_, dbias_, rope_cos_, rope_sin_, sinusoid_;
  std::vector<std::int32_t> targets_;
  std::vector<Index> buckets_;  // t5: bucket of j - i, rows x rows
};

extern template class Model<float>;
extern template class Model<double>;

}  // namespace posenc::train
