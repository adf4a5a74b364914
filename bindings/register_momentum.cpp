// Bindings for momentum (engine/include/movemap/temporal/
// momentum.hpp) with the GIL released, progress and Ctrl-C through
// python_progress.hpp, every column handed to numpy without copying. The
// pandas surface is Network.momentum in network.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/numpy_array.hpp"
#include "bindings/python_progress.hpp"
#include "bindings/register.hpp"
#include "io/duration_parser.hpp"
#include "movemap/error.hpp"
#include "movemap/temporal/momentum.hpp"

namespace py = pybind11;
namespace mm = movemap;
using movemap::bindings::owned_array;
using movemap::bindings::PyNetwork;
using movemap::bindings::PythonProgress;

namespace {

py::dict table_dict(mm::SeriesTable&& t) {
  py::dict d;
  for (mm::SeriesColumn& c : t.columns) {
    if (c.integer) d[py::str(c.name)] = owned_array(std::vector<std::int64_t>(c.values.begin(), c.values.end()));
    else d[py::str(c.name)] = owned_array(std::move(c.values));
  }
  return d;
}

template <class T>
py::array_t<std::int64_t> int64(const std::vector<T>& v) {
  return owned_array(std::vector<std::int64_t>(v.begin(), v.end()));
}

py::dict momentum(const PyNetwork& n, const std::string& scheme, const std::string& anchor, std::int64_t width, std::int64_t step,
                  std::int64_t lapse, double half_life, const std::vector<std::string>& measures, double span,
                  std::size_t rising, const std::vector<std::int64_t>& sensitivity, bool communities,
                  py::object progress) {
  mm::MomentumOptions o;
  mm::WindowOptions& w = o.indicators.windows;
  if (scheme == "sliding") w.scheme = mm::WindowScheme::Sliding;
  else if (scheme == "month") w.scheme = mm::WindowScheme::Month;
  else if (scheme == "quarter") w.scheme = mm::WindowScheme::Quarter;
  else if (scheme == "cumulative") w.scheme = mm::WindowScheme::Cumulative;
  else
    throw mm::UsageError("windows=\"" + scheme +
                         "\": expected \"sliding\", \"month\", \"quarter\" or \"cumulative\"");
  if (anchor == "end") w.anchor = mm::WindowAnchor::End;
  else if (anchor == "start") w.anchor = mm::WindowAnchor::Start;
  else throw mm::UsageError("anchor=\"" + anchor + "\": expected \"end\" or \"start\"");
  w.width = width;
  w.step = step;
  w.lapse = lapse;
  w.half_life = half_life;
  o.indicators.measures = measures;
  o.indicators.communities = communities;
  o.span = span;
  o.rising_top = rising;
  o.sensitivity_widths.assign(sensitivity.begin(), sensitivity.end());
  const PythonProgress reporter(std::move(progress));
  o.indicators.progress = reporter.callback();
  mm::MomentumResult r = reporter.run_released([&] { return mm::momentum(n.net, o); });
  mm::WindowIndicators& x = r.windows;
  std::vector<std::int64_t> start, end;
  for (const auto& win : x.windows) {
    start.push_back(win.start);
    end.push_back(win.end);
  }
  py::dict out;
  out["start"] = owned_array(std::move(start));
  out["end"] = owned_array(std::move(end));
  out["windows"] = table_dict(std::move(x.overall));
  py::dict role;
  role["window"] = int64(x.role_window);
  py::list names;
  for (const auto& s : x.role) names.append(py::str(s));
  role["role"] = names;
  role["columns"] = table_dict(std::move(x.by_role));
  out["by_role"] = role;
  py::dict nodes;
  py::list measure_names;
  for (const auto& s : x.nodes.measures) measure_names.append(py::str(s));
  nodes["measures"] = measure_names;
  nodes["window"] = int64(x.nodes.window);
  nodes["node"] = int64(x.nodes.node);
  nodes["measure"] = int64(x.nodes.measure);
  nodes["value"] = owned_array(std::move(x.nodes.value));
  nodes["rank"] = int64(r.ranks);
  out["trajectories"] = nodes;
  py::dict up;
  up["measure"] = int64(r.rising.measure);
  up["node"] = int64(r.rising.node);
  up["rank_first"] = int64(r.rising.rank_first);
  up["rank_last"] = int64(r.rising.rank_last);
  up["gain"] = owned_array(std::move(r.rising.gain));
  out["rising"] = up;
  py::dict sens;
  py::list sm;
  for (const auto& s : r.sensitivity.measure) sm.append(py::str(s));
  sens["measure"] = sm;
  sens["width_a"] = int64(r.sensitivity.width_a);
  sens["width_b"] = int64(r.sensitivity.width_b);
  sens["actors"] = int64(r.sensitivity.actors);
  sens["tau_b"] = owned_array(std::move(r.sensitivity.tau_b));
  out["sensitivity"] = sens;
  py::dict c;
  c["cohort"] = int64(r.cohorts.cohort);
  c["size"] = int64(r.cohorts.size);
  c["months_since"] = int64(r.cohorts.months_since);
  c["active"] = int64(r.cohorts.active);
  c["share"] = owned_array(std::move(r.cohorts.share));
  out["cohorts"] = c;
  py::dict tr;
  const mm::RoleTransitions& t = x.transitions;
  py::list from, to;
  for (const std::uint32_t y : t.type) {
    from.append(py::str(t.from[y]));
    to.append(py::str(t.to[y]));
  }
  tr["window"] = int64(t.window);
  tr["from"] = from;
  tr["to"] = to;
  tr["count"] = int64(t.count);
  out["role_transitions"] = tr;
  py::dict rc;
  py::list rfrom, rto;
  for (std::size_t i = 0; i < r.role_cohorts.cohort.size(); ++i) {
    rfrom.append(py::str(r.role_cohorts.from[i]));
    rto.append(py::str(r.role_cohorts.to[i]));
  }
  rc["from"] = rfrom;
  rc["to"] = rto;
  rc["cohort"] = int64(r.role_cohorts.cohort);
  rc["size"] = int64(r.role_cohorts.size);
  rc["months_since"] = int64(r.role_cohorts.months_since);
  rc["active"] = int64(r.role_cohorts.active);
  rc["share"] = owned_array(std::move(r.role_cohorts.share));
  out["role_cohorts"] = rc;
  return out;
}

}  // namespace

void register_momentum(py::module_& m) {
  m.def("parse_duration", [](const std::string& text) { return mm::parse_duration(text, "duration"); },
        py::arg("text"), "Seconds of a duration such as '90d', '12h', '2w', '3M' (30 days), '1y'.");
  m.def("window_measure_names", &mm::window_measure_names, "Node measures momentum computes per window.");
  m.def("has_contacts", [](const PyNetwork& n) { return !n.net.contacts.empty() || n.net.graph.num_ties() == 0; },
        py::arg("network"), "Whether the network kept its contacts (or has no ties), as momentum needs.");
  m.def("momentum", &momentum, py::arg("network"), py::arg("windows") = "sliding", py::arg("anchor") = "end", py::arg("width") = 90 * 86400,
        py::arg("step") = 30 * 86400, py::arg("lapse") = 0, py::arg("half_life") = 0.0,
        py::arg("measures") = std::vector<std::string>{"degree", "pagerank"}, py::arg("span") = 3.0,
        py::arg("rising") = 20, py::arg("sensitivity") = std::vector<std::int64_t>{},
        py::arg("communities") = false, py::arg("progress") = py::none(),
        "movemap::momentum (GIL released): {'start', 'end': window bounds (Unix seconds), 'windows': {column: "
        "array}, 'by_role': {'window', 'role', 'columns'}, 'trajectories': {'measures', 'window', 'node', "
        "'measure', 'value', 'rank'}, 'rising': {...}, 'sensitivity': {...}, 'cohorts': {...}, 'role_transitions': {'window', 'from', 'to', 'count'} (long; "
        "empty without role changes), 'role_cohorts': {'from', 'to', 'cohort', 'size', 'months_since', 'active', "
        "'share'}}. Durations in "
        "seconds.");
}
