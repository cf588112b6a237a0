// bench/kernels/kernels.hpp: the workloads of the WASM vs native benchmark, one
// source for both builds (native_main.cpp and wasm_bindings.cpp drive them), so
// the two numbers of a ratio come from the same C++ on the same inputs.
//
// Each case is one call pattern on the public core API, with its inputs made once
// by prepare() and never inside the timed region:
//   sinusoid    sinusoidal_encoding(L, D)
//   rope        rope_apply_rows on each of H heads (L x d): the core's RoPE, which
//               forms cos and sin of every angle in double
//   rope-table  rope_apply_heads from rope_cos_sin tables made once (the form a
//               model uses): the core's streaming rotation, no trigonometry
//   stream      y = 2 x over the same bytes as the largest rope: the memory
//               bandwidth both builds can reach, the limit of the memory-bound cases
//   attention   attention(q, k, v) with ALiBi, causal, H heads of L x d
// bound says which goal the case is held to: "memory" (working set far over the
// 32 MB L3 and a few flops per byte) or "compute".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace posenc::bench {

struct KernelCase {
  std::string id;      ///< unique, e.g. "rope-table/L8192"
  std::string kernel;  ///< sinusoid, rope, rope-table, stream, attention
  std::string shape;   ///< human-readable sizes
  std::string bound;   ///< "memory" or "compute"
  double bytes = 0;    ///< bytes read + written once by one call (input + output)
  int calls = 1;       ///< calls per timed run: small cases are batched to ~10 ms
};

/// Every case, in the order the tables print them.
const std::vector<KernelCase>& kernel_cases();

/// A case with its inputs made: run() does the timed work once.
class Workload {
 public:
  virtual ~Workload() = default;
  virtual void run() = 0;
};

/// Makes the inputs of case `id`; throws std::invalid_argument for an unknown id.
std::unique_ptr<Workload> prepare_case(const std::string& id);

/// `repeats` timed runs of `calls` calls of w.run(); each run's wall time per call in
/// milliseconds (std::chrono::steady_clock: clock_gettime natively, performance.now
/// in wasm, whose 1 us steps the batching makes small).
std::vector<double> time_runs(Workload& w, int repeats, int calls);

/// The driver protocol, one command line in, one JSON line out, the same in both
/// builds (native_main.cpp reads it from stdin, wasm_bindings.cpp takes it from JS):
///   cases            -> [{id, kernel, shape, bound, bytes}, ...]
///   machine          -> {cpu, compiler, build_type, flags, optimized}
///   prepare ID       -> {"ok":true}    (makes case ID's inputs, dropping the last)
///   run N            -> {"ms":[...]}   (N timed runs of the prepared case)
///   release          -> {"ok":true}    (frees the prepared case)
/// and {"error":"..."} for anything else or a failure.
class Session {
 public:
  std::string command(const std::string& line);

 private:
  std::unique_ptr<Workload> prepared_;
  int calls_ = 1;
};

}  // namespace posenc::bench
