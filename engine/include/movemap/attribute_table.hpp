// Per-node attributes (the actor table's columns: role, label, site, ...).
//
// Values are kept as text, as read; each column's type is inferred once from
// its non-missing values, in this order: boolean (true/false), long (64-bit
// integers), double, string. An empty cell is "missing" and is never written
// (GraphML: no <data>; CSV: empty cell).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace movemap {

enum class AttributeType { Boolean, Long, Double, String };
const char* to_string(AttributeType t);

struct AttributeColumn {
  std::string name;
  AttributeType type = AttributeType::String;
  std::vector<std::string> values;  // one per row; "" = missing

  bool missing(std::size_t row) const { return values[row].empty(); }
  // Re-infers `type` from the current values.
  void infer_type();
};

class AttributeTable {
 public:
  AttributeTable() = default;
  explicit AttributeTable(std::size_t rows) : rows_(rows) {}

  std::size_t rows() const { return rows_; }
  const std::vector<AttributeColumn>& columns() const { return columns_; }
  std::vector<AttributeColumn>& columns() { return columns_; }
  // Column by name, or nullptr.
  const AttributeColumn* find(std::string_view name) const;
  AttributeColumn* find(std::string_view name);
  // Adds an empty column (all missing) or returns the existing one.
  AttributeColumn& column(std::string_view name);
  // Grows every column to `rows` (new cells missing).
  void resize(std::size_t rows);
  // Value or "" when absent / missing.
  std::string_view get(std::string_view column, std::size_t row) const;

 private:
  std::size_t rows_ = 0;
  std::vector<AttributeColumn> columns_;
};

}  // namespace movemap
