// cli/json.hpp: a small streaming JSON writer for the CLI's output.
//
// Numbers are written with 9 significant digits (%.9g: enough to round-trip a
// float32 exactly); NaN is written as null, which is how masked entries (the
// future half of a causal bias) appear. Output is compact, one document per run.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

#include "posenc/types.hpp"

namespace posenc::cli {

class Json {
 public:
  explicit Json(std::ostream& out) : out_(out) {}

  Json& begin_object();
  Json& end_object();
  Json& begin_array();
  Json& end_array();
  Json& key(std::string_view k);
  Json& number(double v);
  Json& integer(std::int64_t v);
  Json& string(std::string_view s);
  Json& boolean(bool b);
  Json& null();

  // Whole arrays: a vector, a matrix as an array of rows, H matrices as [H][rows][cols].
  Json& numbers(const std::vector<double>& v);
  Json& integers(const std::vector<std::int64_t>& v);
  Json& vector(const Vector& v);
  Json& matrix(const Matrix& m);
  Json& imatrix(const IMatrix& m);
  Json& heads(const HeadMatrices& h);

  /// Ends the document with a newline.
  void finish();

 private:
  void separator();
  void write_string(std::string_view s);
  std::ostream& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

/// Writes a matrix as CSV with a header row: `header0,col0,col1,...`, then one row
/// per matrix row, prefixed by its row index.
void write_csv(std::ostream& out, const Matrix& m, std::string_view row_name,
               std::string_view col_prefix);

/// Writes H x L x L matrices as a long CSV table: `head,i,j,<value_name>`, one row
/// per entry; masked (NaN) entries are empty fields.
void write_heads_csv(std::ostream& out, const HeadMatrices& h, std::string_view value_name);

/// Formats one number the way the JSON and CSV writers do (9 significant digits).
void write_number(std::ostream& out, double v);

}  // namespace posenc::cli
