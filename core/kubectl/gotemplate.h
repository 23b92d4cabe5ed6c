// Go's text/template as kubectl's -o go-template runs it over an object decoded from JSON:
// {{.a.b}}, {{range}}/{{else}}/{{end}} (with $i, $e :=), {{if}}/{{else if}}/{{else}},
// {{with}}, variables ($x := ..., $x = ...), pipelines, parenthesised arguments, comments,
// trim markers {{- -}}, string/raw string/char/number/bool/nil literals, and the functions
// kubectl templates use: and or not len index printf print println eq ne lt le gt ge
// html js urlquery slice, plus kubectl's base64decode and exists. Parse and execution errors
// read as Go's ("template: output:1: unclosed action", "template: output:1:2: executing
// \"output\" at <.x.y>: ..."). Missing map keys print "<no value>" unless missingkey=error.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/api/types.h"

namespace kp {

class GoTemplate {
 public:
  struct Node;
  // Parses `text` as template "output"; *error as text/template reports it.
  static std::optional<GoTemplate> parse(const std::string& text, std::string* error);
  // Runs the template over data, appending to *out as it goes (text written before an error
  // stays). missingKeyError: Option("missingkey=error").
  bool execute(const Json& data, bool missingKeyError, std::string* out, std::string* error) const;

 private:
  std::shared_ptr<Node> root_;
  std::shared_ptr<void> keep_;
};

}  // namespace kp
