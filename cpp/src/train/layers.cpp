// Implementation of posenc/train/layers.hpp.
#include "posenc/train/layers.hpp"

#include <cmath>

#include "posenc/kernels/exp.hpp"

namespace posenc::train {

float softmax_exp(float x) { return kernels::exp_nonpositive(x); }
double softmax_exp(double x) { return std::exp(x); }

template <class T>
void matmul_add(const T* a, Index lda, const T* b, Index ldb, T* c, Index ldc, Index m, Index n, Index k) {
  // Four terms per pass over a C row: c = (((c + a0 b0) + a1 b1) + a2 b2) + a3 b3 is
  // the same sum in the same order as four passes, with a quarter of the loads and
  // stores of C (the loop's bottleneck in wasm, where each pass is memory-bound).
  for (Index i = 0; i < m; ++i) {
    T* __restrict ci = c + i * ldc;
    const T* ai = a + i * lda;
    Index t = 0;
    for (; t + 4 <= k; t += 4) {
      const T a0 = ai[t], a1 = ai[t + 1], a2 = ai[t + 2], a3 = ai[t + 3];
      const T* __restrict b0 = b + t * ldb;
      const T* __restrict b1 = b0 + ldb;
      const T* __restrict b2 = b1 + ldb;
      const T* __restrict b3 = b2 + ldb;
      for (Index j = 0; j < n; ++j) ci[j] = (((ci[j] + a0 * b0[j]) + a1 * b1[j]) + a2 * b2[j]) + a3 * b3[j];
    }
    for (; t < k; ++t) {
      const T at = ai[t];
      const T* __restrict bt = b + t * ldb;
      for (Index j = 0; j < n; ++j) ci[j] += at * bt[j];
    }
  }
}

template <class T>
void transpose(const T* a, Index lda, T* at, Index ldat, Index rows, Index cols) {
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) at[j * ldat + i] = a[i * lda + j];
}

template <class T>
void linear_forward(const T* x, const T* w, const T* b, T* y, Index rows, Index in, Index out) {
  for (Index t = 0; t < rows; ++t)
    for (Index j = 0; j < out; ++j) y[t * out + j] = b ? b[j] : T(0);
  matmul_add(x, in, w, out, y, out, rows, out, in);
}

template <class T>
void linear_backward(const T* dy, const T* x, const T* w, T* dx, T* dw, T* db, Index rows, Index in, Index out,
                     T* scratch) {
  if (dx) {
    transpose(w, out, scratch, in, in, out);  // W^T: out x in
    matmul_add(dy, out, scratch, in, dx, in, rows, in, out);
  }
  transpose(x, in, scratch, rows, rows, in);  // x^T: in x rows
  matmul_add(scratch, rows, dy, out, dw, out, in, out, rows);
  if (db)
    for (Index t = 0; t < rows; ++t)
      for (Index j = 0; j < out; ++j) db[j] += dy[t * out + j];
}

template <class T>
void layernorm_forward(const T* x, const T* gamma, const T* beta, T* y, T* mean, T* rstd, Index rows, Index dim) {
  const T eps = T(1e-5);
  for (Index t = 0; t < rows; ++t) {
    const T* xt = x + t * dim;
    T mu = 0;
    for (Index k = 0; k < dim; ++k) mu += xt[k];
    mu /= static_cast<T>(dim);
    T var = 0;
    for (Index k = 0; k < dim; ++k) var += (xt[k] - mu) * (xt[k] - mu);
    var /= static_cast<T>(dim);
    const T r = T(1) / std::sqrt(var + eps);
    mean[t] = mu;
    rstd[t] = r;
    T* yt = y + t * dim;
    for (Index k = 0; k < dim; ++k) yt[k] = gamma[k] * ((xt[k] - mu) * r) + beta[k];
  }
}

template <class T>
void layernorm_backward(const T* dy, const T* x, const T* gamma, const T* mean, const T* rstd, T* dx, T* dgamma,
                        T* dbeta, Index rows, Index dim) {
  for (Index t = 0; t < rows; ++t) {
    const T* xt = x + t * dim;
    const T* dyt = dy + t * dim;
    const T mu = mean[t], r = rstd[t];
    T mg = 0, mgx = 0;
    for (Index k = 0; k < dim; ++k) {
      const T xhat = (xt[k] - mu) * r;
      const T g = dyt[k] * gamma[k];
      mg += g;
      mgx += g * xhat;
      dgamma[k] += dyt[k] * xhat;
      dbeta[k] += dyt[k];
    }
    mg /= static_cast<T>(dim);
    mgx /= static_cast<T>(dim);
    T* dxt = dx + t * dim;
    for (Index k = 0; k < dim; ++k) {
      const T xhat = (xt[k] - mu) * r;
      dxt[k] += r * (dyt[k] * gamma[k] - mg - xhat * mgx);
    }
  }
}

template <class T>
void relu_forward(T* x, Index n) {
  for (Index k = 0; k < n; ++k) x[k] = x[k] > T(0) ? x[k] : T(0);
}

template <class T>
void relu_backward(const T* y, T* dy, Index n) {
  for (Index k = 0; k < n; ++k) dy[k] = y[k] > T(0) ? dy[k] : T(0);
}

template <class T>
double cross_entropy(const T* z, const std::int32_t* target, T* dz, Index rows, Index classes, T scale,
                     Index* correct) {
  double loss = 0;
  for (Index t = 0; t < rows; ++t) {
    const T* zt = z + t * classes;
    T* dzt = dz + t * classes;
    Index best = 0;
    for (Index c = 1; c < classes; ++c)
      if (zt[c] > zt[best]) best = c;
    if (best == target[t]) ++*correct;
    const T top = zt[best];
    const T zy = zt[target[t]];
    T sum = 0;
    for (Index c = 0; c < classes; ++c) {
      dzt[c] = softmax_exp(zt[c] - top);
      sum += dzt[c];
    }
    loss += (std::log(static_cast<double>(sum)) - static_cast<double>(zy - top)) * static_cast<double>(scale);
    const T inv = scale / sum;
    for (Index c = 0; c < classes; ++c) dzt[c] *= inv;
    dzt[target[t]] -= scale;
  }
  return loss;
}

#define POSENC_TRAIN_LAYERS(T)                                                                                   \
  template void matmul_add<T>(const T*, Index, const T*, Index, T*, Index, Index, Index, Index);                \
  template void transpose<T>(const T*, Index, T*, Index, Index, Index);                                         \
  template void linear_forward<T>(const T*, const T*, const T*, T*, Index, Index, Index);                       \
  template void linear_backward<T>(const T*, const T*, const T*, T*, T*, T*, Index, Index, Index, T*);          \
  template void layernorm_forward<T>(const T*, const T*, const T*, T*, T*, T*, Index, Index);                   \
  template void layernorm_backward<T>(const T*, const T*, const T*, const T*, const T*, T*, T*, T*, Index,      \
                                      Index);                                                                    \
  template void relu_forward<T>(T*, Index);                                                                      \
  template void relu_backward<T>(const T*, T*, Index);                                                           \
  template double cross_entropy<T>(const T*, const std::int32_t*, T*, Index, Index, T, Index*);
POSENC_TRAIN_LAYERS(float)
POSENC_TRAIN_LAYERS(double)
#undef POSENC_TRAIN_LAYERS

}  // namespace posenc::train
