// cli/document.hpp: where a command writes its result.
//
// A command computes its result and writes it once, through these two sinks:
// `document`, a JSON-shaped tree (objects, arrays, numbers, whole matrices), and
// `text`, a plain stream for --format csv. The CLI binds them to stdout (the
// Json writer, cli/json.hpp); the WebAssembly module binds `document` to a writer
// that builds JS objects with typed arrays (cpp/wasm/js_document.hpp). So the
// CLI's JSON and the JS API's result have the same keys and the same numbers by
// construction: one command body serves both.
#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

#include "posenc/types.hpp"

namespace posenc::cli {

/// A JSON-shaped document, written in order. Keys are snake_case; a JS writer may
/// respell them. Non-finite numbers are "no value" (JSON null).
class Document {
 public:
  virtual ~Document() = default;

  virtual Document& begin_object() = 0;
  virtual Document& end_object() = 0;
  virtual Document& begin_array() = 0;
  virtual Document& end_array() = 0;
  virtual Document& key(std::string_view k) = 0;
  virtual Document& number(double v) = 0;
  virtual Document& integer(std::int64_t v) = 0;
  virtual Document& string(std::string_view s) = 0;
  virtual Document& boolean(bool b) = 0;
  virtual Document& null() = 0;

  // Whole arrays: a vector, a matrix (rows of columns), H matrices ([H][rows][cols]).
  // An array whose elements are all matrix() of one shape is a stacked tensor.
  virtual Document& numbers(const std::vector<double>& v) = 0;
  virtual Document& integers(const std::vector<std::int64_t>& v) = 0;
  virtual Document& vector(const Vector& v) = 0;
  virtual Document& matrix(const Matrix& m) = 0;
  virtual Document& imatrix(const IMatrix& m) = 0;
  virtual Document& heads(const HeadMatrices& h) = 0;

  /// Ends the document.
  virtual void finish() = 0;
};

/// The two sinks of one command run.
struct Output {
  std::ostream& text;   // --format csv (and any other plain text)
  Document& document;   // everything else
};

}  // namespace posenc::cli
