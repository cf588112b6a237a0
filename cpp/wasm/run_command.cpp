// Implementation of wasm/run_command.hpp.
#include "run_command.hpp"

#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "js_document.hpp"
#include "posenc/error.hpp"

namespace posenc::wasm {

using emscripten::val;

namespace {

val failure(const std::string& message) {
  val r = val::object();
  r.set("error", message);
  return r;
}

}  // namespace

val guarded(std::string_view command, const std::function<val()>& body) {
  const std::string prefix = "posenc " + std::string(command) + ": ";
  try {
    val r = val::object();
    r.set("value", body());
    return r;
  } catch (const Error& e) {
    val r = failure(prefix + e.render(ArgStyle::cli));
    r.set("argument", spell_arg(e.arg(), ArgStyle::camel));
    r.set("got", e.got());
    r.set("allowed", e.allowed());
    return r;
  } catch (const std::bad_alloc&) {
    return failure(prefix + "out of memory");
  } catch (const std::exception& e) {
    return failure(prefix + e.what());
  }
}

val run_command(const cli::CommandSpec& spec, const val& argv) {
  return guarded(spec.name, [&]() -> val {
    const std::vector<std::string> words = emscripten::vecFromJSArray<std::string>(argv);
    const cli::Args args(spec, words);
    std::ostringstream text;
    if (args.help()) {
      cli::print_help(spec, text);
      return val(text.str());
    }
    JsDocument document;
    cli::Output out{text, document};
    spec.run(args, out);
    return document.has_value() ? document.value() : val(text.str());
  });
}

val command_options(const cli::CommandSpec& spec) {
  val list = val::array();
  for (const auto& o : spec.options) {
    std::string snake(o.name);
    for (char& c : snake)
      if (c == '-') c = '_';
    val entry = val::object();
    entry.set("name", spell_arg(snake, ArgStyle::camel));
    entry.set("value", std::string(o.value));
    entry.set("help", std::string(o.help));
    entry.set("flag", o.value.empty());
    list.call<void>("push", entry);
  }
  return list;
}

}  // namespace posenc::wasm
