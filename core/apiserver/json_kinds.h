// What the API server does for each kind kept as JsonObject (core/api/types.h): its defaulting
// (SetDefaults_* and the registry's PrepareForCreate), its validation, whether metadata.generation
// counts its spec changes, and the Table columns and cells pkg/printers/internalversion renders
// for it in 1.32. One row per kind, registered once in json_kinds.cc; a kind without a row gets
// no defaults and the server's default Name / Created At table.
#pragma once
#include <string_view>
#include <vector>

#include "core/api/types.h"
#include "core/apiserver/validation.h"

namespace kp {

struct JsonKindColumn {
  const char* name;
  const char* type;  // "string", "integer", "boolean", "date"
  int priority;      // 1: only with -o wide
  const char* description;
  Json (*cell)(const JsonObject& o, Time now);
};

struct JsonKindRules {
  const char* kind;
  bool specGeneration = false;  // metadata.generation starts at 1 and counts spec changes
  void (*defaults)(JsonObject& o) = nullptr;
  void (*validate)(admission::Errors& e, const JsonObject& o, const JsonObject* old) = nullptr;
  std::vector<JsonKindColumn> columns;  // empty: the default table
};

// The rules of a JSON-kept kind, or nullptr.
const JsonKindRules* jsonKindRules(std::string_view kind);

// The Table column definitions for a JSON-kept kind with columns; null Json otherwise.
Json jsonKindTableColumns(std::string_view kind);
// One row's cells; null Json when the object is not a JSON-kept kind with columns.
Json jsonKindTableRow(const Object& o, Time now);

// metav1.LabelSelector from its JSON form (matchLabels and matchExpressions).
LabelSelector labelSelectorFromJson(const Json& j);

}  // namespace kp
