#include "io/actor_selection.hpp"

#include <algorithm>
#include <map>

#include "movemap/error.hpp"

namespace movemap {
namespace {

// The distinct values of a column, for "values present: ..." (at most 12).
std::string present_values(const AttributeColumn& c) {
  std::map<std::string_view, bool> seen;
  for (const auto& v : c.values)
    if (!v.empty()) seen.emplace(v, true);
  std::string out;
  std::size_t k = 0;
  for (const auto& [v, _] : seen) {
    if (k++ == 12) return out + ", ...";
    out += (out.empty() ? "" : ", ") + std::string(v);
  }
  return out.empty() ? "none" : out;
}

std::string column_names(const AttributeTable& t) {
  std::string out;
  for (const auto& c : t.columns()) out += (out.empty() ? "" : ", ") + c.name;
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<node_id> select_actors(const Network& net, const std::vector<std::string>& items,
                                   const std::string& what) {
  std::vector<node_id> out;
  for (const auto& item : items) {
    if (const auto id = net.actors.find(item)) {
      out.push_back(*id);
      continue;
    }
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      throw UsageError("unknown " + what + " \"" + item +
                       "\": no actor has this id (ids are matched exactly; to select by attribute write "
                       "e.g. role=champion)");
    const std::string column = item.substr(0, eq), value = item.substr(eq + 1);
    const AttributeColumn* c = net.attributes.find(column);
    if (!c)
      throw UsageError("unknown " + what + " \"" + item + "\": no actor has this id and there is no attribute \"" +
                       column + "\" (attributes: " + column_names(net.attributes) + ")");
    const std::size_t before = out.size();
    for (node_id u = 0; u < c->values.size(); ++u)
      if (c->values[u] == value) out.push_back(u);
    if (out.size() == before)
      throw UsageError(what + " \"" + item + "\" selects no actor: no " + column + " is \"" + value + "\" (" +
                       column + " values present: " + present_values(*c) + ")");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace movemap
