// `kubectl get -o custom-columns=HEADER:PATH,...` and `-o custom-columns-file=FILE`, as
// kubectl's CustomColumnsPrinter: a header line (unless --no-headers), one row per object with
// each column's JSONPath values joined by commas (<none> when there are none), aligned by the
// get tabwriter.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

// kubectl's RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}" and "{.a.b}" all become "{.a.b}".
std::optional<std::string> relaxedJsonPathExpression(const std::string& path, std::string* error);

struct CustomColumn {
  std::string header;
  std::string fieldSpec;  // a relaxed JSONPath template ("{.metadata.name}")
};

struct CustomColumnsPrinter {
  std::vector<CustomColumn> columns;
  bool noHeaders = false;
  // -o custom-columns=SPEC; *error is kubectl's text when the spec is malformed.
  static std::optional<CustomColumnsPrinter> fromSpec(const std::string& spec, bool noHeaders, std::string* error);
  // -o custom-columns-file: a line of headers and a line of paths, separated by white space.
  static std::optional<CustomColumnsPrinter> fromTemplate(const std::string& text, std::string* error);
  // Prints obj (a List prints one row per item): what was printed so far and, on failure,
  // *error (the header is printed before a column's path fails to parse, as kubectl does).
  std::string print(const Json& obj, std::string* error) const;
};

}  // namespace kp
