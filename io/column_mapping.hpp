// Which input columns hold movemap's fields.
//
// A log rarely uses our names, so each field can be mapped to the user's
// column name, one at a time (--time-col When) or as one specification
// string: "time=When,source=From,target=To". In a specification, names are
// taken literally after the '='; a comma or '=' inside a name is written
// doubled (",," or "=="); surrounding spaces are kept.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace movemap {

struct LogColumns {
  std::string time = "time";
  std::string source = "source";
  std::string target = "target";
  std::string event = "event";
  std::string kind = "kind";
  std::string weight = "weight";
};

struct ActorColumns {
  std::string id = "id";
  std::string role = "role";
  std::string label = "label";
  std::string site = "site";
};

struct RoleChangeColumns {
  std::string id = "id";
  std::string time = "time";
  std::string from = "from";
  std::string to = "to";
};

// (field, column name) pairs of a specification, in order. Throws
// UsageError on a malformed specification (missing '=', empty field or
// name).
std::vector<std::pair<std::string, std::string>> parse_column_mapping(std::string_view spec);

// Applies a specification; throws UsageError naming an unknown field and
// listing the known ones.
void apply_column_mapping(std::string_view spec, LogColumns& columns);
void apply_column_mapping(std::string_view spec, ActorColumns& columns);
void apply_column_mapping(std::string_view spec, RoleChangeColumns& columns);

}  // namespace movemap
