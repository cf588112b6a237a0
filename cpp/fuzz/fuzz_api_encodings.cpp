// The absolute encodings: encode() for every scheme, the naive ones directly,
// the learned table, and sinusoidal tables and rows against their libm
// references (within one float32 ulp, as tests/cpp/test_sinusoidal.cpp holds them).
#include "fuzz_api.hpp"
#include "fuzz_checks.hpp"
#include "fuzz_draw.hpp"
#include "posenc/learned.hpp"
#include "posenc/naive.hpp"
#include "posenc/nope.hpp"
#include "posenc/sinusoidal.hpp"

namespace posenc::fuzz {

namespace {

template <class M>
void sinusoid_matches_reference(const M& fast, const M& ref) {
  if (fast.rows() != ref.rows() || fast.cols() != ref.cols()) fail("sinusoidal_encoding: shape differs from reference");
  for (Eigen::Index r = 0; r < fast.rows(); ++r)
    for (Eigen::Index c = 0; c < fast.cols(); ++c)
      if (!within_one_ulp(fast(r, c), ref(r, c)))
        fail("sinusoidal_encoding: " + std::to_string(fast(r, c)) + " vs reference " + std::to_string(ref(r, c)) +
             " at [" + std::to_string(r) + "][" + std::to_string(c) + "]");
}

}  // namespace

void fuzz_encodings(FuzzInput& in) {
  switch (in.pick(4)) {
    case 0: {
      const EncodeOptions o = draw_encode(in, 1, kMaxLength);
      if (!in.may_run()) return;
      Matrix p;
      if (guarded("encode", [&] { p = encode(o); })) {
        finite(p, "encode");
        if (p.rows() != o.length || p.cols() != o.dim) fail("encode: result is not L x D");
        if (o.scheme == Scheme::sinusoidal) sinusoid_matches_reference(p, sinusoidal_encoding_reference(o.length, o.dim, o.sinusoid));
      }
      break;
    }
    case 1: {
      const std::int64_t length = in.size(1, kSmallLength, kMaxLength);
      const std::int64_t dim = in.size(1, kSmallDim, kMaxDim);
      const std::uint64_t seed = draw_seed(in);
      const int which = static_cast<int>(in.pick(5));
      if (!in.may_run()) return;
      Matrix p;
      const bool ok = guarded("naive", [&] {
        switch (which) {
          case 0: p = index_encoding(length, dim); break;
          case 1: p = normalized_encoding(length, dim); break;
          case 2: p = random_encoding(length, dim, seed); break;
          case 3: p = none_encoding(length, dim); break;
          default: check_length_dim(length, dim); break;
        }
      });
      if (ok) finite(p, "naive encoding");
      break;
    }
    case 2: {
      const Size max_length = in.size(1, kSmallLength, kMaxLength);
      const Size dim = in.size(1, kSmallDim, kMaxDim);
      const std::uint64_t seed = draw_seed(in);
      const float std = in.flag() ? 0.02f : static_cast<float>(in.real(0.0, 10.0));
      const std::int64_t length = in.size(1, kSmallLength, kMaxLength);
      const std::int64_t position = in.any_int();
      if (!in.may_run() || !may_run_with({max_length, dim})) return;  // the table; lookup's length is checked
      guarded("LearnedTable", [&] {
        const LearnedTable t(max_length, dim, seed, std);
        finite(t.weights(), "LearnedTable");
        if (guarded("LearnedTable::lookup", [&] { finite(t.lookup(length), "LearnedTable::lookup"); }) &&
            length > max_length)
          fail("LearnedTable::lookup accepted a length past its table");
        guarded("LearnedTable::row", [&] { finite(t.row(position), "LearnedTable::row"); });
      });
      break;
    }
    default: {
      const double position = in.flag() ? static_cast<double>(in.any_int()) : in.real(0.0, 2e6);
      const std::int64_t dim = in.size(1, kSmallDim, kMaxDim);
      const SinusoidalOptions o = draw_sinusoid(in);
      if (!in.may_run()) return;
      Eigen::RowVectorXf fast, ref;
      const bool ok_fast = guarded("sinusoidal_row", [&] { fast = sinusoidal_row(position, dim, o); });
      const bool ok_ref = guarded("sinusoidal_row_reference", [&] { ref = sinusoidal_row_reference(position, dim, o); });
      if (ok_fast != ok_ref) fail("sinusoidal_row and its reference disagree on accepting the input");
      if (ok_fast) {
        finite(fast, "sinusoidal_row");
        sinusoid_matches_reference(fast, ref);
      }
      break;
    }
  }
}

}  // namespace posenc::fuzz
