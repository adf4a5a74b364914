#include "movemap/structure/components.hpp"

#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>

#include "movemap/boost_view.hpp"

namespace movemap {
namespace {

// Renumbers Boost's component ids by smallest member node.
Components canonical(std::vector<std::uint32_t> raw, std::uint32_t count) {
  Components c;
  std::vector<std::uint32_t> remap(count, kNone);
  std::uint32_t next = 0;
  for (auto& x : raw) {
    if (remap[x] == kNone) remap[x] = next++;
    x = remap[x];
  }
  c.size.assign(next, 0);
  for (const auto x : raw) ++c.size[x];
  c.component = std::move(raw);
  return c;
}

}  // namespace

std::uint64_t Components::largest() const {
  return size.empty() ? 0 : *std::max_element(size.begin(), size.end());
}

Components weak_components(const Graph& g) {
  const UndirectedView view(g);
  std::vector<std::uint32_t> comp(g.num_nodes(), 0);
  const auto count = g.num_nodes() == 0 ? 0u
                                        : static_cast<std::uint32_t>(boost::connected_components(
                                              view, boost::make_iterator_property_map(
                                                        comp.begin(), get(boost::vertex_index, view))));
  return canonical(std::move(comp), count);
}

Components strong_components(const Graph& g) {
  if (!g.directed()) return weak_components(g);
  const DirectedView view(g);
  std::vector<std::uint32_t> comp(g.num_nodes(), 0);
  const auto count = g.num_nodes() == 0 ? 0u
                                        : static_cast<std::uint32_t>(boost::strong_components(
                                              view, boost::make_iterator_property_map(
                                                        comp.begin(), get(boost::vertex_index, view))));
  return canonical(std::move(comp), count);
}

}  // namespace movemap
