// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) as `-o jsonpath=`,
// `-o jsonpath-as-json=`, `-o custom-columns=` and `--sort-by=` use them: text and {actions}
// with fields, `..`, [n], [a:b:c], [*], ['key'], [a,b] unions, [?(@.x OP y)] filters,
// {range ...}...{end}, quoted and number literals. Parse and execution errors carry
// client-go's texts. Bounded and exception-free on any input.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

// encoding/json's Marshal (no spaces, HTML-escaped) and fmt's %v of a float64 (strconv 'g',
// shortest): defined with the other encoders in printers.cc.
std::string toCompactJson(const Json& j);
std::string goFloatText(double f);

// Go's fmt %v of a value that came out of JSON (map[k:v ...] with sorted keys, [a b], <nil>).
std::string goSprint(const Json& v);
// Go's %#v of the same (map[string]interface {}{"k":"v"}), as kubectl's debug dumps print it.
std::string goSyntax(const Json& v);
// Every integer of j as a float64, as encoding/json decodes typed objects into interface{}.
Json numbersAsFloats(const Json& j);

class JsonPathTemplate {
 public:
  struct Node;
  // Parses a template; *error is the parser's text ("unclosed action", "invalid array index x").
  static std::optional<JsonPathTemplate> parse(const std::string& text, std::string* error);
  // FindResults: the values of each top-level piece in order (text gives its string).
  bool findResults(const Json& data, bool allowMissingKeys, std::vector<std::vector<Json>>& out,
                   std::string* error) const;
  // Execute: what kubectl prints; outputJson as jsonpath-as-json. *error: the execution error.
  std::optional<std::string> execute(const Json& data, bool allowMissingKeys, bool outputJson,
                                     std::string* error) const;

 private:
  std::vector<std::shared_ptr<Node>> nodes_;
};

}  // namespace kp
