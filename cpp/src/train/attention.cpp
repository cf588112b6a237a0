// Implementation of posenc/train/attention.hpp.
#include "posenc/train/attention.hpp"

#include <cmath>

#include "posenc/kernels/rope.hpp"

namespace posenc::train {

template <class T>
void attention_forward(const T* qkv, Index rows, Index heads, Index head_dim, const T* bias, Index bias_ld,
                       T* probs, T* out, T* scratch) {
  const Index D = heads * head_dim, ld = 3 * D;
  const T scale = T(1) / std::sqrt(static_cast<T>(head_dim));
  for (Index h = 0; h < heads; ++h) {
    const T* q = qkv + h * head_dim;
    const T* k = qkv + D + h * head_dim;
    const T* v = qkv + 2 * D + h * head_dim;
    T* p = probs + h * rows * rows;
    T* kt = scratch;  // d x T
    transpose(k, ld, kt, rows, rows, head_dim);
    for (Index i = 0; i < rows; ++i) {
      T* pi = p + i * rows;
      for (Index j = 0; j < rows; ++j) pi[j] = 0;
      matmul_add(q + i * ld, ld, kt, rows, pi, rows, 1, i + 1, head_dim);  // q_i . k_j, j <= i
      const T* bi = bias ? bias + (h * bias_ld + i) * bias_ld : nullptr;
      for (Index j = 0; j <= i; ++j) pi[j] = pi[j] * scale + (bi ? bi[j] : T(0));
      T top = pi[0];
      for (Index j = 1; j <= i; ++j) top = pi[j] > top ? pi[j] : top;
      T sum = 0;
      for (Index j = 0; j <= i; ++j) {
        pi[j] = softmax_exp(pi[j] - top);
        sum += pi[j];
      }
      const T inv = T(1) / sum;
      for (Index j = 0; j <= i; ++j) pi[j] *= inv;
      T* oi = out + i * D + h * head_dim;
      for (Index c = 0; c < head_dim; ++c) oi[c] = 0;
      matmul_add(pi, rows, v, ld, oi, D, 1, head_dim, i + 1);
    }
  }
}

template <class T>
void attention_backward(const T* dout, const T* qkv, const T* probs, Index rows, Index heads, Index head_dim,
                        T* dqkv, T* dbias, Index bias_ld, T* scratch) {
  const Index D = heads * head_dim, ld = 3 * D;
  const T scale = T(1) / std::sqrt(static_cast<T>(head_dim));
  T* g = scratch;                  // T x T: dL/dp, then dL/ds * scale
  T* gt = scratch + rows * rows;   // T x T: transposes
  T* vt = gt + rows * rows;        // d x T
  for (Index h = 0; h < heads; ++h) {
    const T* q = qkv + h * head_dim;
    const T* k = qkv + D + h * head_dim;
    const T* v = qkv + 2 * D + h * head_dim;
    const T* p = probs + h * rows * rows;
    const T* dout_h = dout + h * head_dim;
    T* dq = dqkv + h * head_dim;
    T* dk = dqkv + D + h * head_dim;
    T* dv = dqkv + 2 * D + h * head_dim;
    // dv_j += sum_{i >= j} p_ij dout_i
    transpose(p, rows, gt, rows, rows, rows);
    for (Index j = 0; j < rows; ++j)
      matmul_add(gt + j * rows + j, rows, dout_h + j * D, D, dv + j * ld, ld, 1, head_dim, rows - j);
    // g_ij = dout_i . v_j, then dL/ds_ij
    transpose(v, ld, vt, rows, rows, head_dim);
    for (Index i = 0; i < rows; ++i) {
      T* gi = g + i * rows;
      const T* pi = p + i * rows;
      for (Index j = 0; j < rows; ++j) gi[j] = 0;
      matmul_add(dout_h + i * D, D, vt, rows, gi, rows, 1, i + 1, head_dim);
      T dot = 0;
      for (Index j = 0; j <= i; ++j) dot += pi[j] * gi[j];
      for (Index j = 0; j <= i; ++j) gi[j] = pi[j] * (gi[j] - dot);
      if (dbias) {
        T* bi = dbias + (h * bias_ld + i) * bias_ld;
        for (Index j = 0; j <= i; ++j) bi[j] += gi[j];
      }
      for (Index j = 0; j <= i; ++j) gi[j] *= scale;
      // dq_i += sum_{j <= i} g_ij k_j
      matmul_add(gi, rows, k, ld, dq + i * ld, ld, 1, head_dim, i + 1);
    }
    // dk_j += sum_{i >= j} g_ij q_i
    transpose(g, rows, gt, rows, rows, rows);
    for (Index j = 0; j < rows; ++j)
      matmul_add(gt + j * rows + j, rows, q + j * ld, ld, dk + j * ld, ld, 1, head_dim, rows - j);
  }
}

namespace {

// Rotates the q and k pairs of every head of every row by (cos, sign * sin).
template <class T>
void rope_rotate_all(T* qkv, Index rows, Index heads, Index head_dim, const T* cos, const T* sin, T sign) {
  const Index D = heads * head_dim, half = head_dim / 2;
  for (Index i = 0; i < rows; ++i) {
    const T* ci = cos + i * half;
    const T* si = sin + i * half;
    for (Index part = 0; part < 2; ++part) {  // q, then k
      for (Index h = 0; h < heads; ++h) {
        T* x = qkv + i * 3 * D + part * D + h * head_dim;
        for (Index k = 0; k < half; ++k) {
          long long a = 0, b = 0;
          kernels::rope_pair(k, head_dim, kernels::RopePairing::half, &a, &b);
          kernels::rope_rotate<T>(x[a], x[b], ci[k], sign * si[k], &x[a], &x[b]);
        }
      }
    }
  }
}

}  // namespace

template <class T>
void rope_forward(T* qkv, Index rows, Index heads, Index head_dim, const T* cos, const T* sin) {
  rope_rotate_all(qkv, rows, heads, head_dim, cos, sin, T(1));
}

template <class T>
void rope_backward(T* dqkv, Index rows, Index heads, Index head_dim, const T* cos, const T* sin) {
  rope_rotate_all(dqkv, rows, heads, head_dim, cos, sin, T(-1));
}

template <class T>
void rope_tables(Index rows, Index head_dim, T* cos, T* sin) {
  const Index half = head_dim / 2;
  for (Index k = 0; k < half; ++k) {
    const double inv_freq = kernels::rope_default_inv_freq(k, head_dim, 10000.0);
    for (Index i = 0; i < rows; ++i) {
      double c = 0, s = 0;
      kernels::rope_cos_sin_fast(static_cast<double>(i), inv_freq, &c, &s);
      cos[i * half + k] = static_cast<T>(c);
      sin[i * half + k] = static_cast<T>(s);
    }
  }
}

#define POSENC_TRAIN_ATTENTION(T)                                                                                \
  template void attention_forward<T>(const T*, Index, Index, Index, const T*, Index, T*, T*, T*);               \
  template void attention_backward<T>(const T*, const T*, const T*, Index, Index, Index, T*, T*, Index, T*);    \
  template void rope_forward<T>(T*, Index, Index, Index, const T*, const T*);                                   \
  template void rope_backward<T>(T*, Index, Index, Index, const T*, const T*);                                  \
  template void rope_tables<T>(Index, Index, T*, T*);
POSENC_TRAIN_ATTENTION(float)
POSENC_TRAIN_ATTENTION(double)
#undef POSENC_TRAIN_ATTENTION

}  // namespace posenc::train
