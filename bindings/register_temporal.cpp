// Bindings for the temporal measures on Network::contacts (temporal reach,
// recruitment cascades) and the GEXF writer: argument conversion, the GIL
// released around the engine call, results handed to numpy without copying.
// The pandas surface is Network.ripples / Network.write_gexf in network.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/numpy_array.hpp"
#include "bindings/python_progress.hpp"
#include "bindings/register.hpp"
#include "io/actor_selection.hpp"
#include "io/gexf_writer.hpp"
#include "movemap/error.hpp"
#include "movemap/temporal/cascades.hpp"
#include "movemap/temporal/reach.hpp"

namespace py = pybind11;
namespace mm = movemap;
using movemap::bindings::owned_array;
using movemap::bindings::PyNetwork;
using movemap::bindings::PythonProgress;

namespace {

std::vector<std::int64_t> signed_copy(const std::vector<std::uint64_t>& v) { return {v.begin(), v.end()}; }

template <class Run>
auto with_progress(py::object progress, Run run) {
  const PythonProgress reporter(std::move(progress));
  return reporter.run_released([&] { return run(reporter.callback()); });
}

py::dict temporal_reach(const PyNetwork& n, const std::vector<std::string>& seeds, std::optional<std::int64_t> start,
                        bool strict, bool both_ways, py::object progress) {
  mm::ReachOptions o;
  o.seeds = mm::select_actors(n.net, seeds, "seed");
  o.start = start;
  o.same_instant_chains = !strict;
  o.follow_direction = !both_ways;
  std::vector<mm::node_id> chosen = o.seeds;
  mm::TemporalReach r = with_progress(std::move(progress), [&](const mm::ProgressCallback& cb) {
    o.progress = cb;
    return mm::temporal_reach(n.net, o);
  });
  py::dict d;
  d["start"] = r.start;
  d["seeds"] = owned_array(std::move(chosen));
  d["arrival"] = owned_array(std::move(r.arrival));
  d["reached"] = r.reached;
  d["curve_time"] = owned_array(std::move(r.curve.time));
  d["curve_reached"] = owned_array(signed_copy(r.curve.reached));
  return d;
}

py::dict recruitment_cascades(const PyNetwork& n, bool follow_direction, py::object progress) {
  mm::CascadeOptions o;
  o.follow_direction = follow_direction;
  mm::Cascades c = with_progress(std::move(progress), [&](const mm::ProgressCallback& cb) {
    o.progress = cb;
    return mm::recruitment_cascades(n.net, o);
  });
  py::dict d;
  d["joined"] = owned_array(std::move(c.joined));
  d["recruiter"] = owned_array(std::move(c.recruiter));
  d["recruited_at"] = owned_array(std::move(c.recruited_at));
  d["root"] = owned_array(std::move(c.root));
  d["depth"] = owned_array(std::move(c.depth));
  d["size"] = owned_array(signed_copy(c.size));
  d["height"] = owned_array(std::move(c.height));
  d["recruits"] = owned_array(signed_copy(c.recruits));
  d["roots"] = owned_array(std::move(c.roots));
  d["order"] = owned_array(std::move(c.order));
  d["pre"] = owned_array(std::move(c.pre));
  return d;
}

// timeline: None, or {"start": int64 seconds per window, "end": ..., "columns":
// {name: (offsets, nodes, values)}} as GexfTimeline / WindowedNodeColumn.
void write_gexf(const PyNetwork& n, const std::filesystem::path& path, bool dynamic, std::int64_t lapse,
                const std::optional<std::vector<std::string>>& attributes, bool labels, bool measures,
                const std::optional<py::dict>& timeline) {
  mm::GexfOptions g;
  if (attributes) g.exports.attributes = *attributes;
  g.exports.labels = labels;
  g.dynamic = dynamic;
  g.lapse_seconds = lapse;
  mm::GexfTimeline tl;
  if (timeline) {
    const py::dict& t = *timeline;
    tl.start = t["start"].cast<std::vector<mm::timestamp>>();
    tl.end = t["end"].cast<std::vector<mm::timestamp>>();
    if (t.contains("columns"))
      for (const auto& [name, value] : t["columns"].cast<py::dict>()) {
        const auto parts = value.cast<py::tuple>();
        if (parts.size() != 3) throw mm::UsageError("timeline columns: expected (offsets, nodes, values) tuples");
        mm::WindowedNodeColumn col;
        col.name = name.cast<std::string>();
        col.offsets = parts[0].cast<std::vector<std::uint64_t>>();
        col.node = parts[1].cast<std::vector<mm::node_id>>();
        col.value = parts[2].cast<std::vector<double>>();
        tl.node_columns.push_back(std::move(col));
      }
    g.timeline = &tl;
  }
  const std::string p = path.string();
  py::gil_scoped_release release;
  const mm::NodeMeasures m = measures ? mm::degree_measures(n.net) : mm::NodeMeasures{};
  mm::write_gexf(p, n.net, m, g);
}

}  // namespace

void register_temporal(py::module_& m) {
  m.def("temporal_reach", &temporal_reach, py::arg("network"), py::arg("seeds"), py::arg("start") = py::none(),
        py::arg("strict") = false, py::arg("both_ways") = false, py::arg("progress") = py::none(),
        "Temporal reach from the seeds (actor ids or ATTRIBUTE=VALUE) along time-respecting paths "
        "(movemap/temporal/reach.hpp), GIL released. Returns {'start': int, 'seeds': uint32 node ids, 'arrival': "
        "int64 seconds per node (INT64_MAX = never), 'reached': int, 'curve_time': int64, 'curve_reached': int64}.");
  m.def("recruitment_cascades", &recruitment_cascades, py::arg("network"), py::arg("follow_direction") = false,
        py::arg("progress") = py::none(),
        "Recruitment cascades (movemap/temporal/cascades.hpp), GIL released. Returns arrays per node: joined, "
        "recruited_at (int64 seconds, INT64_MAX = none), recruiter, root (uint32, 2^32-1 = none), depth, height "
        "(uint32), size, recruits (int64); roots (node ids), order and pre (the forest's preorder).");
  m.def("write_gexf", &write_gexf, py::arg("network"), py::arg("path"), py::arg("dynamic") = false,
        py::arg("lapse") = 0, py::arg("attributes") = py::none(), py::arg("labels") = true,
        py::arg("measures") = true, py::arg("timeline") = py::none(),
        "GEXF 1.3 (io/gexf_writer.hpp): static, or dynamic with node and edge spells (lapse in seconds, 0 = none) "
        "and optional per-window node values: timeline={'start': [...], 'end': [...], 'columns': {name: "
        "(offsets, nodes, values)}}. Written atomically.");
}
