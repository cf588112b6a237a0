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

#include "document.hpp"
#include "posenc/types.hpp"

namespace posenc::cli {

/// The CLI's Document: compact JSON text on a stream.
class Json final : public Document {
 public:
  explicit Json(std::ostream& out) : out_(out) {}

  Document& begin_object() override;
  Document& end_object() override;
  Document& begin_array() override;
  Document& end_array() override;
  Document& key(std::string_view k) override;
  Document& number(double v) override;
  Document& integer(std::int64_t v) override;
  Document& string(std::string_view s) override;
  Document& boolean(bool b) override;
  Document& null() override;

  // Whole arrays: a vector, a matrix as an array of rows, H matrices as [H][rows][cols].
  Document& numbers(const std::vector<double>& v) override;
  Document& integers(const std::vector<std::int64_t>& v) override;
  Document& vector(const Vector& v) override;
  Document& matrix(const Matrix& m) override;
  Document& imatrix(const IMatrix& m) override;
  Document& heads(const HeadMatrices& h) override;

  /// Ends the document with a newline.
  void finish() override;

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
