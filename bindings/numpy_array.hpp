// Results handed to numpy without copying.
//
// owned_array() moves a std::vector onto the heap and makes a py::capsule
// that deletes it the base of the array: numpy reads the vector's buffer in
// place and frees it with the last reference. borrowed_array() views memory
// owned by a Python object (e.g. an immutable Network's tie table) and keeps
// that object alive as the array's base; the view is read-only.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

#include "io/node_measures.hpp"

namespace movemap::bindings {

template <class T>
pybind11::array_t<T> owned_array(std::vector<T>&& v) {
  namespace py = pybind11;
  if (v.capacity() == 0) v.reserve(1);  // a real buffer, so the array always has a base
  auto heap = std::make_unique<std::vector<T>>(std::move(v));
  std::vector<T>* raw = heap.get();
  py::capsule owner(raw, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
  heap.release();  // the capsule owns it now
  return py::array_t<T>({static_cast<py::ssize_t>(raw->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        raw->data(), owner);
}

template <class T>
pybind11::array_t<T> borrowed_array(const std::vector<T>& v, pybind11::handle owner) {
  namespace py = pybind11;
  static const T empty{};
  const T* data = v.empty() ? &empty : v.data();
  py::array_t<T> a({static_cast<py::ssize_t>(v.size())}, {static_cast<py::ssize_t>(sizeof(T))}, data, owner);
  a.attr("flags").attr("writeable") = false;
  return a;
}

// {column: array} of a registry's node columns (int64 or float64) and tie
// columns (float64), each array owning its moved-out vector.
inline pybind11::dict node_column_arrays(NodeMeasures&& nodes) {
  pybind11::dict out;
  for (MeasureColumn& c : nodes.columns) {
    if (c.integer)
      out[pybind11::str(c.name)] = owned_array(std::move(c.ints));
    else
      out[pybind11::str(c.name)] = owned_array(std::move(c.reals));
  }
  return out;
}
inline pybind11::dict tie_column_arrays(TieColumns&& ties) {
  pybind11::dict out;
  for (auto& [name, values] : ties) out[pybind11::str(name)] = owned_array(std::move(values));
  return out;
}

inline pybind11::list string_list(const std::vector<std::string>& v) {
  pybind11::list out;
  for (const auto& s : v) out.append(pybind11::str(s));
  return out;
}

}  // namespace movemap::bindings
