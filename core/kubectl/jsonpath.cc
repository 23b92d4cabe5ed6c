// A small JSONPath for `kubectl wait --for=jsonpath=...` (one path: fields, [n], [*], filters),
// and renderJsonPathTemplate, which runs whole templates on the full engine of jsonpath.h.
// Bounded and exception-free on any input.
#include <cmath>
#include <cstdio>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

bool isFieldChar(char c) {
  return c != '.' && c != '[' && c != ']' && c != '{' && c != '}' && c != '(' && c != ')' && c != ' ' &&
         c != '=' && c != '!' && c != '"' && c != '\'';
}

// Parses steps from text[i..] until end or a character that cannot continue a path.
bool parseSteps(const std::string& t, size_t& i, std::vector<JsonPath::Step>& steps, std::string* error, int depth) {
  if (depth > 8) {
    *error = "expression nested too deeply";
    return false;
  }
  while (i < t.size()) {
    char c = t[i];
    if (c == '.') {
      i++;
      if (i < t.size() && t[i] == '.') {
        *error = "recursive descent (..) is not supported here";
        return false;
      }
      std::string name;
      while (i < t.size()) {
        if (t[i] == '\\' && i + 1 < t.size()) {  // escaped dots in label keys
          name += t[i + 1];
          i += 2;
          continue;
        }
        if (!isFieldChar(t[i])) break;
        name += t[i++];
      }
      if (name.empty()) continue;  // a lone "." (the current object)
      JsonPath::Step s;
      if (name == "*") s.kind = JsonPath::Step::All;
      else s.field = name;
      steps.push_back(s);
    } else if (c == '[') {
      size_t close = t.find(']', i);
      if (t.compare(i, 3, "[?(") == 0) {
        // [?(@.path=="value")]
        size_t j = i + 3;
        if (j >= t.size() || t[j] != '@') {
          *error = "unrecognized filter";
          return false;
        }
        j++;
        JsonPath::Step s;
        s.kind = JsonPath::Step::Filter;
        if (!parseSteps(t, j, s.filterPath, error, depth + 1)) return false;
        while (j < t.size() && t[j] == ' ') j++;
        if (t.compare(j, 2, "==") == 0) j += 2;
        else if (t.compare(j, 2, "!=") == 0) j += 2, s.filterNotEqual = true;
        else {
          *error = "unrecognized filter";
          return false;
        }
        while (j < t.size() && t[j] == ' ') j++;
        if (j < t.size() && (t[j] == '"' || t[j] == '\'')) {
          char q = t[j++];
          size_t end = t.find(q, j);
          if (end == std::string::npos) {
            *error = "unclosed string";
            return false;
          }
          s.filterValue = t.substr(j, end - j);
          j = end + 1;
        } else {
          while (j < t.size() && t[j] != ')' && t[j] != ' ') s.filterValue += t[j++];
        }
        while (j < t.size() && t[j] == ' ') j++;
        if (t.compare(j, 2, ")]") != 0) {
          *error = "unclosed array expect ]";
          return false;
        }
        i = j + 2;
        steps.push_back(s);
        continue;
      }
      if (close == std::string::npos) {
        *error = "unclosed array expect ]";
        return false;
      }
      std::string inner = t.substr(i + 1, close - i - 1);
      i = close + 1;
      JsonPath::Step s;
      if (inner == "*") {
        s.kind = JsonPath::Step::All;
      } else if (!inner.empty() && (inner[0] == '\'' || inner[0] == '"') && inner.size() >= 2 &&
                 inner.back() == inner[0]) {
        s.field = inner.substr(1, inner.size() - 2);
      } else {
        std::string err;
        auto n = parseGoInt(inner, 64, &err);
        if (!n) {
          *error = "invalid array index " + inner;
          return false;
        }
        s.kind = JsonPath::Step::Index;
        s.index = *n;
      }
      steps.push_back(s);
    } else {
      break;
    }
  }
  return true;
}

void apply(const std::vector<JsonPath::Step>& steps, size_t k, const Json& cur, std::vector<Json>& out) {
  if (out.size() > 100000) return;
  if (k == steps.size()) {
    out.push_back(cur);
    return;
  }
  const auto& s = steps[k];
  switch (s.kind) {
    case JsonPath::Step::Field:
      if (cur.is_object()) {
        auto it = cur.find(s.field);
        if (it != cur.end()) apply(steps, k + 1, *it, out);
      }
      break;
    case JsonPath::Step::Index:
      if (cur.is_array()) {
        long long n = static_cast<long long>(cur.size());
        long long idx = s.index < 0 ? n + s.index : s.index;
        if (idx >= 0 && idx < n) apply(steps, k + 1, cur[static_cast<size_t>(idx)], out);
      }
      break;
    case JsonPath::Step::All:
      if (cur.is_array() || cur.is_object())
        for (const auto& v : cur) apply(steps, k + 1, v, out);
      break;
    case JsonPath::Step::Filter:
      if (cur.is_array()) {
        for (const auto& v : cur) {
          std::vector<Json> got;
          apply(s.filterPath, 0, v, got);
          bool eq = !got.empty() && (got[0].is_string() ? got[0].get<std::string>() : jsonScalarText(got[0])) == s.filterValue;
          if (got.empty()) continue;
          if (eq != s.filterNotEqual) apply(steps, k + 1, v, out);
        }
      }
      break;
  }
}

}  // namespace

std::string jsonScalarText(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_integer()) return j.is_number_unsigned() ? std::to_string(j.get<uint64_t>()) : std::to_string(j.get<int64_t>());
  if (j.is_number_float()) {
    double d = j.get<double>();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 1e21) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f", d);
      return buf;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
  }
  if (j.is_null()) return "<nil>";
  return j.dump();
}

std::optional<JsonPath> JsonPath::parse(const std::string& exprIn, std::string* error) {
  std::string expr = exprIn;
  if (expr.size() >= 2 && expr.front() == '{' && expr.back() == '}') expr = expr.substr(1, expr.size() - 2);
  JsonPath jp;
  size_t i = 0;
  if (i < expr.size() && (expr[i] == '$' || expr[i] == '@')) i++;
  std::string err;
  if (!parseSteps(expr, i, jp.steps, &err, 0)) {
    if (error) *error = err;
    return std::nullopt;
  }
  if (i != expr.size()) {
    if (error) *error = "unrecognized character in action: " + goQuote(expr.substr(i, 1));
    return std::nullopt;
  }
  return jp;
}

std::vector<Json> JsonPath::find(const Json& root) const {
  std::vector<Json> out;
  apply(steps, 0, root, out);
  return out;
}

std::optional<std::string> relaxedJsonPath(const std::string& expr, std::string* error) {
  // kubectl get's RelaxedJSONPathExpression
  if (expr.empty()) return expr;
  std::string inner = expr;
  bool braced = inner.front() == '{' && inner.back() == '}';
  if (braced) inner = inner.substr(1, inner.size() - 2);
  else if (inner.front() == '{' || inner.back() == '}') {
    if (error) *error = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    return std::nullopt;
  }
  if (!inner.empty() && inner[0] != '.') inner = "." + inner;
  return "{" + inner + "}";
}

std::optional<std::string> renderJsonPathTemplate(const std::string& tmpl, const Json& root, std::string* error) {
  std::string err;
  auto t = JsonPathTemplate::parse(tmpl, &err);
  if (!t) {
    if (error) *error = "error parsing jsonpath " + tmpl + ", " + err;
    return std::nullopt;
  }
  auto text = t->execute(root, true, false, &err);
  if (!text && error) *error = "error executing jsonpath " + goQuote(tmpl) + ": " + err;
  return text;
}

}  // namespace kp
