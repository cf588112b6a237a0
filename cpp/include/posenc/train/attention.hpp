// posenc/train/attention.hpp: causal multi-head self-attention with a position
// bias, and RoPE, forward and backward (the lab's attention; posenc/attention.hpp
// is the core's inference-only version, held to this one by the tests).
//
// Shapes: T positions, H heads of width d, D = H d. q, k, v live side by side in
// one T x 3D array (one product with [Wq | Wk | Wv]); head h owns columns
// h d .. h d + d - 1 of each third:
//
//   qkv row i:  [ q_i (D) | k_i (D) | v_i (D) ]
//
// For each head h and query i, over keys j <= i (the causal mask):
//   s_ij = (q_i . k_j) / sqrt(d) + bias_h(i, j),   p_ij = softmax_j(s_ij),
//   out_i = sum_j p_ij v_j
// bias_h is null (none, learned, sinusoidal, rope) or an H x ld x ld table
// (alibi, t5, fire; rows = query, columns = key; only j <= i is read).
#pragma once

#include "posenc/train/layers.hpp"

namespace posenc::train {

/// Forward. probs: H x T x T (saved for the backward; j > i set to 0);
/// out: T x D (overwritten). scratch: d x T values.
template <class T>
void attention_forward(const T* qkv, Index rows, Index heads, Index head_dim, const T* bias, Index bias_ld,
                       T* probs, T* out, T* scratch);

/// Backward: dqkv += d(out)/d(qkv) dout, and dbias (if not null, H x ld x ld) +=
/// dL/ds_ij for j <= i. With g_ij = dL/dp_ij = dout_i . v_j:
///   dL/ds_ij = p_ij (g_ij - sum_k p_ik g_ik),   dq_i = sum_j dL/ds_ij k_j / sqrt(d),
///   dk_j = sum_i dL/ds_ij q_i / sqrt(d),         dv_j = sum_i p_ij dout_i.
/// scratch: 2 T^2 + d T values.
template <class T>
void attention_backward(const T* dout, const T* qkv, const T* probs, Index rows, Index heads, Index head_dim,
                        T* dqkv, T* dbias, Index bias_ld, T* scratch);

/// RoPE (Su et al. 2021), half pairing (GPT-NeoX, HF rotate_half): rotates q and
/// k of every head of row i in place by the angles i theta_k, pair k = (k, k + d/2),
/// through the core's kernels::rope_rotate. cos, sin: T x d/2 tables (row i,
/// column k: cos(i theta_k), sin(i theta_k)).
template <class T>
void rope_forward(T* qkv, Index rows, Index heads, Index head_dim, const T* cos, const T* sin);

/// Backward of rope_forward (in place on dqkv's q and k parts): the transpose of a
/// rotation is the rotation by minus the angle.
template <class T>
void rope_backward(T* dqkv, Index rows, Index heads, Index head_dim, const T* cos, const T* sin);

/// The RoPE tables of rows 0..rows-1 for head width d (even), base 10000:
/// theta_k = kernels::rope_default_inv_freq, angles by kernels::rope_cos_sin_fast.
template <class T>
void rope_tables(Index rows, Index head_dim, T* cos, T* sin);

}  // namespace posenc::train
