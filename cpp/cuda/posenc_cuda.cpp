// The CUDA backend's host API (posenc_cuda.hpp): validation by the core's own
// checks, device memory, launches (launch.hpp), copies back. Only this file and
// kernels.cu know about CUDA.
#include "posenc_cuda.hpp"

#include <cuda_runtime.h>

#include <cstring>
#include <string>
#include <vector>

#include "../src/attention_internal.hpp"
#include "../src/rope_table.hpp"
#include "launch.hpp"
#include "posenc/alibi.hpp"
#include "posenc/error.hpp"
#include "posenc/limits.hpp"

namespace posenc::cuda {

namespace {

void check(int err, const char* what) {
  if (err != 0)
    throw Error("device", std::string(what) + ": " + cudaGetErrorString(static_cast<cudaError_t>(err)),
                "a CUDA device with enough free memory");
}

// One device allocation of n elements of T, freed on scope exit.
template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t n) : n_(n) {
    check(cudaMalloc(reinterpret_cast<void**>(&p_), n * sizeof(T) + (n == 0 ? 1 : 0)), "cudaMalloc");
  }
  DeviceBuffer(const T* host, std::size_t n) : DeviceBuffer(n) { upload(host); }
  ~DeviceBuffer() { cudaFree(p_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  void upload(const T* host) { check(cudaMemcpy(p_, host, n_ * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy"); }
  void download(T* host) const {
    check(cudaMemcpy(host, p_, n_ * sizeof(T), cudaMemcpyDeviceToHost), "cudaMemcpy");
  }
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
  std::size_t n_;
};

void require_device() {
  const DeviceStatus s = device_status();
  if (!s.available) throw Error("device", s.message, "a CUDA device");
}

// Concatenates H row-major matrices (each rows x cols) into one [H][rows][cols] buffer.
std::vector<float> stack(const HeadMatrices& m) {
  std::vector<float> out;
  for (const Matrix& h : m) out.insert(out.end(), h.data(), h.data() + h.size());
  return out;
}

}  // namespace

DeviceStatus device_status() {
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) return {false, std::string("no CUDA device: ") + cudaGetErrorString(err)};
  if (count == 0) return {false, "no CUDA device: cudaGetDeviceCount found 0 devices"};
  cudaDeviceProp prop{};
  if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) return {true, "CUDA device 0"};
  return {true, prop.name};
}

Matrix sinusoidal_encoding(std::int64_t length, std::int64_t dim, const SinusoidalOptions& opts) {
  posenc::sinusoidal_encoding(1, dim, opts);  // the core's argument checks (a 1-row table)
  require_int("length", length, 1, kMaxLength);
  require_output_size("length", static_cast<double>(length) * static_cast<double>(dim),
                      "length x dim = " + std::to_string(length) + " x " + std::to_string(dim));
  require_device();
  Matrix out(length, dim);
  DeviceBuffer<float> d_out(static_cast<std::size_t>(out.size()));
  check(launch_sinusoid(d_out.get(), length, dim, opts.base, static_cast<int>(opts.layout),
                        static_cast<int>(opts.spacing)),
        "sinusoid kernel");
  d_out.download(out.data());
  return out;
}

void rope_apply_heads(const float* x, float* y, std::int64_t heads, std::int64_t length, std::int64_t dim,
                      double start, const RopeOptions& opts) {
  // The CPU entry point's checks (the same error messages).
  require_int("dim", dim, 2, kMaxCudaRopeDim);
  const RopeFrequencies f = rope_frequencies(dim, opts);
  if (x == nullptr) throw Error("x", "null", "a pointer to heads x length x dim floats");
  if (y == nullptr) throw Error("y", "null", "a pointer to heads x length x dim floats (x itself for in place)");
  require_int("heads", heads, 1, kMaxHeads);
  require_int("length", length, 1, kMaxLength);
  detail::check_rope_positions(start, length);
  require_device();
  const auto n = static_cast<std::size_t>(heads * length * dim);
  DeviceBuffer<float> d_x(x, n);
  DeviceBuffer<double> d_freq(f.inv_freq.data(), f.inv_freq.size());
  check(launch_rope(d_x.get(), d_x.get(), heads, length, dim, f.rotary_dim, d_freq.get(), start,
                    static_cast<int>(opts.pairing)),
        "rope kernel");
  d_x.download(y);
}

HeadMatrices attention(const HeadMatrices& q, const HeadMatrices& k, const HeadMatrices& v,
                       const AttentionConfig& c) {
  const detail::AttentionShape s = detail::check_attention(q, k, v, c, {});
  if (c.scheme != AttentionScheme::none && c.scheme != AttentionScheme::alibi && c.scheme != AttentionScheme::t5 &&
      c.scheme != AttentionScheme::rope)
    throw Error("scheme", std::string(attention_scheme_name(c.scheme)), "none, alibi, t5 or rope on CUDA");
  if (!attention_dim_supported(s.dim))
    throw Error("q", "head width " + std::to_string(s.dim), "16, 32, 64 or 128 on CUDA");
  if (s.value_dim != s.dim)
    throw Error("v", "width " + std::to_string(s.value_dim), "the head width of q and k, " + std::to_string(s.dim));
  require_device();

  std::vector<float> hq = stack(q), hk = stack(k), hv = stack(v);
  DeviceBuffer<float> d_q(hq.data(), hq.size()), d_k(hk.data(), hk.size()), d_v(hv.data(), hv.size());
  DeviceBuffer<float> d_o(hq.size());
  AttentionParams p;
  p.heads = s.heads;
  p.queries = s.queries;
  p.keys = s.keys;
  p.dim = s.dim;
  p.query_start = c.query_start;
  p.key_start = c.key_start;
  p.scale = static_cast<float>(detail::logit_scale(c, s.dim));
  p.causal = c.causal;

  std::vector<double> slopes;
  std::vector<float> t5;
  DeviceBuffer<double> d_slopes(static_cast<std::size_t>(s.heads));
  DeviceBuffer<float> d_t5(c.scheme == AttentionScheme::t5 ? static_cast<std::size_t>(c.t5_table.size()) : 0);
  if (c.scheme == AttentionScheme::rope) {
    // Rotate q and k in place on the device first, as the CPU fast path does.
    const RopeOptions o = detail::attention_rope_options(c, s);
    const RopeFrequencies f = rope_frequencies(s.dim, o);
    DeviceBuffer<double> d_freq(f.inv_freq.data(), f.inv_freq.size());
    check(launch_rope(d_q.get(), d_q.get(), s.heads, s.queries, s.dim, f.rotary_dim, d_freq.get(),
                      static_cast<double>(c.query_start), static_cast<int>(o.pairing)),
          "rope kernel (q)");
    check(launch_rope(d_k.get(), d_k.get(), s.heads, s.keys, s.dim, f.rotary_dim, d_freq.get(),
                      static_cast<double>(c.key_start), static_cast<int>(o.pairing)),
          "rope kernel (k)");
    check(static_cast<int>(cudaDeviceSynchronize()), "rope kernel");
  } else if (c.scheme == AttentionScheme::alibi) {
    slopes = alibi_slopes(s.heads);
    d_slopes.upload(slopes.data());
    p.bias = BiasKind::alibi;
    p.d_slopes = d_slopes.get();
  } else if (c.scheme == AttentionScheme::t5) {
    d_t5.upload(c.t5_table.data());
    p.bias = BiasKind::t5;
    p.d_t5_table = d_t5.get();
    p.num_buckets = c.t5.num_buckets;
    p.max_distance = c.t5.max_distance;
    p.t5_causal = c.t5.causal;
  }
  check(launch_attention(d_q.get(), d_k.get(), d_v.get(), d_o.get(), p), "attention kernel");
  std::vector<float> ho(hq.size());
  d_o.download(ho.data());
  HeadMatrices out;
  for (std::int64_t h = 0; h < s.heads; ++h)
    out.push_back(Eigen::Map<const Matrix>(ho.data() + h * s.queries * s.dim, s.queries, s.dim));
  return out;
}

}  // namespace posenc::cuda
