#include "movemap/attribute_table.hpp"

#include <charconv>
#include <cmath>

namespace movemap {

const char* to_string(AttributeType t) {
  switch (t) {
    case AttributeType::Boolean: return "boolean";
    case AttributeType::Long: return "long";
    case AttributeType::Double: return "double";
    case AttributeType::String: return "string";
  }
  return "string";
}

namespace {

bool is_long(std::string_view s) {
  std::int64_t v;
  const char* b = s.data();
  if (!s.empty() && s[0] == '+') ++b;
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && b != p;
}

bool is_double(std::string_view s) {
  double v;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // Only plain decimal numbers: from_chars also takes "nan"/"inf", which
  // would make a column of names like "Nancy" numeric.
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  return std::isfinite(v);
}

bool is_boolean(std::string_view s) { return s == "true" || s == "false"; }

}  // namespace

void AttributeColumn::infer_type() {
  bool any = false, all_bool = true, all_long = true, all_double = true;
  for (const auto& v : values) {
    if (v.empty()) continue;
    any = true;
    if (all_bool && !is_boolean(v)) all_bool = false;
    if (all_long && !is_long(v)) all_long = false;
    if (all_double && !is_double(v)) all_double = false;
    if (!all_bool && !all_long && !all_double) break;
  }
  if (!any) type = AttributeType::String;
  else if (all_bool) type = AttributeType::Boolean;
  else if (all_long) type = AttributeType::Long;
  else if (all_double) type = AttributeType::Double;
  else type = AttributeType::String;
}

const AttributeColumn* AttributeTable::find(std::string_view name) const {
  for (const auto& c : columns_)
    if (c.name == name) return &c;
  return nullptr;
}

AttributeColumn* AttributeTable::find(std::string_view name) {
  for (auto& c : columns_)
    if (c.name == name) return &c;
  return nullptr;
}

AttributeColumn& AttributeTable::column(std::string_view name) {
  if (auto* c = find(name)) return *c;
  AttributeColumn c;
  c.name = std::string(name);
  c.values.resize(rows_);
  columns_.push_back(std::move(c));
  return columns_.back();
}

void AttributeTable::resize(std::size_t rows) {
  rows_ = rows;
  for (auto& c : columns_) c.values.resize(rows);
}

std::string_view AttributeTable::get(std::string_view column, std::size_t row) const {
  const auto* c = find(column);
  if (!c || row >= c->values.size()) return {};
  return c->values[row];
}

}  // namespace movemap
