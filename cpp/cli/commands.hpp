// cli/commands.hpp: every command of the `posenc` CLI, one file each (cmd_*.cpp).
//
// The command and option names are a public interface (course authors script
// them): keep them. Each returns its spec; main.cpp dispatches on the name.
#pragma once

#include "args.hpp"

namespace posenc::cli {

const CommandSpec& encode_command();      // cmd_encode.cpp
const CommandSpec& relative_command();    // cmd_relative.cpp
const CommandSpec& t5_bucket_command();   // cmd_t5_bucket.cpp
const CommandSpec& alibi_command();       // cmd_alibi.cpp
const CommandSpec& rope_freqs_command();  // cmd_rope.cpp
const CommandSpec& rope_apply_command();  // cmd_rope.cpp
const CommandSpec& rope_decay_command();  // cmd_rope.cpp
const CommandSpec& fire_command();        // cmd_fire.cpp
const CommandSpec& conv_command();        // cmd_conv.cpp
const CommandSpec& metrics_command();     // cmd_metrics.cpp
const CommandSpec& attention_command();   // cmd_attention.cpp
const CommandSpec& similarity_command();  // cmd_similarity.cpp
const CommandSpec& embed_command();       // cmd_embed.cpp
const CommandSpec& train_command();       // cmd_train.cpp (options: train_options.hpp)

}  // namespace posenc::cli
