// cli/train_options.hpp: the options and the result document of `posenc train`,
// shared by the CLI command (cmd_train.cpp) and the JS trainer (wasm/), so that
// both read the same options with the same errors and write the same keys.
#pragma once

#include "args.hpp"
#include "document.hpp"
#include "posenc/train/trainer.hpp"

namespace posenc::cli {

/// The `train` command's spec (options, help); cmd_train.cpp.
const CommandSpec& train_command();

/// Reads and validates every option of `train` (posenc::Error naming the first bad one).
train::TrainConfig parse_train_config(const Args& a);

/// {"scheme", "task", "train_length", "loss": [...], "accuracy": {"<length>": value
/// or null}, "seconds"}: null = the model cannot run at that length (learned).
void write_train_result(Document& j, const train::TrainResult& r);

}  // namespace posenc::cli
