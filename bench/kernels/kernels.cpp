// Implementation of kernels.hpp: the cases, their inputs and the timed loop.
#include "kernels.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "../machine.hpp"
#include "../seeded.hpp"
#include "posenc/attention.hpp"
#include "posenc/rng.hpp"
#include "posenc/rope.hpp"
#include "posenc/sinusoidal.hpp"

namespace posenc::bench {

namespace {

// RoPE: a Llama-7B-like layer's queries, H = 32 heads of d = 128.
constexpr std::int64_t kRopeHeads = 32, kRopeDim = 128;
// Attention: the shape of posenc_bench (H = 8, d = 64).
constexpr std::int64_t kAttnHeads = 8, kAttnDim = 64;

volatile float g_sink = 0.0f;  // keeps every result alive

std::string rope_shape(std::int64_t length) {
  return "H=" + std::to_string(kRopeHeads) + " L=" + std::to_string(length) + " d=" + std::to_string(kRopeDim);
}

double rope_bytes(std::int64_t length) { return 2.0 * 4.0 * kRopeHeads * static_cast<double>(length) * kRopeDim; }

struct Sinusoid final : Workload {
  std::int64_t length, dim;
  Sinusoid(std::int64_t l, std::int64_t d) : length(l), dim(d) {}
  void run() override { g_sink = g_sink + sinusoidal_encoding(length, dim)(length - 1, dim - 1); }
};

struct RopeRows final : Workload {
  HeadMatrices x;
  explicit RopeRows(std::int64_t length) : x(seeded_heads(kRopeHeads, length, kRopeDim, Stream::attention_q)) {}
  void run() override {
    for (const Matrix& head : x) g_sink = g_sink + rope_apply_rows(head, 0.0)(head.rows() - 1, 0);
  }
};

// rope_apply_heads (half pairing) with rope_cos_sin tables made once, the form a
// model uses: over one [H][L][d] buffer into a preallocated y, one thread.
struct RopeTable final : Workload {
  std::int64_t length;
  std::vector<float> x, y;
  RopeTables t;
  explicit RopeTable(std::int64_t l)
      : length(l),
        x(seeded_heads_buffer(kRopeHeads, l, kRopeDim, Stream::attention_q)),
        y(x.size(), 0.0f),
        t(rope_cos_sin(kRopeDim, 0.0, l)) {}
  void run() override {
    rope_apply_heads(x.data(), y.data(), kRopeHeads, length, kRopeDim, t, RopePairing::half, /*threads=*/1);
    g_sink = g_sink + y.front();
  }
};

struct Stream2x final : Workload {
  std::vector<float> x, y;
  explicit Stream2x(std::size_t n) : x(n, 1.0f), y(n) {}
  void run() override {
    const float* xp = x.data();
    float* yp = y.data();
    for (std::size_t i = 0; i < x.size(); ++i) yp[i] = 2.0f * xp[i];
    g_sink = g_sink + y.back();
  }
};

struct AlibiAttention final : Workload {
  HeadMatrices q, k, v;
  AttentionConfig config;
  explicit AlibiAttention(std::int64_t length)
      : q(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_q)),
        k(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_k)),
        v(seeded_heads(kAttnHeads, length, kAttnDim, Stream::attention_v)),
        config(seeded_attention_config(AttentionScheme::alibi, kAttnHeads, kAttnDim, /*causal=*/true, kSeed)) {}
  void run() override { g_sink = g_sink + attention(q, k, v, config).output.front()(0, 0); }
};

constexpr std::int64_t kRopeLengths[] = {32, 512, 8192};  // 0.5 MB (L2), 8 MB (L3), 128 MB in
constexpr std::int64_t kAttnLengths[] = {512, 1024, 2048};

}  // namespace

const std::vector<KernelCase>& kernel_cases() {
  static const std::vector<KernelCase> all = [] {
    std::vector<KernelCase> c;
    c.push_back({"sinusoid/L1024xD256", "sinusoid", "L=1024 D=256", "compute", 4.0 * 1024 * 256, 1});
    c.push_back({"sinusoid/L4096xD512", "sinusoid", "L=4096 D=512", "compute", 4.0 * 4096 * 512, 1});
    // Every angle's cos and sin in double: tens of ns of libm per 16 bytes moved,
    // compute-bound at any size.
    for (const std::int64_t l : kRopeLengths)
      c.push_back({"rope/L" + std::to_string(l), "rope", rope_shape(l), "compute", rope_bytes(l), l < 512 ? 8 : 1});
    for (const std::int64_t l : kRopeLengths)
      c.push_back({"rope-table/L" + std::to_string(l), "rope-table", rope_shape(l), l >= 8192 ? "memory" : "compute",
                   rope_bytes(l), l < 512 ? 256 : l < 8192 ? 8 : 1});
    c.push_back({"stream/128MB", "stream", "y = 2x, 2^25 floats", "memory", 2.0 * 4.0 * (1 << 25), 1});
    for (const std::int64_t l : kAttnLengths)
      c.push_back({"attention/L" + std::to_string(l), "attention-alibi",
                   "H=" + std::to_string(kAttnHeads) + " L=" + std::to_string(l) + " d=" + std::to_string(kAttnDim) +
                       " causal",
                   "compute", 4.0 * 4.0 * kAttnHeads * static_cast<double>(l) * kAttnDim, 1});
    return c;
  }();
  return all;
}

std::unique_ptr<Workload> prepare_case(const std::string& id) {
  if (id == "sinusoid/L1024xD256") return std::make_unique<Sinusoid>(1024, 256);
  if (id == "sinusoid/L4096xD512") return std::make_unique<Sinusoid>(4096, 512);
  if (id == "stream/128MB") return std::make_unique<Stream2x>(std::size_t{1} << 25);
  for (const std::int64_t l : kRopeLengths) {
    if (id == "rope/L" + std::to_string(l)) return std::make_unique<RopeRows>(l);
    if (id == "rope-table/L" + std::to_string(l)) return std::make_unique<RopeTable>(l);
  }
  for (const std::int64_t l : kAttnLengths)
    if (id == "attention/L" + std::to_string(l)) return std::make_unique<AlibiAttention>(l);
  throw std::invalid_argument("unknown case: " + id);
}

std::vector<double> time_runs(Workload& w, int repeats, int calls) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = Clock::now();
    for (int c = 0; c < calls; ++c) w.run();
    const auto t1 = Clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count() / calls);
  }
  return ms;
}

namespace {

std::string cases_json() {
  std::string out = "[";
  for (const KernelCase& c : kernel_cases()) {
    char bytes[32];
    std::snprintf(bytes, sizeof bytes, "%.0f", c.bytes);
    out += (out.size() > 1 ? "," : "") + std::string("{\"id\":\"") + c.id + "\",\"kernel\":\"" + c.kernel +
           "\",\"shape\":\"" + c.shape + "\",\"bound\":\"" + c.bound + "\",\"bytes\":" + bytes + ",\"calls\":" + std::to_string(c.calls) + "}";
  }
  return out + "]";
}

std::string times_json(const std::vector<double>& ms) {
  std::string out = "{\"ms\":[";
  for (std::size_t i = 0; i < ms.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.6f", i ? "," : "", ms[i]);
    out += buf;
  }
  return out + "]}";
}

std::string machine_json() {
  Machine m = describe_machine();
#ifdef POSENC_KERNEL_COMPILER
  m.compiler = POSENC_KERNEL_COMPILER;  // emcc's version, which machine.cpp cannot see
#endif
  return "{\"cpu\":" + json_string(m.cpu) + ",\"compiler\":" + json_string(m.compiler) +
         ",\"build_type\":" + json_string(m.build_type) + ",\"flags\":" + json_string(m.flags) +
         ",\"optimized\":" + (m.optimized ? "true" : "false") + "}";
}

}  // namespace

std::string Session::command(const std::string& line) {
  const auto space = line.find(' ');
  const std::string verb = line.substr(0, space);
  const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
  try {
    if (verb == "cases") return cases_json();
    if (verb == "machine") return machine_json();
    if (verb == "release") {
      prepared_.reset();
      return "{\"ok\":true}";
    }
    if (verb == "prepare") {
      prepared_.reset();  // the big cases should not coexist
      prepared_ = prepare_case(arg);
      for (const KernelCase& c : kernel_cases())
        if (c.id == arg) calls_ = c.calls;
      return "{\"ok\":true}";
    }
    if (verb == "run") {
      if (!prepared_) return "{\"error\":\"run before prepare\"}";
      const int n = std::stoi(arg);
      if (n < 1 || n > 1000) return "{\"error\":\"run N: N in [1, 1000]\"}";
      return times_json(time_runs(*prepared_, n, calls_));
    }
    return "{\"error\":" + json_string("unknown command: " + line) + "}";
  } catch (const std::exception& e) {
    return "{\"error\":" + json_string(e.what()) + "}";
  }
}

}  // namespace posenc::bench
