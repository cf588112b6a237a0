// posenc/train/positions.hpp: the position schemes' tables for the lab's model,
// each built from the core's per-element kernel (posenc/kernels/*.hpp), and the
// backward of the learned ones.
//
// Bias tables are H x rows x rows (head, query i, key j; ld = rows); only the
// causal part j <= i is written and read.
#pragma once

#include "posenc/train/layers.hpp"

namespace posenc::train {

/// Sinusoidal table (Vaswani et al. 2017, section 3.5; interleaved, base 10000):
/// table[i][c] = kernels::sinusoid_interleaved(i, c, dim, 10000, paper).
template <class T>
void sinusoid_table(Index rows, Index dim, T* table);

/// ALiBi (Press et al. 2022): bias[h][i][j] = kernels::alibi_distance_bias(m_h, i, j)
/// = -m_h (i - j), m_h = kernels::alibi_slope(h, heads).
template <class T>
void alibi_bias_table(Index heads, Index rows, T* bias);

/// T5 causal buckets of r = j - i (kernels::t5_bucket), rows x rows.
void t5_bucket_table(Index rows, Index num_buckets, Index max_distance, Index* buckets);

/// T5 bias: bias[h][i][j] = table[h][bucket(i, j)], table H x num_buckets.
template <class T>
void t5_bias_forward(const T* table, const Index* buckets, Index num_buckets, Index heads, Index rows, T* bias);
/// dtable[h][b] += sum of dbias[h][i][j] over the (i, j <= i) in bucket b.
template <class T>
void t5_bias_backward(const T* dbias, const Index* buckets, Index num_buckets, Index heads, Index rows,
                      T* dtable);

/// FIRE's MLP weights (Li et al. 2023): Linear(1, W), ReLU, Linear(W, H).
template <class T>
struct FireWeights {
  const T* w1;  ///< W
  const T* b1;  ///< W
  const T* w2;  ///< H x W
  const T* b2;  ///< H
};

/// FIRE bias: bias[h][i][j] = b2[h] + sum_k w2[h][k] max(0, w1[k] u_ij + b1[k]),
/// u_ij = kernels::fire_input(i, j, c, threshold, 0) = psi(i - j) / psi(max(i, L_thr)).
template <class T>
void fire_bias_forward(const FireWeights<T>& w, Index hidden, Index heads, Index rows, double c, double threshold,
                       T* bias);
/// Backward of fire_bias_forward: adds dL/dw1, db1, dw2, db2 (same shapes) given dbias.
template <class T>
void fire_bias_backward(const FireWeights<T>& w, Index hidden, Index heads, Index rows, double c, double threshold,
                        const T* dbias, T* dw1, T* db1, T* dw2, T* db2);

}  // namespace posenc::train
