// Reads the actor table (CSV / TSV / JSON Lines / JSON array).
//
// The id column is required; role, label and site are optional and stored
// under those names whatever the input calls them; every further column is
// kept as an attribute under its own name. Empty cells are missing values.
// Bad rows (wrong field count, empty id, id with a control character or
// invalid UTF-8, an id already seen) throw InputError naming file and line:
// an actor table is small and hand-made, so it is fixed rather than skipped.
#pragma once
#include <string>

#include "io/column_mapping.hpp"
#include "io/interaction_log_reader.hpp"
#include "movemap/network.hpp"

namespace movemap {

struct ActorReadOptions {
  LogFormat format = LogFormat::Auto;
  char delimiter = 0;
  ActorColumns columns;
};

ActorTable read_actor_table(const std::string& path, const ActorReadOptions& options);
ActorTable read_actor_table_text(std::string_view text, const std::string& name,
                                 const ActorReadOptions& options);

}  // namespace movemap
