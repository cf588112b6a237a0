// posenc/naive.hpp: the naive absolute encodings of the source notebook, and why
// each one fails (the tutorial shows every pitfall).
//
// All return an L x D matrix P, row i = p_i, to be added to the word embeddings.
#pragma once

#include <cstdint>

#include "posenc/types.hpp"

namespace posenc {

/// `index`: p_ij = i for every j.
/// Unique and consistent, but unbounded: at position 1000 it drowns a word
/// embedding whose entries are ~0.1. (Source notebook, "Naive Methods".)
/// Throws posenc::Error for length or dim outside [1, kMaxLength] / [1, kMaxDim]
/// or an output over 1 GiB.
Matrix index_encoding(std::int64_t length, std::int64_t dim);

/// `normalized`: p_ij = i / (L - 1), in [0, 1]; defined as 0 when L = 1.
/// Small and unique within one sequence, but NOT consistent: the same position
/// gets a different vector in sequences of different lengths (the notebook says
/// the opposite; see shared/notes/seed-errata.md item 3).
Matrix normalized_encoding(std::int64_t length, std::int64_t dim);

/// `random`: p_ij ~ U[-1, 1), from posenc::Rng(seed, Stream::random_positions),
/// filled row by row. Small and (almost surely) unique, but carries no relation
/// between positions: p_3 says nothing about coming after p_2.
Matrix random_encoding(std::int64_t length, std::int64_t dim, std::uint64_t seed);

/// Validates length and dim and the L x D output size; shared by every absolute
/// encoding. Throws posenc::Error.
void check_length_dim(std::int64_t length, std::int64_t dim);

}  // namespace posenc
