// Bindings for logs, actor tables and networks: argument conversion, the GIL
// released around every engine/io call, results handed to numpy without
// copying (numpy_array.hpp), movemap exceptions translated to the Python
// classes defined here. No analysis happens in this file.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/numpy_array.hpp"
#include "bindings/register.hpp"
#include "io/actor_table_reader.hpp"
#include "io/role_change_reader.hpp"
#include "io/column_mapping.hpp"
#include "io/csv_writer.hpp"
#include "io/graphml_writer.hpp"
#include "io/interaction_log_reader.hpp"
#include "io/json_writer.hpp"
#include "io/csv_reader.hpp"
#include "io/log_row.hpp"
#include "io/timestamp_parser.hpp"
#include "io/node_measures.hpp"
#include "movemap/centrality/degree.hpp"
#include "movemap/error.hpp"
#include "movemap/interaction_log.hpp"
#include "movemap/network.hpp"
#include "movemap/structure/components.hpp"
#include "movemap/structure/summary.hpp"

namespace py = pybind11;
namespace mm = movemap;
using movemap::bindings::borrowed_array;
using movemap::bindings::owned_array;

namespace {

// ------------------------------------------------------------ exceptions --

// The Python exception classes (module-lifetime references).
PyObject* g_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_usage_error = nullptr;
PyObject* g_io_error = nullptr;
PyObject* g_cancelled = nullptr;

PyObject* add_exception(py::module_& m, const char* name, std::initializer_list<PyObject*> bases,
                        const char* doc) {
  py::tuple b(bases.size());
  std::size_t i = 0;
  for (PyObject* base : bases) b[i++] = py::reinterpret_borrow<py::object>(base);
  // Named movemap.X: the class is re-exported by the package, and tracebacks
  // read "movemap.InputError: log.csv:3: ...".
  PyObject* e = PyErr_NewExceptionWithDoc((std::string("movemap.") + name).c_str(), doc, b.ptr(), nullptr);
  if (!e) throw py::error_already_set();
  m.add_object(name, py::handle(e));
  return e;  // our own reference, kept for the life of the process
}

void set_error(PyObject* type, const char* message) {
  PyErr_SetString(type, message);
}

void register_exceptions(py::module_& m) {
  g_error = add_exception(m, "Error", {PyExc_Exception}, "Base class of every error movemap raises.");
  g_input_error = add_exception(
      m, "InputError", {g_error, PyExc_ValueError},
      "Bad data in an input file or table. The message names the file and line (or the row) and column, "
      "what was wrong and what was expected. Attributes: file, line (0 when not from a file).");
  g_usage_error = add_exception(m, "UsageError", {g_error, PyExc_ValueError},
                                "Bad arguments or options (an unknown column field, format or option value).");
  g_io_error = add_exception(m, "IoError", {g_error, PyExc_OSError},
                             "A file could not be opened, read or written.");
  g_cancelled = add_exception(m, "Cancelled", {g_error, PyExc_KeyboardInterrupt},
                              "A long computation was interrupted (Ctrl-C).");
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const mm::InputError& e) {
      // Raise an instance carrying file and line; fall back to the message.
      PyObject* exc = PyObject_CallFunction(g_input_error, "s", e.what());
      if (exc) {
        PyObject* file = PyUnicode_DecodeUTF8(e.file().data(), static_cast<Py_ssize_t>(e.file().size()), "replace");
        PyObject* line = PyLong_FromUnsignedLongLong(e.line());
        const bool ok = file && line && PyObject_SetAttrString(exc, "file", file) == 0 &&
                        PyObject_SetAttrString(exc, "line", line) == 0;
        Py_XDECREF(file);
        Py_XDECREF(line);
        if (ok) {
          PyErr_SetObject(g_input_error, exc);
          Py_DECREF(exc);
          return;
        }
        Py_DECREF(exc);
      }
      PyErr_Clear();
      set_error(g_input_error, e.what());
    } catch (const mm::UsageError& e) {
      set_error(g_usage_error, e.what());
    } catch (const mm::IoError& e) {
      set_error(g_io_error, e.what());
    } catch (const mm::Cancelled& e) {
      set_error(g_cancelled, e.what());
    } catch (const mm::Error& e) {
      set_error(g_error, e.what());
    }
  });
}

// Ctrl-C during a long read: the progress callback (polled once per block,
// from one thread at a time) runs Python's signal handlers; a pending
// KeyboardInterrupt turns into movemap::Cancelled, raised as
// movemap.Cancelled. Signal handlers run only on the main thread, so on a
// worker thread the check waits for the next poll from the main thread (or
// for the return to Python).
mm::ProgressCallback interrupt_check() {
  return [](double) {
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) {
      PyErr_Clear();
      return false;
    }
    return true;
  };
}

// ------------------------------------------------------------ conversion --

py::str utf8(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

std::string path_string(const std::filesystem::path& p) { return p.string(); }

char parse_delimiter(const std::string& d) {
  if (d.empty()) return 0;
  if (d == "\\t" || d == "tab" || d == "\t") return '\t';
  if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') return d[0];
  throw mm::UsageError("delimiter \"" + d + "\": expected one character (e.g. ',' ';' or 'tab')");
}

template <class Cols, std::size_t N>
Cols columns_from(const py::dict& mapping, const std::pair<const char*, std::string Cols::*> (&fields)[N]) {
  Cols cols;
  for (const auto& [k, v] : mapping) {
    if (!py::isinstance<py::str>(k) || !py::isinstance<py::str>(v))
      throw mm::UsageError("column mapping: expected {field: column name} with text keys and values");
    const std::string field = py::cast<std::string>(k);
    std::string name = py::cast<std::string>(v);
    bool found = false;
    for (const auto& f : fields)
      if (field == f.first) {
        if (name.empty()) throw mm::UsageError("column mapping: empty column name for \"" + field + "\"");
        cols.*(f.second) = std::move(name);
        found = true;
        break;
      }
    if (!found) {
      std::string known;
      for (const auto& f : fields) {
        if (!known.empty()) known += ", ";
        known += f.first;
      }
      throw mm::UsageError("column mapping: unknown field \"" + field + "\"; expected one of " + known);
    }
  }
  return cols;
}

mm::LogColumns log_columns(const py::dict& mapping) {
  static const std::pair<const char*, std::string mm::LogColumns::*> f[] = {
      {"time", &mm::LogColumns::time},   {"source", &mm::LogColumns::source}, {"target", &mm::LogColumns::target},
      {"event", &mm::LogColumns::event}, {"kind", &mm::LogColumns::kind},     {"weight", &mm::LogColumns::weight}};
  return columns_from(mapping, f);
}

mm::ActorColumns actor_columns(const py::dict& mapping) {
  static const std::pair<const char*, std::string mm::ActorColumns::*> f[] = {
      {"id", &mm::ActorColumns::id},
      {"role", &mm::ActorColumns::role},
      {"label", &mm::ActorColumns::label},
      {"site", &mm::ActorColumns::site}};
  return columns_from(mapping, f);
}

py::dict stats_dict(const mm::ReadStats& s) {
  py::dict d;
  d["rows_read"] = s.rows_read;
  d["accepted"] = s.accepted;
  d["rejected"] = s.rejected;
  d["blank_lines"] = s.blank_lines;
  py::list ignored;
  for (const auto& c : s.ignored_columns) ignored.append(utf8(c));
  d["ignored_columns"] = ignored;
  return d;
}

py::object finite_or_none(double v) { return std::isfinite(v) ? py::object(py::float_(v)) : py::object(py::none()); }

// A column of Python values (str, or None / NaN / "" for absent) held as a
// private list, so no other thread can drop its strings while the GIL is
// released.
class TextColumn {
 public:
  TextColumn() = default;
  TextColumn(const py::handle& values, std::string field, std::string name)
      : field_(std::move(field)), name_(std::move(name)) {
    if (values.is_none()) return;
    if (py::isinstance<py::str>(values) || py::isinstance<py::bytes>(values))
      throw mm::UsageError("'" + field_ + "': expected a sequence of strings, not a single string");
    PyObject* list = PySequence_List(values.ptr());
    if (!list) throw py::error_already_set();
    list_ = py::reinterpret_steal<py::object>(list);
  }
  bool given() const { return list_.ptr() != nullptr; }
  std::size_t size() const { return given() ? static_cast<std::size_t>(PyList_GET_SIZE(list_.ptr())) : 0; }
  const std::string& name() const { return name_; }

  // The UTF-8 text of row i; "" for absent. Non-ASCII strings are encoded
  // into a bytes object kept in `keep` (freed with the chunk), so the
  // caller's strings do not grow a cached UTF-8 copy.
  std::string_view text(std::size_t i, std::vector<py::object>& keep) const {
    if (!given()) return {};
    PyObject* o = PyList_GET_ITEM(list_.ptr(), static_cast<Py_ssize_t>(i));
    if (o == Py_None) return {};
    if (PyUnicode_Check(o)) {
      if (PyUnicode_IS_COMPACT_ASCII(o)) {
        Py_ssize_t n = 0;
        const char* p = PyUnicode_AsUTF8AndSize(o, &n);  // the ASCII data itself, no allocation
        if (!p) throw py::error_already_set();
        return {p, static_cast<std::size_t>(n)};
      }
      PyObject* b = PyUnicode_AsUTF8String(o);
      if (!b) {
        PyErr_Clear();
        throw mm::InputError("", 0, where(i) + "the text is not valid Unicode (a lone surrogate); expected text that can be encoded as UTF-8");
      }
      keep.push_back(py::reinterpret_steal<py::object>(b));
      return {PyBytes_AS_STRING(b), static_cast<std::size_t>(PyBytes_GET_SIZE(b))};
    }
    if (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))) return {};
    throw mm::InputError("", 0, where(i) + "found a value of type " + std::string(Py_TYPE(o)->tp_name) +
                                    "; expected a string (or None for a missing value)");
  }

  std::string where(std::size_t i) const { return "row " + std::to_string(i + 1) + ": column '" + name_ + "': "; }

 private:
  py::object list_;  // a private list; null when the column is not given
  std::string field_, name_;
};

std::string name_for(const py::dict& names, const char* field) {
  if (names.contains(field)) return py::str(names[field]).cast<std::string>();
  return field;
}

// --------------------------------------------------------------- objects --

// An interaction log with its read accounting.
struct Log {
  mm::InteractionLog log;
  mm::ReadStats stats;
  bool consumed = false;
};

using movemap::bindings::PyNetwork;  // network_object.hpp (shared with the other binding files)

std::unique_ptr<Log> read_log(const std::filesystem::path& path, const py::dict& columns, const std::string& format,
                              const std::string& delimiter, const std::string& rejects_path) {
  mm::LogReadOptions o;
  o.format = mm::parse_log_format(format);
  o.delimiter = parse_delimiter(delimiter);
  o.columns = log_columns(columns);
  o.rejects_path = rejects_path;
  o.progress = interrupt_check();
  const std::string p = path_string(path);
  auto out = std::make_unique<Log>();
  {
    py::gil_scoped_release release;
    mm::LogReadResult r = mm::read_interaction_log(p, o);
    out->log = std::move(r.log);
    out->stats = std::move(r.stats);
  }
  return out;
}

// The time column of log_from_columns: int64 UTC seconds (INT64_MIN, numpy's
// NaT, = missing), or text parsed by the file reader's timestamp parser.
class TimeColumn {
 public:
  TimeColumn(const py::object& values, std::string name) : name_(std::move(name)) {
    if (py::isinstance<py::array>(values) && py::array(values).dtype().kind() != 'O' &&
        py::array(values).dtype().kind() != 'U') {
      const py::array a(values);
      const char k = a.dtype().kind();
      if (k != 'i' && k != 'u')
        throw mm::UsageError("'time': expected an int64 array of UTC seconds or a sequence of strings, not dtype " +
                             py::str(a.dtype()).cast<std::string>());
      seconds_ = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(values);
      if (!seconds_) throw py::error_already_set();
      numeric_ = true;
      if (seconds_.ndim() != 1) throw mm::UsageError("'time': expected a one-dimensional array");
      size_ = static_cast<std::size_t>(seconds_.shape(0));
    } else {
      text_ = TextColumn(values, "time", name_);
      size_ = text_.size();
    }
  }
  std::size_t size() const { return size_; }
  // The time of row i, or nullopt with the problem in `why`; `text` gets
  // the value's text when the column holds text.
  std::optional<mm::timestamp> at(std::size_t i, std::vector<py::object>& keep, std::string& why,
                                  std::string_view& text) const {
    if (numeric_) {
      const std::int64_t t = seconds_.data()[i];
      text = {};
      if (t == std::numeric_limits<std::int64_t>::min()) {
        why = "missing; expected a time (a datetime, Unix seconds or an ISO 8601 string)";
        return std::nullopt;
      }
      return t;
    }
    text = text_.text(i, keep);
    if (text.empty()) {
      why = "missing; expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z) or Unix seconds";
      return std::nullopt;
    }
    std::string reason;
    const auto t = mm::parse_timestamp(text, &reason);
    if (!t)
      why = mm::quoted_value(text) + " is not a valid time (" + reason +
            "); expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T09:30:00Z, +01:00 offsets) or Unix "
            "seconds";
    return t;
  }

 private:
  std::string name_;
  bool numeric_ = false;  // seconds_ holds the times (a default array_t is an empty array, not null)
  py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> seconds_;
  TextColumn text_;
  std::size_t size_ = 0;
};

std::unique_ptr<Log> log_from_columns(const py::object& time, const py::object& source, const py::object& target,
                                      const py::object& event, const py::object& kind, const py::object& weight,
                                      const py::dict& names, const std::filesystem::path& rejects) {
  if (time.is_none()) throw mm::UsageError("'time' is required");
  if (source.is_none()) throw mm::UsageError("'source' is required");
  if (target.is_none() && event.is_none()) throw mm::UsageError("one of 'target' or 'event' is required");
  const std::string time_name = name_for(names, "time");
  const TimeColumn tim(time, time_name);
  const std::size_t n = tim.size();
  const TextColumn src(source, "source", name_for(names, "source"));
  const TextColumn tgt(target, "target", name_for(names, "target"));
  const TextColumn evt(event, "event", name_for(names, "event"));
  const TextColumn knd(kind, "kind", name_for(names, "kind"));
  const std::string weight_name = name_for(names, "weight");
  py::array_t<double, py::array::c_style | py::array::forcecast> w;
  const bool has_weight = !weight.is_none();
  if (has_weight) {
    w = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(weight);
    if (!w) {
      PyErr_Clear();
      throw mm::UsageError("'weight': expected numbers (a float64 array) or None");
    }
    if (w.ndim() != 1) throw mm::UsageError("'weight': expected a one-dimensional array");
  }
  auto check_len = [&](std::size_t len, bool given, const char* field) {
    if (given && len != n)
      throw mm::UsageError(std::string("'") + field + "' has " + std::to_string(len) + " values and 'time' " +
                           std::to_string(n) + "; expected columns of the same length");
  };
  check_len(src.size(), true, "source");
  check_len(tgt.size(), tgt.given(), "target");
  check_len(evt.size(), evt.given(), "event");
  check_len(knd.size(), knd.given(), "kind");
  check_len(has_weight ? static_cast<std::size_t>(w.shape(0)) : 0, has_weight, "weight");
  const double* wp = has_weight ? w.data() : nullptr;

  const std::string rejects_path = path_string(rejects);
  std::unique_ptr<mm::RejectWriter> reject_writer;
  if (!rejects_path.empty()) reject_writer = std::make_unique<mm::RejectWriter>(rejects_path);

  auto out = std::make_unique<Log>();
  mm::InteractionLogBuilder builder;
  {
    py::gil_scoped_release release;
    builder.reserve(n);
  }
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  mm::InteractionBatch batch;
  std::vector<py::object> keep;
  std::string reason, column;
  // Checks row i as the file reader does (log_row.hpp); on success appends
  // it to the batch.
  auto check = [&](std::size_t i, mm::timestamp t, std::string_view s, std::string_view tg, std::string_view ev,
                   std::string_view k) {
    auto fail = [&](const TextColumn& c, const std::string& what) {
      column = c.name();
      reason = "column '" + c.name() + "': " + what;
      return false;
    };
    if (s.empty()) return fail(src, "empty; expected an actor id");
    if (auto p = mm::id_problem(s); !p.empty()) return fail(src, "the id " + mm::quoted_value(s) + " " + p);
    if (!tg.empty() && !ev.empty()) {
      column.clear();
      reason = "the row has both a target (" + mm::quoted_value(tg) + ") and an event (" + mm::quoted_value(ev) +
               "); expected one of them: a target for an interaction between two actors, an event for attendance";
      return false;
    }
    if (tg.empty() && ev.empty()) {
      if (tgt.given() && evt.given()) {
        column.clear();
        reason = "neither target nor event is set; expected an actor id in column '" + tgt.name() +
                 "' or an event id in column '" + evt.name() + "'";
        return false;
      }
      return tgt.given() ? fail(tgt, "empty; expected an actor id") : fail(evt, "empty; expected an event id");
    }
    if (!tg.empty())
      if (auto p = mm::id_problem(tg); !p.empty()) return fail(tgt, "the id " + mm::quoted_value(tg) + " " + p);
    if (!ev.empty())
      if (auto p = mm::id_problem(ev); !p.empty()) return fail(evt, "the id " + mm::quoted_value(ev) + " " + p);
    if (!k.empty())
      if (auto p = mm::id_problem(k); !p.empty()) return fail(knd, "the kind " + mm::quoted_value(k) + " " + p);
    double wt = 1.0;
    if (wp && !std::isnan(wp[i])) {
      wt = wp[i];
      if (!std::isfinite(wt) || !(wt > 0)) {
        column = weight_name;
        std::string v;
        mm::append_double(v, wt);
        reason = "column '" + weight_name + "': " + v +
                 " is not a positive number; expected a finite number > 0 (NaN or None means 1)";
        return false;
      }
    }
    batch.push_back(t, s, tg, ev, k, wt);
    return true;
  };
  // The row as CSV text for the rejects file.
  auto record = [&](std::size_t i, const std::optional<mm::timestamp>& t, std::string_view time_text,
                    std::string_view s, std::string_view tg, std::string_view ev, std::string_view k) {
    std::string r;
    if (!time_text.empty()) mm::append_csv_field(r, time_text);
    else if (t) mm::append_timestamp(r, *t);
    for (const std::string_view v : {s, tg, ev, k}) {
      r += ',';
      mm::append_csv_field(r, v);
    }
    r += ',';
    if (wp && !std::isnan(wp[i])) mm::append_double(r, wp[i]);
    return r;
  };
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    batch.clear();
    keep.clear();
    for (std::size_t i = begin; i < end; ++i) {
      std::string_view time_text;
      const auto t = tim.at(i, keep, reason, time_text);
      const std::string_view s = src.text(i, keep), tg = tgt.text(i, keep), ev = evt.text(i, keep),
                             k = knd.text(i, keep);
      bool ok;
      if (t) {
        ok = check(i, *t, s, tg, ev, k);
      } else {
        ok = false;
        column = time_name;
        reason = "column '" + column + "': " + reason;
      }
      if (ok) continue;
      if (!reject_writer) throw mm::InputError("", 0, "row " + std::to_string(i + 1) + ": " + reason);
      reject_writer->add(mm::RowReject{i + 1, column, reason, record(i, t, time_text, s, tg, ev, k)});
      ++out->stats.rejected;
    }
    {
      py::gil_scoped_release release;
      builder.append(batch);
    }
  }
  batch = mm::InteractionBatch{};
  keep.clear();
  {
    py::gil_scoped_release release;
    if (reject_writer) reject_writer->commit();
    out->log = builder.finish();
  }
  out->stats.rows_read = n;
  out->stats.accepted = n - out->stats.rejected;
  return out;
}

std::unique_ptr<mm::ActorTable> read_actors(const std::filesystem::path& path, const py::dict& columns,
                                            const std::string& format, const std::string& delimiter) {
  mm::ActorReadOptions o;
  o.format = mm::parse_log_format(format);
  o.delimiter = parse_delimiter(delimiter);
  o.columns = actor_columns(columns);
  const std::string p = path_string(path);
  auto out = std::make_unique<mm::ActorTable>();
  py::gil_scoped_release release;
  *out = mm::read_actor_table(p, o);
  return out;
}

std::unique_ptr<mm::ActorTable> actors_from_columns(const py::object& ids, const py::dict& attributes,
                                                    const std::string& id_name) {
  const TextColumn id_col(ids, "id", id_name);
  const std::size_t n = id_col.size();
  auto out = std::make_unique<mm::ActorTable>();
  std::vector<py::object> keep;
  std::vector<std::string_view> views(n);
  for (std::size_t i = 0; i < n; ++i) {
    views[i] = id_col.text(i, keep);
    if (views[i].empty()) throw mm::InputError("", 0, id_col.where(i) + "empty; expected an actor id");
    if (auto p = mm::id_problem(views[i]); !p.empty())
      throw mm::InputError("", 0, id_col.where(i) + "the id " + mm::quoted_value(views[i]) + " " + p);
  }
  {
    py::gil_scoped_release release;
    out->ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t before = out->ids.size();
      const std::uint32_t id = out->ids.intern(views[i]);
      if (id < before)
        throw mm::InputError("", 0,
                             "row " + std::to_string(i + 1) + ": duplicate actor id " + mm::quoted_value(views[i]) +
                                 " (first on row " + std::to_string(id + 1) + "); expected each actor once");
    }
    out->attributes.resize(n);
  }
  for (const auto& [k, v] : attributes) {
    if (!py::isinstance<py::str>(k)) throw mm::UsageError("attributes: expected {name: values} with text names");
    const std::string name = k.cast<std::string>();
    if (name.empty() || name == "id")
      throw mm::UsageError("attributes: \"" + name + "\" cannot be an attribute name (the id is given apart)");
    if (out->attributes.find(name)) throw mm::UsageError("attributes: \"" + name + "\" given twice");
    const TextColumn col(v, name, name);
    if (col.size() != n)
      throw mm::UsageError("attribute '" + name + "' has " + std::to_string(col.size()) + " values and 'ids' " +
                           std::to_string(n) + "; expected one value per actor");
    mm::AttributeColumn& c = out->attributes.column(name);
    for (std::size_t i = 0; i < n; ++i) {
      keep.clear();
      c.values[i] = std::string(col.text(i, keep));
    }
  }
  py::gil_scoped_release release;
  for (auto& c : out->attributes.columns()) c.infer_type();
  return out;
}

std::unique_ptr<mm::RoleChangeTable> read_role_changes(const std::filesystem::path& path, const py::dict& columns,
                                                       const std::string& delimiter) {
  mm::RoleChangeReadOptions o;
  static const std::pair<const char*, std::string mm::RoleChangeColumns::*> f[] = {
      {"id", &mm::RoleChangeColumns::id},
      {"time", &mm::RoleChangeColumns::time},
      {"from", &mm::RoleChangeColumns::from},
      {"to", &mm::RoleChangeColumns::to}};
  o.columns = columns_from(columns, f);
  o.delimiter = parse_delimiter(delimiter);
  const std::string p = path_string(path);
  auto out = std::make_unique<mm::RoleChangeTable>();
  py::gil_scoped_release release;
  *out = mm::read_role_changes(p, o);
  return out;
}

std::unique_ptr<PyNetwork> build_network(Log& log, const mm::ActorTable* actors, bool directed,
                                         const std::string& attendance, bool consume, bool keep_contacts,
                                         const mm::RoleChangeTable* role_changes) {
  if (log.consumed)
    throw mm::UsageError("this Log was consumed by an earlier build_network(..., consume=True); read it again");
  mm::NetworkOptions o;
  o.directed = directed;
  o.keep_contacts = keep_contacts;
  if (attendance == "count") o.attendance = mm::AttendanceWeighting::Count;
  else if (attendance == "newman") o.attendance = mm::AttendanceWeighting::Newman;
  else if (attendance == "none") o.attendance = mm::AttendanceWeighting::None;
  else throw mm::UsageError("attendance \"" + attendance + "\": expected \"count\", \"newman\" or \"none\"");
  auto out = std::make_unique<PyNetwork>();
  out->read_stats = log.stats;
  if (consume) log.consumed = true;
  py::gil_scoped_release release;
  if (consume) {
    out->net = mm::build_network(std::move(log.log), actors, o, role_changes);
    log.log = mm::InteractionLog{};
  } else {
    out->net = mm::build_network(log.log, actors, o, role_changes);
  }
  return out;
}

mm::ExportOptions export_options(const std::optional<std::vector<std::string>>& attributes, bool labels) {
  mm::ExportOptions e;
  if (attributes) e.attributes = *attributes;
  e.labels = labels;
  return e;
}

std::vector<std::int64_t> to_int64(const std::vector<std::uint64_t>& v) { return {v.begin(), v.end()}; }

py::dict summary_dict(const mm::NetworkSummary& s) {
  py::dict d;
  d["directed"] = s.directed;
  d["actors"] = s.actors;
  d["ties"] = s.ties;
  d["self_loops"] = s.self_loops;
  d["isolates"] = s.isolates;
  d["density"] = s.density;
  d["reciprocity"] = finite_or_none(s.reciprocity);
  d["total_weight"] = s.total_weight;
  d["weak_components"] = s.weak_components;
  d["strong_components"] = s.strong_components;
  d["largest_component"] = s.largest_component;
  d["largest_component_share"] = s.largest_component_share;
  d["events"] = s.events;
  d["attendances"] = s.attendances;
  py::dict roles;
  for (const auto& [r, c] : s.actors_by_role) roles[utf8(r)] = c;
  d["actors_by_role"] = roles;
  const mm::NetworkStats& st = s.stats;
  d["interactions"] = st.interactions;
  d["pair_rows"] = st.pair_rows;
  d["attendance_rows"] = st.attendance_rows;
  d["self_interactions"] = st.self_interactions;
  d["coattendance_interactions"] = st.coattendance_interactions;
  d["actors_in_table"] = st.actors_in_table;
  d["actors_created"] = st.actors_created;
  d["actors_without_interactions"] = st.actors_without_interactions;
  d["first_time"] = st.interactions ? py::object(py::int_(st.first_time)) : py::object(py::none());
  d["last_time"] = st.interactions ? py::object(py::int_(st.last_time)) : py::object(py::none());
  return d;
}

py::list names_list(const mm::IdMap& ids) {
  py::list out(ids.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) out[i] = utf8(ids.name(i));
  return out;
}

py::dict attributes_dict(const mm::AttributeTable& table) {
  py::dict d;
  for (const auto& c : table.columns()) {
    py::list values(c.values.size());
    for (std::size_t i = 0; i < c.values.size(); ++i)
      values[i] = c.values[i].empty() ? py::object(py::none()) : py::object(utf8(c.values[i]));
    d[utf8(c.name)] = values;
  }
  return d;
}

py::dict attribute_types(const mm::AttributeTable& table) {
  py::dict d;
  for (const auto& c : table.columns()) d[utf8(c.name)] = mm::to_string(c.type);
  return d;
}

}  // namespace

void register_network(py::module_& m) {
  register_exceptions(m);

  py::class_<Log>(m, "Log", "An interaction log held in columns (from read_log or log_from_columns).")
      .def_property_readonly("rows", [](const Log& l) { return l.log.rows(); }, "Accepted rows.")
      .def_property_readonly("stats", [](const Log& l) { return stats_dict(l.stats); },
                             "Read accounting: rows_read, accepted, rejected, blank_lines, ignored_columns.")
      .def_property_readonly("num_actors", [](const Log& l) { return l.log.actors.size(); })
      .def_property_readonly("num_events", [](const Log& l) { return l.log.events.size(); })
      .def_property_readonly("consumed", [](const Log& l) { return l.consumed; })
      .def("__len__", [](const Log& l) { return l.log.rows(); })
      .def("__repr__", [](const Log& l) {
        return "<movemap._core.Log rows=" + std::to_string(l.log.rows()) +
               " actors=" + std::to_string(l.log.actors.size()) + (l.consumed ? " consumed" : "") + ">";
      });

  py::class_<mm::ActorTable>(m, "ActorTable", "Actors in table order with their attributes.")
      .def_property_readonly("size", [](const mm::ActorTable& t) { return t.ids.size(); })
      .def("__len__", [](const mm::ActorTable& t) { return t.ids.size(); })
      .def("ids", [](const mm::ActorTable& t) { return names_list(t.ids); })
      .def("attributes", [](const mm::ActorTable& t) { return attributes_dict(t.attributes); })
      .def("attribute_types", [](const mm::ActorTable& t) { return attribute_types(t.attributes); })
      .def("__repr__", [](const mm::ActorTable& t) {
        return "<movemap._core.ActorTable actors=" + std::to_string(t.ids.size()) +
               " columns=" + std::to_string(t.attributes.columns().size()) + ">";
      });

  py::class_<mm::RoleChangeTable>(m, "RoleChangeTable", "Role changes as read (id, time, from, to per row).")
      .def("__len__", [](const mm::RoleChangeTable& t) { return t.size(); })
      .def("__repr__", [](const mm::RoleChangeTable& t) {
        return "<movemap._core.RoleChangeTable changes=" + std::to_string(t.size()) + ">";
      });

  py::class_<PyNetwork>(m, "Network", "A movement's network: actors, attributes, aggregated ties (immutable).")
      .def_property_readonly("num_nodes", [](const PyNetwork& n) { return n.net.graph.num_nodes(); })
      .def_property_readonly("num_ties", [](const PyNetwork& n) { return n.net.graph.num_ties(); })
      .def_property_readonly("directed", [](const PyNetwork& n) { return n.net.directed(); })
      .def_property_readonly("read_stats", [](const PyNetwork& n) { return stats_dict(n.read_stats); })
      .def("actor_ids", [](const PyNetwork& n) { return names_list(n.net.actors); }, "External ids in node order.")
      .def(
          "role_changes",
          [](const PyNetwork& n) {
            const mm::RoleChanges& c = n.net.role_changes;
            py::dict d;
            d["actor"] = owned_array(std::vector<std::int64_t>(c.actor.begin(), c.actor.end()));
            d["time"] = owned_array(std::vector<std::int64_t>(c.time.begin(), c.time.end()));
            py::list from, to;
            for (std::size_t i = 0; i < c.size(); ++i) {
              from.append(py::str(c.from[i]));
              to.append(py::str(c.to[i]));
            }
            d["from"] = from;
            d["to"] = to;
            return d;
          },
          "The role changes (Network::role_changes), sorted by (time, actor): actor (node id), time (Unix "
          "seconds), from, to.")
      .def("attributes", [](const PyNetwork& n) { return attributes_dict(n.net.attributes); },
           "{column: [value or None per node]}; every network has 'role'.")
      .def("attribute_types", [](const PyNetwork& n) { return attribute_types(n.net.attributes); },
           "{column: 'boolean' | 'long' | 'double' | 'string'} as inferred.")
      .def("kinds", [](const PyNetwork& n) { return names_list(n.net.kinds); }, "Interaction kinds in id order.")
      .def(
          "summary",
          [](const PyNetwork& n) {
            mm::NetworkSummary s;
            {
              py::gil_scoped_release release;
              s = mm::summarize(n.net);
            }
            return summary_dict(s);
          },
          "NetworkSummary and NetworkStats as one dict (reciprocity None when undirected).")
      .def(
          "degree",
          [](const PyNetwork& n) {
            mm::DegreeResult d;
            std::vector<std::int64_t> in, out, all;
            {
              py::gil_scoped_release release;
              d = mm::degree(n.net.graph);
              in = to_int64(d.in_degree);
              out = to_int64(d.out_degree);
              all = to_int64(d.degree);
              d.in_degree = {};
              d.out_degree = {};
              d.degree = {};
            }
            py::dict r;
            r["in_degree"] = owned_array(std::move(in));
            r["out_degree"] = owned_array(std::move(out));
            r["degree"] = owned_array(std::move(all));
            r["in_strength"] = owned_array(std::move(d.in_strength));
            r["out_strength"] = owned_array(std::move(d.out_strength));
            r["strength"] = owned_array(std::move(d.strength));
            return r;
          },
          "Degree (int64) and strength (float64) per node, networkx's conventions (centrality/degree.hpp).")
      .def(
          "weak_components",
          [](const PyNetwork& n) {
            mm::Components c;
            {
              py::gil_scoped_release release;
              c = mm::weak_components(n.net.graph);
            }
            return owned_array(std::move(c.component));
          },
          "Weak component id per node (component 0 holds node 0).")
      .def(
          "strong_components",
          [](const PyNetwork& n) {
            mm::Components c;
            {
              py::gil_scoped_release release;
              c = mm::strong_components(n.net.graph);
            }
            return owned_array(std::move(c.component));
          },
          "Strong component id per node.")
      .def(
          "ties",
          [](py::object self) {
            const mm::TieTable& t = self.cast<const PyNetwork&>().net.graph.ties();
            py::dict r;
            r["source"] = borrowed_array(t.source, self);
            r["target"] = borrowed_array(t.target, self);
            r["weight"] = borrowed_array(t.weight, self);
            r["count"] = borrowed_array(t.count, self);
            r["first_seen"] = borrowed_array(t.first_seen, self);
            r["last_seen"] = borrowed_array(t.last_seen, self);
            return r;
          },
          "Read-only views of the tie table (sorted by source, target); node ids index actor_ids().")
      .def(
          "tie_kinds",
          [](const PyNetwork& n) {
            const mm::Network& net = n.net;
            const mm::TieTable& t = net.graph.ties();
            // Kind names sorted once; each tie's kinds joined in name order.
            std::vector<std::uint32_t> rank(net.kinds.size());
            {
              std::vector<std::uint32_t> order(net.kinds.size());
              for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
              std::sort(order.begin(), order.end(),
                        [&](std::uint32_t a, std::uint32_t b) { return net.kinds.name(a) < net.kinds.name(b); });
              for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
            }
            // One Python string per distinct combination, shared by its ties.
            py::list out(t.size());
            std::map<std::vector<std::uint32_t>, py::str> made;
            std::vector<std::uint32_t> ks;
            std::string joined;
            for (mm::edge_id e = 0; e < t.size(); ++e) {
              const auto span = t.kinds(e);
              ks.assign(span.begin(), span.end());
              auto it = made.find(ks);
              if (it == made.end()) {
                std::vector<std::uint32_t> sorted = ks;
                std::sort(sorted.begin(), sorted.end(),
                          [&](std::uint32_t a, std::uint32_t b) { return rank[a] < rank[b]; });
                joined.clear();
                for (const auto k : sorted) {
                  if (!joined.empty()) joined += ';';
                  joined += net.kinds.name(k);
                }
                it = made.emplace(ks, utf8(joined)).first;
              }
              out[e] = it->second;
            }
            return out;
          },
          "';'-joined kind names of each tie, sorted by name.")
      .def(
          "write_graphml",
          [](const PyNetwork& n, const std::filesystem::path& path,
             const std::optional<std::vector<std::string>>& attributes, bool labels, bool measures) {
            const std::string p = path_string(path);
            const mm::ExportOptions e = export_options(attributes, labels);
            py::gil_scoped_release release;
            const mm::NodeMeasures m = measures ? mm::degree_measures(n.net) : mm::NodeMeasures{};
            mm::write_graphml(p, n.net, m, e);
          },
          py::arg("path"), py::arg("attributes") = py::none(), py::arg("labels") = true, py::arg("measures") = true,
          "GraphML for Gephi with the actor attributes and (measures=True) degree, strength and component.")
      .def(
          "write_node_table",
          [](const PyNetwork& n, const std::filesystem::path& path,
             const std::optional<std::vector<std::string>>& attributes, bool labels, bool measures) {
            const std::string p = path_string(path);
            const mm::ExportOptions e = export_options(attributes, labels);
            py::gil_scoped_release release;
            const mm::NodeMeasures m = measures ? mm::degree_measures(n.net) : mm::NodeMeasures{};
            mm::write_node_table(p, n.net, m, e);
          },
          py::arg("path"), py::arg("attributes") = py::none(), py::arg("labels") = true, py::arg("measures") = true,
          "CSV node table (as `movemap map` writes nodes.csv).")
      .def(
          "write_tie_table",
          [](const PyNetwork& n, const std::filesystem::path& path) {
            const std::string p = path_string(path);
            py::gil_scoped_release release;
            mm::write_tie_table(p, n.net);
          },
          py::arg("path"), "CSV tie table (as `movemap map` writes ties.csv).")
      .def(
          "write_summary",
          [](const PyNetwork& n, const std::filesystem::path& path) {
            const std::string p = path_string(path);
            py::gil_scoped_release release;
            mm::write_summary_json(p, mm::summarize(n.net), n.read_stats);
          },
          py::arg("path"), "JSON run summary (as `movemap map` writes summary.json).")
      .def("__repr__", [](const PyNetwork& n) {
        return std::string("<movemap._core.Network ") + (n.net.directed() ? "directed" : "undirected") +
               " actors=" + std::to_string(n.net.graph.num_nodes()) +
               " ties=" + std::to_string(n.net.graph.num_ties()) + ">";
      });

  m.def("read_log", &read_log, py::arg("path"), py::arg("columns") = py::dict(), py::arg("format") = "auto",
        py::arg("delimiter") = "", py::arg("rejects_path") = "",
        "Reads an interaction log (CSV/TSV, JSON Lines, JSON array). `columns` maps fields to your column names "
        "({'time': 'When'}); with `rejects_path` bad rows are skipped and written there, else the first bad row "
        "raises InputError 'file:line: ...'.");
  m.def("log_from_columns", &log_from_columns, py::arg("time"), py::arg("source"), py::arg("target") = py::none(),
        py::arg("event") = py::none(), py::arg("kind") = py::none(), py::arg("weight") = py::none(),
        py::arg("names") = py::dict(), py::arg("rejects_path") = "",
        "Builds a log from columns: time (int64 UTC seconds, INT64_MIN = missing; or strings parsed like the "
        "file reader's times), source, target, event, kind (sequences of str; "
        "None, NaN or '' = absent), weight (float64 or None; NaN = 1). Rows are checked as the file reader checks "
        "them; the first bad row raises InputError 'row N: column ...'. `names` maps fields to the column names "
        "used in messages. With `rejects_path`, bad rows are skipped and written there (line = row number).");
  m.def("read_actors", &read_actors, py::arg("path"), py::arg("columns") = py::dict(), py::arg("format") = "auto",
        py::arg("delimiter") = "", "Reads an actor table (id, role, label, site, ...).");
  m.def("actors_from_columns", &actors_from_columns, py::arg("ids"), py::arg("attributes") = py::dict(),
        py::arg("id_name") = "id",
        "Builds an actor table from ids and {attribute: values} (str or None per actor).");
  m.def("build_network", &build_network, py::arg("log"), py::arg("actors") = py::none(), py::arg("directed") = true,
        py::arg("attendance") = "count", py::arg("consume") = false,
        py::arg("keep_contacts") = true, py::arg("role_changes") = py::none(),
        "Builds the network. attendance: 'count' (1 per shared event), 'newman' (1/(k-1)) or 'none' (no "
        "co-attendance ties; the bipartite form only). consume=True frees "
        "the log's rows while building (lower peak memory); the Log cannot be used again. keep_contacts=True "
        "(the default here, unlike the C++ NetworkOptions) keeps every interaction as a time-stamped contact "
        "(36 bytes each) for subnetwork by time and the temporal measures. role_changes: a RoleChangeTable "
        "(read_role_changes); docs/data-model.md.");
  m.def("read_role_changes", &read_role_changes, py::arg("path"), py::arg("columns") = py::dict(),
        py::arg("delimiter") = "",
        "Reads a role-change table (CSV/TSV: id, time, from, to; columns maps fields to your names); checked, "
        "InputError file:line on a bad row.");
}
