// posenc's API fuzz target: LLVMFuzzerTestOneInput over the public C++ API
// (cpp/include/posenc/*.hpp). The first byte picks an area, the rest are read as
// choices by FuzzInput (fuzz_input.hpp): sizes mostly small and valid, sometimes
// edge values (0, -1, the limit, limit + 1, INT64_MIN/MAX), reals sometimes NaN,
// +-Inf, +-1e308, -0.0 or denormal, names sometimes arbitrary bytes.
//
// Areas: encode (every scheme) and the naive, learned and sinusoidal functions;
// relative indices and Shaw tables, T5 buckets, ALiBi; FIRE and conv; RoPE
// frequencies (every scaling), tables, rope_apply, rope_apply_rows,
// rope_apply_heads (both overloads, both layouts, threads), decay bound and curve;
// metrics, similarity, embed and every parse_*; attention (every scheme, its
// options and requests), attention_reference and attention_head.
//
// A bug, reported by aborting (fuzz_checks.hpp): an exception other than
// posenc::Error escaping (std::bad_alloc included); a posenc::Error whose message
// does not name its argument ("<arg>: got <value>; allowed: <range>", one line);
// a non-finite value in an accepted call's output (except the NaNs the headers
// document: masked entries, undefined cosines); a fast path disagreeing with its
// reference beyond the doctest suites' tolerance (sinusoidal tables and rows: one
// ulp; rope_apply_heads vs rope_apply: 5 * 2^-24 (|x_a| + |x_b|); attention vs
// attention_reference: as tests/cpp/test_attention_fast.cpp). Sanitizer reports
// (ASan, UBSan) are bugs too.
//
// Work budget (> 200 inputs/s): accepted calls have L, D <= 64 and H <= 8; a
// limit itself (say L = kMaxLength) is only tried in a call that another invalid
// size makes fail its checks (FuzzInput::may_run), and only in a call that takes
// that invalid size (may_run_with).
#include <cstddef>
#include <cstdint>

#include "fuzz_api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  posenc::fuzz::FuzzInput in(data, size);
  switch (in.byte() % 6) {
    case 0: posenc::fuzz::fuzz_encodings(in); break;
    case 1: posenc::fuzz::fuzz_relative(in); break;
    case 2: posenc::fuzz::fuzz_bias(in); break;
    case 3: posenc::fuzz::fuzz_rope(in); break;
    case 4: posenc::fuzz::fuzz_analysis(in); break;
    default: posenc::fuzz::fuzz_attention(in); break;
  }
  return 0;
}
