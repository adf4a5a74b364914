#include "movemap/role_changes.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "movemap/error.hpp"

namespace movemap {
namespace {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

void check_role_changes(const RoleChangeTable& t) {
  const std::size_t c = t.size();
  // Every rule is checked and the error on the earliest row reported (a
  // row-local error wins a tie with a chain error on the same row).
  std::optional<std::size_t> worst;
  std::string message;
  for (std::size_t i = 0; i < c && !worst; ++i) {
    if (t.id[i].empty()) message = "empty actor id; expected the id of the actor whose role changed";
    else if (t.from[i].empty()) message = "empty 'from' role; expected the role the actor held before the change";
    else if (t.to[i].empty()) message = "empty 'to' role; expected the role the actor held after the change";
    else if (t.from[i] == t.to[i])
      message = "actor " + quoted(t.id[i]) + " changes from " + quoted(t.from[i]) +
                " to the same role; expected two different roles";
    if (!message.empty()) worst = i;
  }
  // Per actor in time order: distinct times, and a chain.
  std::vector<std::size_t> order(c);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return t.id[a] != t.id[b] ? t.id[a] < t.id[b] : t.time[a] < t.time[b];
  });
  // The row named: for two changes at one time the later in the file; for a
  // broken chain the change whose `from` does not follow. Of several
  // errors, the one on the earliest row.
  for (std::size_t k = 1; k < c; ++k) {
    const std::size_t p = order[k - 1], i = order[k];
    if (t.id[p] != t.id[i]) continue;
    const std::size_t other = std::min(p, i);
    std::size_t row = 0;
    std::string m;
    if (t.time[p] == t.time[i]) {
      row = std::max(p, i);
      m = "actor " + quoted(t.id[i]) + " has a second role change at the same time as line " +
          std::to_string(t.line[other]) + "; expected one change per actor and time";
    } else if (t.from[i] != t.to[p]) {
      row = i;
      m = "actor " + quoted(t.id[i]) + " changes from " + quoted(t.from[i]) +
          ", but its previous change (line " + std::to_string(t.line[p]) + ") left it " + quoted(t.to[p]) +
          "; expected each change's 'from' to be the previous change's 'to'";
    }
    if (!m.empty() && (!worst || row < *worst)) {
      worst = row;
      message = std::move(m);
    }
  }
  if (worst) throw InputError(t.source, t.line[*worst], message);
}

}  // namespace movemap
