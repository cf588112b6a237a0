// posenc/train/adamw.hpp: AdamW over a flat parameter array.
//
// Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", Algorithm 2,
// in PyTorch's torch.optim.AdamW form (step t = 1, 2, ...; lr may change per step):
//
//   theta <- theta (1 - lr lambda)                         (decoupled decay; masked)
//   m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2
//   m_hat = m / (1 - beta1^t),      v_hat = v / (1 - beta2^t)  (bias correction)
//   theta <- theta - lr m_hat / (sqrt(v_hat) + eps)
#pragma once

#include <cstdint>
#include <vector>

namespace posenc::train {

struct AdamWOptions {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.01;  ///< lambda, applied where decay[k] != 0
};

template <class T>
class AdamW {
 public:
  AdamW(std::int64_t size, const AdamWOptions& options);
  /// One step at learning rate `lr`: updates `params` from `grads` (both `size`
  /// long); decay[k] != 0 marks the parameters weight decay applies to.
  void step(T* params, const T* grads, const unsigned char* decay, double lr);
  std::int64_t steps() const { return t_; }

 private:
  AdamWOptions o_;
  std::vector<T> m_, v_;
  std::int64_t t_ = 0;
};

extern template class AdamW<float>;
extern template class AdamW<double>;

/// Scales `grads` by min(1, max_norm / ||grads||_2) (PyTorch's clip_grad_norm_
/// without its 1e-6 in the denominator; the norm summed in double); returns the
/// norm before clipping.
template <class T>
double clip_grad_norm(T* grads, std::int64_t size, double max_norm);

}  // namespace posenc::train
