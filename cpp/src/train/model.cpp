// Implementation of posenc/train/model.hpp.
#include "posenc/train/model.hpp"

#include <algorithm>
#include <cmath>

#include "posenc/train/attention.hpp"
#include "posenc/train/positions.hpp"

namespace posenc::train {

ModelShape model_shape(const TrainConfig& c) {
  ModelShape s;
  s.scheme = c.scheme;
  s.vocab = c.vocab;
  s.layers = c.layers;
  s.dim = c.dim;
  s.heads = c.heads;
  s.table_rows = 2 * c.train_length;
  s.fire_threshold = std::max(1.0, static_cast<double>(c.train_length) / 2.0);
  return s;
}

Layout make_layout(const ModelShape& s) {
  Layout l;
  const Index D = s.dim, F = s.hidden(), V = s.vocab;
  Index at = 0;
  auto take = [&](Index n, bool decay) {
    const Index start = at;
    at += n;
    l.decay.insert(l.decay.end(), static_cast<std::size_t>(n), decay ? 1 : 0);
    return start;
  };
  l.tok = take((V + 1) * D, false);
  l.pos = take(s.scheme == Scheme::learned ? s.table_rows * D : 0, false);
  for (Index k = 0; k < s.layers; ++k) {
    Layout::LayerOffsets o{};
    o.ln1_g = take(D, false);
    o.ln1_b = take(D, false);
    o.wqkv = take(D * 3 * D, true);
    o.wo = take(D * D, true);
    o.ln2_g = take(D, false);
    o.ln2_b = take(D, false);
    o.w1 = take(D * F, true);
    o.b1 = take(F, false);
    o.w2 = take(F * D, true);
    o.b2 = take(D, false);
    l.layer.push_back(o);
  }
  l.lnf_g = take(D, false);
  l.lnf_b = take(D, false);
  l.wout = take(D * V, true);
  l.t5 = take(s.scheme == Scheme::t5 ? s.heads * s.t5_buckets : 0, false);
  const Index W = s.scheme == Scheme::fire ? s.fire_hidden : 0;
  l.fire_w1 = take(W, false);
  l.fire_b1 = take(W, false);
  l.fire_w2 = take(W * (W ? s.heads : 0), false);
  l.fire_b2 = take(W ? s.heads : 0, false);
  l.total = at;
  return l;
}

template <class T>
Model<T>::Model(const ModelShape& shape)
    : shape_(shape), layout_(make_layout(shape)), params_(layout_.total), grads_(layout_.total) {
  cache_.resize(static_cast<std::size_t>(shape.layers));
}

template <class T>
void Model<T>::init(Rng& rng) {
  const Index D = shape_.dim, F = shape_.hidden(), V = shape_.vocab;
  T* p = params_.data();
  auto uniform = [&](Index at, Index n, double bound) {
    for (Index k = 0; k < n; ++k) p[at + k] = static_cast<T>(bound * (2.0 * rng.uniform01() - 1.0));
  };
  auto fill = [&](Index at, Index n, T v) { std::fill(p + at, p + at + n, v); };
  const double sqrt3 = std::sqrt(3.0);
  std::fill(params_.begin(), params_.end(), T(0));
  uniform(layout_.tok, (V + 1) * D, sqrt3);
  if (shape_.scheme == Scheme::learned) uniform(layout_.pos, shape_.table_rows * D, sqrt3);
  for (const auto& o : layout_.layer) {
    fill(o.ln1_g, D, T(1));
    uniform(o.wqkv, D * 3 * D, 1.0 / std::sqrt(static_cast<double>(D)));
    uniform(o.wo, D * D, 1.0 / std::sqrt(static_cast<double>(D)));
    fill(o.ln2_g, D, T(1));
    uniform(o.w1, D * F, 1.0 / std::sqrt(static_cast<double>(D)));
    uniform(o.w2, F * D, 1.0 / std::sqrt(static_cast<double>(F)));
  }
  fill(layout_.lnf_g, D, T(1));
  uniform(layout_.wout, D * V, 1.0 / std::sqrt(static_cast<double>(D)));
  if (shape_.scheme == Scheme::fire) {
    const Index W = shape_.fire_hidden;
    uniform(layout_.fire_w1, W, 1.0);  // fan_in 1
    uniform(layout_.fire_b1, W, 1.0);
    uniform(layout_.fire_w2, shape_.heads * W, 1.0 / std::sqrt(static_cast<double>(W)));
  }
}

template <class T>
bool Model<T>::can_run(Index rows) const {
  return shape_.scheme != Scheme::learned || rows <= shape_.table_rows;
}

template <class T>
void Model<T>::grow(Index rows) {
  const Index D = shape_.dim, F = shape_.hidden(), H = shape_.heads, R = rows;
  auto size = [](std::vector<T>& v, Index n) { v.assign(static_cast<std::size_t>(n), T(0)); };
  for (auto& c : cache_) {
    size(c.x_in, R * D), size(c.h1, R * D), size(c.mean1, R), size(c.rstd1, R), size(c.qkv, R * 3 * D);
    size(c.probs, H * R * R), size(c.att, R * D), size(c.x_mid, R * D), size(c.h2, R * D);
    size(c.mean2, R), size(c.rstd2, R), size(c.u, R * F);
  }
  size(x_out_, R * D), size(hf_, R * D), size(meanf_, R), size(rstdf_, R), size(logits_, R * shape_.vocab);
  size(dx_, R * D), size(dh_, R * D), size(dqkv_, R * 3 * D), size(datt_, R * D), size(du_, R * F);
  size(scratch_, std::max({3 * D * D, F * D, R * F, R * 3 * D, D * shape_.vocab}));
  size(attn_scratch_, 2 * R * R + shape_.head_dim() * R);
  size(bias_, H * R * R), size(dbias_, H * R * R);
  targets_.assign(static_cast<std::size_t>(R), 0);
  capacity_ = R;
}

template <class T>
void Model<T>::prepare(Index rows) {
  if (rows > capacity_) grow(rows);
  const Index D = shape_.dim, H = shape_.heads;
  if (rows != prepared_) {
    // Fixed tables of this length (and t5's buckets): made when the length changes.
    prepared_ = rows;
    if (shape_.scheme == Scheme::sinusoidal) {
      sinusoid_.assign(static_cast<std::size_t>(rows * D), T(0));
      sinusoid_table(rows, D, sinusoid_.data());
    }
    if (shape_.scheme == Scheme::rope) {
      const Index half = shape_.head_dim() / 2;
      rope_cos_.assign(static_cast<std::size_t>(rows * half), T(0));
      rope_sin_.assign(static_cast<std::size_t>(rows * half), T(0));
      rope_tables(rows, shape_.head_dim(), rope_cos_.data(), rope_sin_.data());
    }
    if (shape_.scheme == Scheme::alibi) alibi_bias_table(H, rows, bias_.data());
    if (shape_.scheme == Scheme::t5) {
      buckets_.assign(static_cast<std::size_t>(rows * rows), 0);
      t5_bucket_table(rows, shape_.t5_buckets, shape_.t5_max_distance, buckets_.data());
    }
  }
  bias_forward();
  std::fill(dbias_.begin(), dbias_.begin() + H * rows * rows, T(0));
}

template <class T>
void Model<T>::bias_forward() {
  const Index R = prepared_, H = shape_.heads;
  const T* p = params_.data();
  if (shape_.scheme == Scheme::t5) t5_bias_forward(p + layout_.t5, buckets_.data(), shape_.t5_buckets, H, R, bias_.data());
  if (shape_.scheme == Scheme::fire) {
    const FireWeights<T> w{p + layout_.fire_w1, p + layout_.fire_b1, p + layout_.fire_w2, p + layout_.fire_b2};
    fire_bias_forward(w, shape_.fire_hidden, H, R, shape_.fire_c, shape_.fire_threshold, bias_.data());
  }
}

template <class T>
void Model<T>::finish_backward() {
  const Index R = prepared_, H = shape_.heads;
  const T* p = params_.data();
  T* g = grads_.data();
  if (shape_.scheme == Scheme::t5) t5_bias_backward(dbias_.data(), buckets_.data(), shape_.t5_buckets, H, R, g + layout_.t5);
  if (shape_.scheme == Scheme::fire) {
    const FireWeights<T> w{p + layout_.fire_w1, p + layout_.fire_b1, p + layout_.fire_w2, p + layout_.fire_b2};
    fire_bias_backward(w, shape_.fire_hidden, H, R, shape_.fire_c, shape_.fire_threshold, dbias_.data(),
                       g + layout_.fire_w1, g + layout_.fire_b1, g + layout_.fire_w2, g + layout_.fire_b2);
  }
}

template <class T>
double Model<T>::run(const Example& e, T scale, bool backward, Index* correct) {
  const Index D = shape_.dim, F = shape_.hidden(), H = shape_.heads, d = shape_.head_dim(), V = shape_.vocab;
  const Index rows = e.input_length(), first = e.first_answer(), scored = rows - first;
  const T* p = params_.data();
  T* g = grads_.data();
  const bool has_bias = shape_.scheme == Scheme::alibi || shape_.scheme == Scheme::t5 || shape_.scheme == Scheme::fire;
  const bool rope = shape_.scheme == Scheme::rope;
  const Index bias_ld = prepared_;

  // Embedding (+ absolute positions).
  T* x = cache_.empty() ? x_out_.data() : cache_[0].x_in.data();
  for (Index i = 0; i < rows; ++i) {
    const T* emb = p + layout_.tok + e.tokens[static_cast<std::size_t>(i)] * D;
    for (Index c = 0; c < D; ++c) x[i * D + c] = emb[c];
    if (shape_.scheme == Scheme::learned)
      for (Index c = 0; c < D; ++c) x[i * D + c] += p[layout_.pos + i * D + c];
    if (shape_.scheme == Scheme::sinusoidal)
      for (Index c = 0; c < D; ++c) x[i * D + c] += sinusoid_[static_cast<std::size_t>(i * D + c)];
  }

  // Layers.
  for (std::size_t l = 0; l < cache_.size(); ++l) {
    const auto& o = layout_.layer[l];
    LayerCache& c = cache_[l];
    layernorm_forward(c.x_in.data(), p + o.ln1_g, p + o.ln1_b, c.h1.data(), c.mean1.data(), c.rstd1.data(), rows, D);
    linear_forward(c.h1.data(), p + o.wqkv, static_cast<const T*>(nullptr), c.qkv.data(), rows, D, 3 * D);
    if (rope) rope_forward(c.qkv.data(), rows, H, d, rope_cos_.data(), rope_sin_.data());
    attention_forward(c.qkv.data(), rows, H, d, has_bias ? bias_.data() : nullptr, bias_ld, c.probs.data(),
                      c.att.data(), attn_scratch_.data());
    linear_forward(c.att.data(), p + o.wo, static_cast<const T*>(nullptr), c.x_mid.data(), rows, D, D);
    for (Index k = 0; k < rows * D; ++k) c.x_mid[k] += c.x_in[k];
    layernorm_forward(c.x_mid.data(), p + o.ln2_g, p + o.ln2_b, c.h2.data(), c.mean2.data(), c.rstd2.data(), rows, D);
    linear_forward(c.h2.data(), p + o.w1, p + o.b1, c.u.data(), rows, D, F);
    relu_forward(c.u.data(), rows * F);
    T* next = l + 1 < cache_.size() ? cache_[l + 1].x_in.data() : x_out_.data();
    linear_forward(c.u.data(), p + o.w2, p + o.b2, next, rows, F, D);
    for (Index k = 0; k < rows * D; ++k) next[k] += c.x_mid[k];
  }

  // Output at the scored positions only.
  const T* xs = x_out_.data() + first * D;
  layernorm_forward(xs, p + layout_.lnf_g, p + layout_.lnf_b, hf_.data(), meanf_.data(), rstdf_.data(), scored, D);
  linear_forward(hf_.data(), p + layout_.wout, static_cast<const T*>(nullptr), logits_.data(), scored, D, V);
  for (Index t = 0; t < scored; ++t) targets_[static_cast<std::size_t>(t)] = e.tokens[static_cast<std::size_t>(first + t + 1)];
  Index hits = 0;
  const double loss = cross_entropy(logits_.data(), targets_.data(), logits_.data(), scored, V, scale, &hits);
  if (correct) *correct += hits;
  if (!backward) return loss;

  // Backward. dx_ holds dL/dx of the residual stream, rows x D.
  std::fill(dx_.begin(), dx_.begin() + rows * D, T(0));
  std::fill(dh_.begin(), dh_.begin() + scored * D, T(0));
  linear_backward(logits_.data(), hf_.data(), p + layout_.wout, dh_.data(), g + layout_.wout,
                  static_cast<T*>(nullptr), scored, D, V, scratch_.data());
  layernorm_backward(dh_.data(), xs, p + layout_.lnf_g, meanf_.data(), rstdf_.data(), dx_.data() + first * D,
                     g + layout_.lnf_g, g + layout_.lnf_b, scored, D);
  for (std::size_t l = cache_.size(); l-- > 0;) {
    const auto& o = layout_.layer[l];
    LayerCache& c = cache_[l];
    // MLP: next = x_mid + ReLU(LN2(x_mid) W1 + b1) W2 + b2; dx_ is d(next) and stays as d(x_mid)'s residual part.
    std::fill(du_.begin(), du_.begin() + rows * F, T(0));
    linear_backward(dx_.data(), c.u.data(), p + o.w2, du_.data(), g + o.w2, g + o.b2, rows, F, D, scratch_.data());
    relu_backward(c.u.data(), du_.data(), rows * F);
    std::fill(dh_.begin(), dh_.begin() + rows * D, T(0));
    linear_backward(du_.data(), c.h2.data(), p + o.w1, dh_.data(), g + o.w1, g + o.b1, rows, D, F, scratch_.data());
    layernorm_backward(dh_.data(), c.x_mid.data(), p + o.ln2_g, c.mean2.data(), c.rstd2.data(), dx_.data(),
                       g + o.ln2_g, g + o.ln2_b, rows, D);
    // Attention: x_mid = x_in + attention(LN1(x_in)) Wo.
    std::fill(datt_.begin(), datt_.begin() + rows * D, T(0));
    linear_backward(dx_.data(), c.att.data(), p + o.wo, datt_.data(), g + o.wo, static_cast<T*>(nullptr), rows, D,
                    D, scratch_.data());
    std::fill(dqkv_.begin(), dqkv_.begin() + rows * 3 * D, T(0));
    attention_backward(datt_.data(), c.qkv.data(), c.probs.data(), rows, H, d, dqkv_.data(),
                       has_bias && shape_.scheme != Scheme::alibi ? dbias_.data() : nullptr, bias_ld,
                       attn_scratch_.data());
    if (rope) rope_backward(dqkv_.data(), rows, H, d, rope_cos_.data(), rope_sin_.data());
    std::fill(dh_.begin(), dh_.begin() + rows * D, T(0));
    linear_backward(dqkv_.data(), c.h1.data(), p + o.wqkv, dh_.data(), g + o.wqkv, static_cast<T*>(nullptr), rows,
                    D, 3 * D, scratch_.data());
    layernorm_backward(dh_.data(), c.x_in.data(), p + o.ln1_g, c.mean1.data(), c.rstd1.data(), dx_.data(),
                       g + o.ln1_g, g + o.ln1_b, rows, D);
  }
  for (Index i = 0; i < rows; ++i) {
    T* demb = g + layout_.tok + e.tokens[static_cast<std::size_t>(i)] * D;
    for (Index c = 0; c < D; ++c) demb[c] += dx_[static_cast<std::size_t>(i * D + c)];
    if (shape_.scheme == Scheme::learned)
      for (Index c = 0; c < D; ++c) g[layout_.pos + i * D + c] += dx_[static_cast<std::size_t>(i * D + c)];
  }
  return loss;
}

template class Model<float>;
template class Model<double>;

}  // namespace posenc::train
