// Implementation of wasm/train_session.hpp.
#include "train_session.hpp"

#include <string>
#include <vector>

#include "../cli/train_options.hpp"
#include "js_document.hpp"
#include "posenc/error.hpp"
#include "run_command.hpp"

namespace posenc::wasm {

using emscripten::val;

namespace {

void require_configured(const std::unique_ptr<train::Trainer>& t) {
  if (!t) throw std::logic_error("the trainer has no configuration (configure it first)");
}

}  // namespace

val TrainSession::configure(const val& argv) {
  return guarded("train", [&]() -> val {
    const std::vector<std::string> words = emscripten::vecFromJSArray<std::string>(argv);
    const cli::Args args(cli::train_command(), words);
    trainer_ = std::make_unique<train::Trainer>(cli::parse_train_config(args));
    return val(static_cast<double>(trainer_->config().steps));
  });
}

val TrainSession::step(double n) {
  return guarded("train", [&]() -> val {
    require_configured(trainer_);
    const double max = static_cast<double>(train::kMaxSteps);
    if (!(n >= 0 && n <= max && n == static_cast<double>(static_cast<std::int64_t>(n))))
      throw Error("n", format_value(n), "integer in [0, " + format_value(max) + "]");
    const std::vector<float> losses = trainer_->step(static_cast<std::int64_t>(n));
    // A copy in the JS heap (memory growth cannot detach it).
    return val(emscripten::typed_memory_view(losses.size(), losses.data())).call<val>("slice");
  });
}

val TrainSession::result() {
  return guarded("train", [&]() -> val {
    require_configured(trainer_);
    JsDocument document;
    cli::write_train_result(document, trainer_->result());
    return document.value();
  });
}

double TrainSession::steps() const { return trainer_ ? static_cast<double>(trainer_->config().steps) : 0.0; }
double TrainSession::steps_done() const { return trainer_ ? static_cast<double>(trainer_->steps_done()) : 0.0; }
bool TrainSession::done() const { return trainer_ && trainer_->done(); }

}  // namespace posenc::wasm
