// kubectl's RuntimeSort and TableSorter comparison: the first JSONPath result of each object,
// compared as the unstructured values' Go types are; missing values first. Go's sort.Sort runs
// insertion sort on lists this small, and kubectl's Less reports "less" for a missing value
// even against another missing one, so missing values come out in reverse order; this does
// the same insertion sort over any length, so ties keep kubectl's order.
#include "core/kubectl/sorter.h"

#include <regex>

#include "core/api/quantity.h"
#include "core/base/strings.h"
#include "core/kubectl/custom_columns.h"
#include "core/kubectl/jsonpath.h"

namespace kp {

namespace {

// resource.ParseQuantity's grammar: a signed decimal number and a suffix (binary SI, decimal SI
// or a decimal exponent); "10.244.0.9" is none.
bool isQuantity(const std::string& s) {
  static const std::regex re("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
  return std::regex_match(s, re);
}

std::string goTypeOf(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: return "map[string]interface {}";
    case Json::value_t::array: return "[]interface {}";
    case Json::value_t::boolean: return "bool";
    default: return "interface {}";
  }
}

// isLess for two interface values; false with *error for unsortable types.
bool isLess(const Json& a, const Json& b, std::string* error) {
  if (a.is_null() && b.is_null()) return false;
  if (a.is_null()) return true;
  if (b.is_null()) return false;
  if (a.is_number_integer() && b.is_number_integer()) return a.get<int64_t>() < b.get<int64_t>();
  if (a.is_number_float() && b.is_number_float()) return a.get<double>() < b.get<double>();
  if (a.is_string() && b.is_string()) {
    const auto &x = a.get_ref<const std::string&>(), &y = b.get_ref<const std::string&>();
    auto qx = isQuantity(x) ? parseQuantityMilli(x) : std::nullopt;
    auto qy = isQuantity(y) ? parseQuantityMilli(y) : std::nullopt;
    if (qx && qy) return *qx < *qy;
    return x < y;  // strings in unstructured objects compare bytewise
  }
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  if (a.is_string() || a.is_number()) return false;
  *error = "unsortable type: " + goTypeOf(a);
  return false;
}

}  // namespace

std::optional<std::vector<size_t>> sortOrder(const std::vector<const Json*>& objs, const std::string& fieldIn,
                                             std::string* error, bool* fatal) {
  *fatal = false;
  std::vector<size_t> order;
  for (size_t i = 0; i < objs.size(); i++) order.push_back(i);
  if (objs.empty()) return order;
  auto relaxed = relaxedJsonPathExpression(fieldIn, error);
  std::string field = relaxed ? *relaxed : fieldIn;
  auto tmpl = JsonPathTemplate::parse(field, error);
  if (!tmpl) return std::nullopt;
  std::vector<std::optional<Json>> first(objs.size());
  bool found = false;
  for (size_t i = 0; i < objs.size(); i++) {
    std::vector<std::vector<Json>> values;
    if (!tmpl->findResults(*objs[i], true, values, error)) return std::nullopt;
    if (!values.empty() && !values[0].empty()) {
      first[i] = values[0][0];
      found = true;
    }
  }
  if (!found) {
    *error = "couldn't find any field with path " + goQuote(field) + " in the list of objects";
    return std::nullopt;
  }
  std::string err;
  auto less = [&](size_t x, size_t y) {
    if (!first[x]) return true;
    if (!first[y]) return false;
    bool l = isLess(*first[x], *first[y], &err);
    return l;
  };
  for (size_t i = 1; i < order.size(); i++) {
    for (size_t j = i; j > 0 && less(order[j], order[j - 1]); j--) std::swap(order[j], order[j - 1]);
    if (!err.empty()) {
      *fatal = true;
      *error = "Field " + field + " in *unstructured.Unstructured is an unsortable type: interface, err: " + err;
      return std::nullopt;
    }
  }
  return order;
}

}  // namespace kp
