// Implementation of posenc/train/positions.hpp.
#include "posenc/train/positions.hpp"

#include "posenc/kernels/alibi.hpp"
#include "posenc/kernels/fire.hpp"
#include "posenc/kernels/sinusoid.hpp"
#include "posenc/kernels/t5.hpp"

namespace posenc::train {

template <class T>
void sinusoid_table(Index rows, Index dim, T* table) {
  for (Index i = 0; i < rows; ++i)
    for (Index c = 0; c < dim; ++c)
      table[i * dim + c] = static_cast<T>(
          kernels::sinusoid_interleaved(static_cast<double>(i), c, dim, 10000.0, kernels::Spacing::paper));
}

template <class T>
void alibi_bias_table(Index heads, Index rows, T* bias) {
  for (Index h = 0; h < heads; ++h) {
    const double slope = kernels::alibi_slope(h, heads);
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j <= i; ++j)
        bias[(h * rows + i) * rows + j] = static_cast<T>(kernels::alibi_distance_bias(slope, i, j));
  }
}

void t5_bucket_table(Index rows, Index num_buckets, Index max_distance, Index* buckets) {
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < rows; ++j)
      buckets[i * rows + j] = kernels::t5_bucket(j - i, num_buckets, max_distance, /*causal=*/true);
}

template <class T>
void t5_bias_forward(const T* table, const Index* buckets, Index num_buckets, Index heads, Index rows, T* bias) {
  for (Index h = 0; h < heads; ++h)
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j <= i; ++j)
        bias[(h * rows + i) * rows + j] = table[h * num_buckets + buckets[i * rows + j]];
}

template <class T>
void t5_bias_backward(const T* dbias, const Index* buckets, Index num_buckets, Index heads, Index rows,
                      T* dtable) {
  for (Index h = 0; h < heads; ++h)
    for (Index i = 0; i < rows; ++i)
      for (Index j = 0; j <= i; ++j)
        dtable[h * num_buckets + buckets[i * rows + j]] += dbias[(h * rows + i) * rows + j];
}

template <class T>
void fire_bias_forward(const FireWeights<T>& w, Index hidden, Index heads, Index rows, double c, double threshold,
                       T* bias) {
  for (Index i = 0; i < rows; ++i) {
    for (Index j = 0; j <= i; ++j) {
      const T u = static_cast<T>(kernels::fire_input(i, j, c, threshold, 0.0));
      for (Index h = 0; h < heads; ++h) {
        T acc = w.b2[h];
        for (Index k = 0; k < hidden; ++k) {
          const T a = w.w1[k] * u + w.b1[k];
          acc += a > T(0) ? w.w2[h * hidden + k] * a : T(0);
        }
        bias[(h * rows + i) * rows + j] = acc;
      }
    }
  }
}

template <class T>
void fire_bias_backward(const FireWeights<T>& w, Index hidden, Index heads, Index rows, double c, double threshold,
                        const T* dbias, T* dw1, T* db1, T* dw2, T* db2) {
  for (Index i = 0; i < rows; ++i) {
    for (Index j = 0; j <= i; ++j) {
      const T u = static_cast<T>(kernels::fire_input(i, j, c, threshold, 0.0));
      for (Index h = 0; h < heads; ++h) db2[h] += dbias[(h * rows + i) * rows + j];
      for (Index k = 0; k < hidden; ++k) {
        const T a = w.w1[k] * u + w.b1[k];
        if (!(a > T(0))) continue;
        T da = 0;
        for (Index h = 0; h < heads; ++h) {
          const T g = dbias[(h * rows + i) * rows + j];
          dw2[h * hidden + k] += g * a;
          da += g * w.w2[h * hidden + k];
        }
        dw1[k] += da * u;
        db1[k] += da;
      }
    }
  }
}

#define POSENC_TRAIN_POSITIONS(T)                                                                                \
  template void sinusoid_table<T>(Index, Index, T*);                                                            \
  template void alibi_bias_table<T>(Index, Index, T*);                                                          \
  template void t5_bias_forward<T>(const T*, const Index*, Index, Index, Index, T*);                            \
  template void t5_bias_backward<T>(const T*, const Index*, Index, Index, Index, T*);                           \
  template void fire_bias_forward<T>(const FireWeights<T>&, Index, Index, Index, double, double, T*);           \
  template void fire_bias_backward<T>(const FireWeights<T>&, Index, Index, Index, double, double, const T*, T*, \
                                      T*, T*, T*);
POSENC_TRAIN_POSITIONS(float)
POSENC_TRAIN_POSITIONS(double)
#undef POSENC_TRAIN_POSITIONS

}  // namespace posenc::train
