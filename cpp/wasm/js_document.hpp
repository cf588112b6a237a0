// wasm/js_document.hpp: the Document (cli/document.hpp) that builds a JS value.
//
// A command's result arrives as the same calls that write the CLI's JSON; this
// writer turns them into a plain JS object instead:
//
//   JSON (CLI)                          JS (this writer)
//   "rotary_dim": 64                    rotaryDim: 64        keys in camelCase
//   "error": null  (non-finite scalar)  error: null
//   "data": [[...], ...]  (matrix)      data: Float32Array, data.shape = [rows, cols]
//   "output": [ matrix, matrix, ... ]   output: Float32Array, shape [n, rows, cols]
//   "bias": [H][L][L]  (heads)          bias: Float32Array, shape [H, L, L]
//   "inv_freq": [...]  (double vector)  invFreq: Float64Array, shape [n]
//   "buckets": [...]   (int64 vector)   buckets: Float64Array (exact to 2^53), shape [n]
//   "index": [[...]]   (int64 matrix)   index: Int32Array, shape [rows, cols]
//
// Typed arrays are row-major and masked entries (JSON null) are NaN. Every array
// is a copy in the JS heap: the caller owns it, and wasm memory growth cannot
// detach it.
#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

#include "../cli/document.hpp"

namespace posenc::wasm {

class JsDocument final : public cli::Document {
 public:
  JsDocument();
  ~JsDocument() override;

  cli::Document& begin_object() override;
  cli::Document& end_object() override;
  cli::Document& begin_array() override;
  cli::Document& end_array() override;
  cli::Document& key(std::string_view k) override;
  cli::Document& number(double v) override;
  cli::Document& integer(std::int64_t v) override;
  cli::Document& string(std::string_view s) override;
  cli::Document& boolean(bool b) override;
  cli::Document& null() override;
  cli::Document& numbers(const std::vector<double>& v) override;
  cli::Document& integers(const std::vector<std::int64_t>& v) override;
  cli::Document& vector(const Vector& v) override;
  cli::Document& matrix(const Matrix& m) override;
  cli::Document& imatrix(const IMatrix& m) override;
  cli::Document& heads(const HeadMatrices& h) override;
  void finish() override;

  /// Whether a whole value was written (false when the command wrote text only).
  bool has_value() const { return has_root_; }
  /// The value written.
  emscripten::val value() const { return root_; }

 private:
  struct Frame;
  void emit(emscripten::val v);
  std::vector<Frame> frames_;
  emscripten::val root_;
  bool has_root_ = false;
};

}  // namespace posenc::wasm
