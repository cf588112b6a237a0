// Implementation of cli/json.hpp.
#include "json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace posenc::cli {

void write_number(std::ostream& out, double v) {
  if (!std::isfinite(v)) {
    out << "null";
    return;
  }
  if (v == 0) v = 0;  // no "-0"
  // Integers (indices, buckets, exact table values) print exactly and fast.
  if (std::abs(v) < 1e15 && v == std::trunc(v)) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    out.write(buf, r.ptr - buf);
    return;
  }
  char buf[32];
#if defined(__cpp_lib_to_chars)
  // Same text as printf("%.9g"), several times faster.
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 9);
  out.write(buf, r.ptr - buf);
#else
  // Emscripten's libc++ has no floating-point to_chars.
  std::snprintf(buf, sizeof buf, "%.9g", v);
  out << buf;
#endif
}

void Json::separator() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ << ',';
    first_.back() = false;
  }
}

Document& Json::begin_object() {
  separator();
  out_ << '{';
  first_.push_back(true);
  return *this;
}
Document& Json::end_object() {
  out_ << '}';
  first_.pop_back();
  return *this;
}
Document& Json::begin_array() {
  separator();
  out_ << '[';
  first_.push_back(true);
  return *this;
}
Document& Json::end_array() {
  out_ << ']';
  first_.pop_back();
  return *this;
}
Document& Json::key(std::string_view k) {
  separator();
  write_string(k);
  out_ << ':';
  after_key_ = true;
  return *this;
}
Document& Json::number(double v) {
  separator();
  write_number(out_, v);
  return *this;
}
Document& Json::integer(std::int64_t v) {
  separator();
  out_ << v;
  return *this;
}
Document& Json::boolean(bool b) {
  separator();
  out_ << (b ? "true" : "false");
  return *this;
}
Document& Json::null() {
  separator();
  out_ << "null";
  return *this;
}
Document& Json::string(std::string_view s) {
  separator();
  write_string(s);
  return *this;
}

void Json::write_string(std::string_view s) {
  out_ << '"';
  for (char c : s) {
    switch (c) {
      case '"': out_ << "\\\""; break;
      case '\\': out_ << "\\\\"; break;
      case '\n': out_ << "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out_ << buf;
        } else {
          out_ << c;
        }
    }
  }
  out_ << '"';
}

Document& Json::numbers(const std::vector<double>& v) {
  begin_array();
  for (double x : v) number(x);
  return end_array();
}
Document& Json::integers(const std::vector<std::int64_t>& v) {
  begin_array();
  for (auto x : v) integer(x);
  return end_array();
}
Document& Json::vector(const Vector& v) {
  begin_array();
  for (Eigen::Index i = 0; i < v.size(); ++i) number(v[i]);
  return end_array();
}
Document& Json::matrix(const Matrix& m) {
  begin_array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    begin_array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) number(m(i, j));
    end_array();
  }
  return end_array();
}
Document& Json::imatrix(const IMatrix& m) {
  begin_array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    begin_array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) integer(m(i, j));
    end_array();
  }
  return end_array();
}
Document& Json::heads(const HeadMatrices& h) {
  begin_array();
  for (const auto& m : h) matrix(m);
  return end_array();
}

void Json::finish() { out_ << '\n'; }

void write_csv(std::ostream& out, const Matrix& m, std::string_view row_name, std::string_view col_prefix) {
  out << row_name;
  for (Eigen::Index j = 0; j < m.cols(); ++j) out << ',' << col_prefix << j;
  out << '\n';
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out << i;
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      out << ',';
      if (std::isfinite(m(i, j))) write_number(out, m(i, j));
    }
    out << '\n';
  }
}

void write_heads_csv(std::ostream& out, const HeadMatrices& h, std::string_view value_name) {
  out << "head,i,j," << value_name << '\n';
  for (std::size_t k = 0; k < h.size(); ++k) {
    for (Eigen::Index i = 0; i < h[k].rows(); ++i) {
      for (Eigen::Index j = 0; j < h[k].cols(); ++j) {
        out << k << ',' << i << ',' << j << ',';
        if (std::isfinite(h[k](i, j))) write_number(out, h[k](i, j));
        out << '\n';
      }
    }
  }
}

}  // namespace posenc::cli
