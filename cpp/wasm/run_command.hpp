// wasm/run_command.hpp: the one place where JS values become C++ arguments and C++
// results (or errors) become JS values.
//
// JS options arrive as the CLI's own words (the JS layer, api.js, turns
// `{maxLength: 8}` into `--max-length=8`), so the JS API parses, validates and
// reports errors exactly as the CLI does, by running the same command body.
//
// Nothing is thrown across the wasm boundary: an escaped C++ exception reaches JS
// as a bare number and leaks wasm stack and heap each time. Every call returns
//   {value}                                  on success
//   {error, argument, got, allowed}          on bad input (error = the CLI's line)
// and api.js throws a JS Error from the second form.
#pragma once

#include <emscripten/val.h>

#include <functional>
#include <string_view>

#include "../cli/args.hpp"

namespace posenc::wasm {

/// Runs one CLI command on `argv` (a JS array of strings, the words after the
/// command name) and returns {value} or {error, ...} as above. `value` is the
/// command's document as a JS object (wasm/js_document.hpp), or its text for
/// `--format=csv` and `--help`.
emscripten::val run_command(const cli::CommandSpec& spec, const emscripten::val& argv);

/// Runs `body` and returns {value: body()}, or, when it throws, {error, argument,
/// got, allowed} with the error line prefixed by "posenc <command>: " (as the CLI
/// prints it). run_command and the stateful trainer (wasm/train_session.hpp) go
/// through here, so every error reaches JS the same way.
emscripten::val guarded(std::string_view command, const std::function<emscripten::val()>& body);

/// The command's options as a JS array of {name, value, help, flag}: `name` in
/// camelCase, `value` the metavariable ("L"), `flag` true for options without a
/// value. The JS layer reads it to tell flags from valued options.
emscripten::val command_options(const cli::CommandSpec& spec);

}  // namespace posenc::wasm
