#include "io/column_mapping.hpp"

#include "movemap/error.hpp"

namespace movemap {

std::vector<std::pair<std::string, std::string>> parse_column_mapping(std::string_view spec) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  const std::size_t n = spec.size();
  if (n == 0) return out;
  while (true) {
    std::string field, name;
    bool have_eq = false;
    // field: up to the first single '=' (no escapes in field names).
    while (i < n && spec[i] != '=' && spec[i] != ',') field += spec[i++];
    if (i < n && spec[i] == '=') {
      have_eq = true;
      ++i;
    }
    if (!have_eq)
      throw UsageError("column mapping \"" + std::string(spec) + "\": \"" + field +
                       "\" has no '='; expected field=column, e.g. time=When,source=From");
    // name: up to a single ',' ; ",," and "==" are literal ',' and '='.
    while (i < n) {
      if (spec[i] == ',') {
        if (i + 1 < n && spec[i + 1] == ',') {
          name += ',';
          i += 2;
          continue;
        }
        break;
      }
      if (spec[i] == '=') {
        if (i + 1 < n && spec[i + 1] == '=') {
          name += '=';
          i += 2;
          continue;
        }
        throw UsageError("column mapping \"" + std::string(spec) + "\": a single '=' inside the column name of \"" +
                         field + "\"; write '==' for a literal '='");
      }
      name += spec[i++];
    }
    if (field.empty())
      throw UsageError("column mapping \"" + std::string(spec) + "\": empty field name before '='");
    if (name.empty())
      throw UsageError("column mapping \"" + std::string(spec) + "\": empty column name for \"" + field + "\"");
    out.emplace_back(std::move(field), std::move(name));
    if (i >= n) break;
    ++i;  // the separating ','
    if (i >= n) throw UsageError("column mapping \"" + std::string(spec) + "\": trailing ','");
  }
  return out;
}

namespace {

template <class Cols, std::size_t N>
void apply(std::string_view spec, Cols& cols, const std::pair<const char*, std::string Cols::*> (&fields)[N]) {
  for (auto& [field, name] : parse_column_mapping(spec)) {
    bool found = false;
    for (const auto& f : fields)
      if (field == f.first) {
        cols.*(f.second) = name;
        found = true;
      }
    if (!found) {
      std::string known;
      for (const auto& f : fields) known += (known.empty() ? "" : ", ") + std::string(f.first);
      throw UsageError("column mapping: unknown field \"" + field + "\"; expected one of " + known);
    }
  }
}

}  // namespace

void apply_column_mapping(std::string_view spec, LogColumns& c) {
  static const std::pair<const char*, std::string LogColumns::*> f[] = {
      {"time", &LogColumns::time},   {"source", &LogColumns::source}, {"target", &LogColumns::target},
      {"event", &LogColumns::event}, {"kind", &LogColumns::kind},     {"weight", &LogColumns::weight}};
  apply(spec, c, f);
}

void apply_column_mapping(std::string_view spec, ActorColumns& c) {
  static const std::pair<const char*, std::string ActorColumns::*> f[] = {
      {"id", &ActorColumns::id}, {"role", &ActorColumns::role}, {"label", &ActorColumns::label}, {"site", &ActorColumns::site}};
  apply(spec, c, f);
}

void apply_column_mapping(std::string_view spec, RoleChangeColumns& c) {
  static const std::pair<const char*, std::string RoleChangeColumns::*> f[] = {{"id", &RoleChangeColumns::id},
                                                                              {"time", &RoleChangeColumns::time},
                                                                              {"from", &RoleChangeColumns::from},
                                                                              {"to", &RoleChangeColumns::to}};
  apply(spec, c, f);
}

}  // namespace movemap
