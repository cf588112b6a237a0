// posenc/train/layers.hpp: the layers of the lab's Transformer, forward and
// backward written out by hand, on row-major arrays (rows = positions).
//
// Shapes are named once: T positions, D model width, F = 4 D hidden width, H heads
// of width d = D / H, V output classes. Every backward ADDS into its gradient
// outputs (so the shared tables of t5 and fire, and the residual stream, sum
// their contributions), and every function is a template over the scalar:
// float for training (fast, vectorized by the compiler: the inner loops run along
// contiguous rows), double for the finite-difference tests. Loops only; no
// allocation; each output sums its terms in one fixed order, so a run gives the
// same numbers natively and in WebAssembly.
#pragma once

#include <cstdint>

namespace posenc::train {

using Index = std::int64_t;

/// C (m x n, ldc) += A (m x k, lda) B (k x n, ldb). Each C entry sums t = 0..k-1
/// in order (i-t-j loop: the j loop runs along rows of B and C).
template <class T>
void matmul_add(const T* a, Index lda, const T* b, Index ldb, T* c, Index ldc, Index m, Index n, Index k);

/// AT (cols x rows, ldat) = A^T, A rows x cols (lda).
template <class T>
void transpose(const T* a, Index lda, T* at, Index ldat, Index rows, Index cols);

/// Linear layer y = x W + b for rows x_t (W stored input-major: `in` x `out`, the
/// transpose of PyTorch's nn.Linear weight); b may be null.
///   x: rows x in,  w: in x out,  y: rows x out (overwritten)
template <class T>
void linear_forward(const T* x, const T* w, const T* b, T* y, Index rows, Index in, Index out);

/// Backward of linear_forward: dx += dy W^T (dx may be null), dW += x^T dy,
/// db += sum_t dy_t (db may be null). `scratch` holds max(in * out, rows * in).
template <class T>
void linear_backward(const T* dy, const T* x, const T* w, T* dx, T* dw, T* db, Index rows, Index in, Index out,
                     T* scratch);

/// LayerNorm per row (Ba et al. 2016; PyTorch nn.LayerNorm, eps = 1e-5):
///   mu = mean(x), var = mean((x - mu)^2), xhat = (x - mu) / sqrt(var + eps)
///   y = gamma * xhat + beta
/// Saves mean and rstd = 1 / sqrt(var + eps) per row for the backward.
template <class T>
void layernorm_forward(const T* x, const T* gamma, const T* beta, T* y, T* mean, T* rstd, Index rows, Index dim);

/// Backward of LayerNorm: with g = dy * gamma,
///   dx += rstd * (g - mean(g) - xhat * mean(g * xhat)),  dgamma += dy * xhat,  dbeta += dy.
template <class T>
void layernorm_backward(const T* dy, const T* x, const T* gamma, const T* mean, const T* rstd, T* dx, T* dgamma,
                        T* dbeta, Index rows, Index dim);

/// ReLU in place: x = max(x, 0).
template <class T>
void relu_forward(T* x, Index n);
/// Backward of ReLU given its output y: dx = dy where y > 0, else 0 (in place on dy).
template <class T>
void relu_backward(const T* y, T* dy, Index n);

/// Softmax cross-entropy of `rows` logit rows (V classes) against targets:
///   p = softmax(z), loss = sum_t -log p_t[target_t] * scale
/// Writes dz = (p - onehot(target)) * scale into dz (may alias z) and returns the
/// loss (the log in double). Also counts argmax(z_t) == target_t into *correct
/// (the first maximum wins ties).
template <class T>
double cross_entropy(const T* z, const std::int32_t* target, T* dz, Index rows, Index classes, T scale,
                     Index* correct);

/// exp(x) for x <= 0 as the softmaxes use it: the core's branch-free
/// kernels::exp_nonpositive for float (the same bits natively and in wasm, and
/// vectorizable), std::exp for double.
float softmax_exp(float x);
double softmax_exp(double x);

}  // namespace posenc::train
