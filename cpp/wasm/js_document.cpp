// Implementation of wasm/js_document.hpp.
#include "js_document.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "posenc/error.hpp"

namespace posenc::wasm {

using emscripten::typed_memory_view;
using emscripten::val;

namespace {

val shape_of(std::initializer_list<std::size_t> dims) {
  val s = val::array();
  for (std::size_t d : dims) s.call<void>("push", static_cast<double>(d));
  return s;
}

// new T(view) copies the wasm memory into a fresh JS-owned typed array. Nothing is
// allocated in wasm between taking the view and copying it, so growth cannot
// detach the view in between.
template <class T>
val copy_out(const char* type, const T* data, std::size_t n, val shape) {
  val a = val::global(type).new_(typed_memory_view(n, data));
  a.set("shape", shape);
  return a;
}

}  // namespace

// An open object (key_ pending) or array (items_, or matrices stacked in floats_).
struct JsDocument::Frame {
  bool is_object;
  val value;
  std::string key;
  std::vector<float> floats;  // array of matrices: their rows, concatenated
  std::size_t matrices = 0, rows = 0, cols = 0;
};

JsDocument::JsDocument() : root_(val::null()) {}
JsDocument::~JsDocument() = default;

void JsDocument::emit(val v) {
  if (frames_.empty()) {
    root_ = std::move(v);
    has_root_ = true;
    return;
  }
  Frame& f = frames_.back();
  if (f.is_object) {
    f.value.set(f.key, v);
  } else {
    if (f.matrices > 0) throw std::logic_error("JsDocument: an array mixes matrices and other values");
    f.value.call<void>("push", v);
  }
}

cli::Document& JsDocument::begin_object() {
  frames_.push_back(Frame{true, val::object(), {}, {}, 0, 0, 0});
  return *this;
}

cli::Document& JsDocument::end_object() {
  val v = frames_.back().value;
  frames_.pop_back();
  emit(std::move(v));
  return *this;
}

cli::Document& JsDocument::begin_array() {
  frames_.push_back(Frame{false, val::array(), {}, {}, 0, 0, 0});
  return *this;
}

cli::Document& JsDocument::end_array() {
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  if (f.matrices > 0) {
    emit(copy_out("Float32Array", f.floats.data(), f.floats.size(), shape_of({f.matrices, f.rows, f.cols})));
  } else {
    emit(std::move(f.value));
  }
  return *this;
}

cli::Document& JsDocument::key(std::string_view k) {
  frames_.back().key = spell_arg(k, ArgStyle::camel);
  return *this;
}

cli::Document& JsDocument::number(double v) {
  emit(std::isfinite(v) ? val(v) : val::null());
  return *this;
}

cli::Document& JsDocument::integer(std::int64_t v) {
  emit(val(static_cast<double>(v)));
  return *this;
}

cli::Document& JsDocument::string(std::string_view s) {
  emit(val(std::string(s)));
  return *this;
}

cli::Document& JsDocument::boolean(bool b) {
  emit(val(b));
  return *this;
}

cli::Document& JsDocument::null() {
  emit(val::null());
  return *this;
}

cli::Document& JsDocument::numbers(const std::vector<double>& v) {
  emit(copy_out("Float64Array", v.data(), v.size(), shape_of({v.size()})));
  return *this;
}

cli::Document& JsDocument::integers(const std::vector<std::int64_t>& v) {
  const std::vector<double> d(v.begin(), v.end());  // exact: every value is below 2^53
  emit(copy_out("Float64Array", d.data(), d.size(), shape_of({d.size()})));
  return *this;
}

cli::Document& JsDocument::vector(const Vector& v) {
  const auto n = static_cast<std::size_t>(v.size());
  emit(copy_out("Float32Array", v.data(), n, shape_of({n})));
  return *this;
}

cli::Document& JsDocument::matrix(const Matrix& m) {
  const auto rows = static_cast<std::size_t>(m.rows()), cols = static_cast<std::size_t>(m.cols());
  if (!frames_.empty() && !frames_.back().is_object) {
    Frame& f = frames_.back();
    if (f.value["length"].as<unsigned>() > 0 || (f.matrices > 0 && (f.rows != rows || f.cols != cols)))
      throw std::logic_error("JsDocument: an array of matrices of different shapes");
    f.rows = rows;
    f.cols = cols;
    f.matrices += 1;
    f.floats.insert(f.floats.end(), m.data(), m.data() + m.size());
    return *this;
  }
  emit(copy_out("Float32Array", m.data(), rows * cols, shape_of({rows, cols})));
  return *this;
}

cli::Document& JsDocument::imatrix(const IMatrix& m) {
  std::vector<std::int32_t> d(static_cast<std::size_t>(m.size()));
  for (std::size_t i = 0; i < d.size(); ++i) {
    const std::int64_t x = m.data()[i];
    if (x < std::numeric_limits<std::int32_t>::min() || x > std::numeric_limits<std::int32_t>::max())
      throw std::logic_error("JsDocument: an integer matrix entry outside int32");
    d[i] = static_cast<std::int32_t>(x);
  }
  emit(copy_out("Int32Array", d.data(), d.size(),
                shape_of({static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols())})));
  return *this;
}

cli::Document& JsDocument::heads(const HeadMatrices& h) {
  begin_array();
  for (const auto& m : h) matrix(m);
  return end_array();
}

void JsDocument::finish() {}

}  // namespace posenc::wasm
