// kubectl's custom-columns printer (pkg/cmd/get/customcolumn.go), rebuilt on the project's
// JSONPath engine and tabwriter.
#include "core/kubectl/custom_columns.h"

#include <regex>

#include "core/kubectl/jsonpath.h"
#include "core/kubectl/printers.h"

namespace kp {

std::optional<std::string> relaxedJsonPathExpression(const std::string& path, std::string* error) {
  if (path.empty()) return path;
  static const std::regex re("^\\{\\.?([^{}]+)\\}$|^\\.?([^{}]+)$");
  std::smatch m;
  if (!std::regex_match(path, m, re)) {
    if (error)
      *error = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    return std::nullopt;
  }
  std::string field = m[1].length() ? m[1].str() : m[2].str();
  return "{." + field + "}";
}

std::optional<CustomColumnsPrinter> CustomColumnsPrinter::fromSpec(const std::string& spec, bool noHeaders,
                                                                   std::string* error) {
  if (spec.empty()) {
    *error = "custom-columns format specified but no custom columns given";
    return std::nullopt;
  }
  CustomColumnsPrinter p;
  p.noHeaders = noHeaders;
  size_t a = 0;
  while (true) {
    size_t c = spec.find(',', a);
    std::string part = spec.substr(a, c == std::string::npos ? std::string::npos : c - a);
    size_t colon = part.find(':');
    if (colon == std::string::npos) {
      *error = "unexpected custom-columns spec: " + part + ", expected <header>:<json-path-expr>";
      return std::nullopt;
    }
    auto path = relaxedJsonPathExpression(part.substr(colon + 1), error);
    if (!path) return std::nullopt;
    p.columns.push_back({part.substr(0, colon), *path});
    if (c == std::string::npos) break;
    a = c + 1;
  }
  return p;
}

namespace {

// bufio.ScanLines then ScanWords: the first two lines, split on white space.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::optional<CustomColumnsPrinter> CustomColumnsPrinter::fromTemplate(const std::string& text, std::string* error) {
  std::vector<std::string> lines;
  size_t a = 0;
  while (a < text.size() && lines.size() < 2) {
    size_t nl = text.find('\n', a);
    lines.push_back(text.substr(a, nl == std::string::npos ? std::string::npos : nl - a));
    if (nl == std::string::npos) break;
    a = nl + 1;
  }
  const char* expected = "Expected format is one line of space separated headers, one line of space separated column specs.";
  if (lines.empty()) {
    *error = std::string("invalid template, missing header line. ") + expected;
    return std::nullopt;
  }
  if (lines.size() < 2) {
    *error = std::string("invalid template, missing spec line. ") + expected;
    return std::nullopt;
  }
  auto headers = words(lines[0]), specs = words(lines[1]);
  if (headers.size() != specs.size()) {
    *error = "number of headers (" + std::to_string(headers.size()) + ") and field specifications (" +
             std::to_string(specs.size()) + ") don't match";
    return std::nullopt;
  }
  CustomColumnsPrinter p;
  for (size_t i = 0; i < headers.size(); i++) {
    auto path = relaxedJsonPathExpression(specs[i], error);
    if (!path) return std::nullopt;
    p.columns.push_back({headers[i], *path});
  }
  return p;
}

std::string CustomColumnsPrinter::print(const Json& obj, std::string* error) const {
  std::string text;
  auto flush = [&]() { return tabwriteText(text, 6, 3); };
  if (!noHeaders) {
    for (size_t i = 0; i < columns.size(); i++) text += (i ? "\t" : "") + columns[i].header;
    text += "\n";
  }
  std::vector<JsonPathTemplate> parsers;
  for (const auto& c : columns) {
    auto t = JsonPathTemplate::parse(c.fieldSpec, error);
    if (!t) return flush();
    parsers.push_back(std::move(*t));
  }
  std::vector<const Json*> objs;
  // meta.IsListType: a List (or FooList) prints one row per item
  std::string kind = obj.is_object() ? obj.value("kind", "") : "";
  bool isList = obj.is_object() && obj.contains("items") && obj["items"].is_array() && kind.size() >= 4 &&
                kind.compare(kind.size() - 4, 4, "List") == 0;
  if (isList) {
    for (const auto& it : obj["items"]) objs.push_back(&it);
  } else {
    objs.push_back(&obj);
  }
  for (const Json* o : objs) {
    for (size_t i = 0; i < parsers.size(); i++) {
      std::vector<std::vector<Json>> values;
      if (!parsers[i].findResults(*o, true, values, error)) return flush();
      std::vector<std::string> parts;
      if (values.empty() || values[0].empty()) parts.push_back("<none>");
      for (const auto& arr : values)
        for (const auto& v : arr) {
          std::string s = goSprint(v), esc;
          for (char ch : s) {
            if (ch == '\x1b') esc += "^[";
            else if (ch == '\r') esc += "\\r";
            else esc += ch;
          }
          parts.push_back(esc);
        }
      std::string cell;
      for (size_t k = 0; k < parts.size(); k++) cell += (k ? "," : "") + parts[k];
      text += (i ? "\t" : "") + cell;
    }
    text += "\n";
  }
  return flush();
}

}  // namespace kp
