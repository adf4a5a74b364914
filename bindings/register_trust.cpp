// Personal data: pseudonymisation (io/pseudonymise.hpp).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bindings/network_object.hpp"
#include "bindings/register.hpp"
#include "io/pseudonymise.hpp"

namespace py = pybind11;
namespace mm = movemap;

void register_trust(py::module_& m) {
  m.def(
      "read_pseudonym_key",
      [](const std::filesystem::path& path) { return py::bytes(mm::read_pseudonym_key(path.string())); },
      py::arg("path"), "The key file's bytes (IoError if unreadable, UsageError if under 16 bytes).");
  m.def(
      "pseudonym", [](const py::bytes& key, const std::string& id) { return mm::pseudonym(std::string(key), id); },
      py::arg("key"), py::arg("id"), "First 16 bytes of HMAC-SHA-256(key, id), hex.");
  m.def(
      "pseudonymise",
      [](mm::bindings::PyNetwork& n, const py::bytes& key, const std::vector<std::string>& keep) {
        std::string k = key;
        {
          py::gil_scoped_release release;
          mm::pseudonymise(n.net, k, keep);
        }
        std::fill(k.begin(), k.end(), '\0');
      },
      py::arg("network"), py::arg("key"), py::arg("keep") = std::vector<std::string>{},
      "Replaces every actor id by its pseudonym and drops every attribute but role and `keep` (default: role, "
      "site), in place. Call before anything else uses the network.");
}
