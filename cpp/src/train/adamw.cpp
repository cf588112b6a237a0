// Implementation of posenc/train/adamw.hpp.
#include "posenc/train/adamw.hpp"

#include <cmath>

namespace posenc::train {

template <class T>
AdamW<T>::AdamW(std::int64_t size, const AdamWOptions& options)
    : o_(options), m_(static_cast<std::size_t>(size), T(0)), v_(static_cast<std::size_t>(size), T(0)) {}

template <class T>
void AdamW<T>::step(T* params, const T* grads, const unsigned char* decay, double lr) {
  ++t_;
  // beta^t by repeated products: exact powers, no libm (the same bits in wasm).
  double p1 = 1, p2 = 1;
  for (std::int64_t k = 0; k < t_; ++k) p1 *= o_.beta1, p2 *= o_.beta2;
  const T b1 = static_cast<T>(o_.beta1), b2 = static_cast<T>(o_.beta2);
  const T c1 = static_cast<T>(1.0 / (1.0 - p1)), c2 = static_cast<T>(1.0 / (1.0 - p2));
  const T step = static_cast<T>(lr), eps = static_cast<T>(o_.eps);
  const T shrink = static_cast<T>(1.0 - lr * o_.weight_decay);
  const std::size_t n = m_.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (decay[k]) params[k] *= shrink;
    m_[k] = b1 * m_[k] + (T(1) - b1) * grads[k];
    v_[k] = b2 * v_[k] + (T(1) - b2) * grads[k] * grads[k];
    const T m_hat = m_[k] * c1, v_hat = v_[k] * c2;
    params[k] -= step * m_hat / (std::sqrt(v_hat) + eps);
  }
}

template <class T>
double clip_grad_norm(T* grads, std::int64_t size, double max_norm) {
  double sum = 0;
  for (std::int64_t k = 0; k < size; ++k) sum += static_cast<double>(grads[k]) * static_cast<double>(grads[k]);
  const double norm = std::sqrt(sum);
  if (norm > max_norm) {
    const T scale = static_cast<T>(max_norm / norm);
    for (std::int64_t k = 0; k < size; ++k) grads[k] *= scale;
  }
  return norm;
}

template class AdamW<float>;
template class AdamW<double>;
template double clip_grad_norm<float>(float*, std::int64_t, double);
template double clip_grad_norm<double>(double*, std::int64_t, double);

}  // namespace posenc::train
