#include "core/apiserver/openapi_schemas.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string_view>

#include "core/api/resources.h"

namespace kp::openapi {
namespace {

constexpr std::string_view kRefPrefix = "#/components/schemas/";

// A primitive type code ("integer:int32") as {"type", "format"}.
Json primitive(std::string_view code) {
  auto colon = code.find(':');
  Json j = {{"type", std::string(code.substr(0, colon))}};
  if (colon != std::string_view::npos) j["format"] = std::string(code.substr(colon + 1));
  return j;
}

// The default the API server writes next to a value inside an array or map: {} for objects,
// "" for strings, 0 for numbers, false for booleans.
Json defaultOf(std::string_view code) {
  if (code == "ref") return Json::object();
  if (code.rfind("string", 0) == 0) return "";
  if (code.rfind("integer", 0) == 0 || code.rfind("number", 0) == 0) return 0;
  if (code == "boolean") return false;
  return nullptr;
}

// The schema of a type code. `element`: the value of an array or map (which carries a default).
Json typeSchema(std::string_view code, const char* ref, const char* enumValues, bool element) {
  Json j;
  if (code.rfind("[]", 0) == 0) {
    j = {{"type", "array"}, {"items", typeSchema(code.substr(2), ref, enumValues, true)}};
    return j;
  }
  if (code.rfind("map[]", 0) == 0) {
    j = {{"type", "object"}, {"additionalProperties", typeSchema(code.substr(5), ref, enumValues, true)}};
    return j;
  }
  if (code == "ref") {
    j = {{"allOf", Json::array({{{"$ref", std::string(kRefPrefix) + ref}}})}};
  } else {
    j = primitive(code);
  }
  if (element) {
    Json d = defaultOf(code);
    if (!d.is_null()) j["default"] = d;
  }
  if (enumValues && *enumValues) {
    Json values = Json::array();
    std::string_view rest = enumValues;
    while (true) {
      auto bar = rest.find('|');
      values.push_back(std::string(rest.substr(0, bar)));
      if (bar == std::string_view::npos) break;
      rest = rest.substr(bar + 1);
    }
    j["enum"] = values;
  }
  return j;
}

void collectRefs(const TypeRow& t, std::set<std::string>& seen, std::vector<const TypeRow*>& order) {
  if (!seen.insert(t.name).second) return;
  order.push_back(&t);
  for (size_t i = 0; i < t.fieldCount; i++) {
    if (!*t.fields[i].ref) continue;
    if (const TypeRow* r = findType(t.fields[i].ref)) collectRefs(*r, seen, order);
  }
}

}  // namespace

const TypeRow* findType(const std::string& name) {
  const auto& all = typeTable();
  auto it = std::lower_bound(all.begin(), all.end(), name,
                             [](const TypeRow& t, const std::string& n) { return std::strcmp(t.name, n.c_str()) < 0; });
  return it != all.end() && name == it->name ? &*it : nullptr;
}

Json schemaJson(const TypeRow& t) {
  std::string_view type = t.type;
  Json j = Json::object();
  if (*t.description) j["description"] = t.description;
  if (type == "object" && t.fields) {
    j["type"] = "object";
    Json props = Json::object();
    Json required = Json::array();
    for (size_t i = 0; i < t.fieldCount; i++) {
      const FieldRow& f = t.fields[i];
      // A field that is not an array or map and is required carries its zero value as the
      // default, as the API server writes it.
      Json p = typeSchema(f.type, f.ref, f.enumValues, false);
      std::string_view code = f.type;
      if (f.required && code.rfind("[]", 0) != 0 && code.rfind("map[]", 0) != 0) {
        Json d = defaultOf(code);
        if (!d.is_null()) p["default"] = d;
      }
      if (*f.description) p["description"] = f.description;
      props[f.name] = std::move(p);
      if (f.required) required.push_back(f.name);
    }
    j["properties"] = std::move(props);
    if (!required.empty()) j["required"] = std::move(required);
  } else if (type == "oneOf") {
    j["oneOf"] = Json::array({{{"type", "string"}}, {{"type", "number"}}});
  } else if (type == "intOrString") {
    j["anyOf"] = Json::array({{{"type", "integer"}}, {{"type", "string"}}});
    j["x-kubernetes-int-or-string"] = true;
  } else {
    Json p = primitive(type);
    for (auto& [k, v] : p.items()) j[k] = v;
  }
  if (*t.kind)
    j["x-kubernetes-group-version-kind"] = Json::array({{{"group", t.group}, {"kind", t.kind}, {"version", t.version}}});
  return j;
}

const Json& schemasFor(const std::string& group, const std::string& version) {
  static std::mutex mu;
  static std::map<std::string, Json> cache;
  std::lock_guard<std::mutex> lock(mu);
  std::string key = group + "/" + version;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  std::set<std::string> seen;
  std::vector<const TypeRow*> order;
  for (const auto& r : allResources()) {
    if (r.group != group || r.version != version) continue;
    for (const auto& t : typeTable())
      if (r.kind == t.kind && group == t.group && version == t.version) collectRefs(t, seen, order);
  }
  Json schemas = Json::object();
  for (const TypeRow* t : order) schemas[t->name] = schemaJson(*t);
  return cache.emplace(key, std::move(schemas)).first->second;
}

}  // namespace kp::openapi
