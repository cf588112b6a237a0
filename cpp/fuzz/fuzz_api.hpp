// cpp/fuzz/fuzz_api.hpp: the API harness's parts, one per area of the public API;
// fuzz_api.cpp picks one per input. Each draws its arguments from the input, runs
// the calls through guarded() and checks accepted results (fuzz_checks.hpp).
#pragma once

#include "fuzz_input.hpp"

namespace posenc::fuzz {

void fuzz_encodings(FuzzInput& in);   // fuzz_api_encodings.cpp: encode, naive, learned, sinusoid rows
void fuzz_relative(FuzzInput& in);    // fuzz_api_bias.cpp: relative, Shaw tables, t5, alibi
void fuzz_bias(FuzzInput& in);        // fuzz_api_bias.cpp: fire, conv
void fuzz_rope(FuzzInput& in);        // fuzz_api_rope.cpp: frequencies, tables, apply, heads, decay
void fuzz_analysis(FuzzInput& in);    // fuzz_api_analysis.cpp: metrics, similarity, embed, parse_*
void fuzz_attention(FuzzInput& in);   // fuzz_api_attention.cpp: attention, reference, per head

}  // namespace posenc::fuzz
