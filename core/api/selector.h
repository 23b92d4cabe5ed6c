// Label and field selectors, parsed from kubectl's string syntax (`app=kubia,tier!=web`,
// `env in (prod,qa)`, `!canary`) or built from a LabelSelector, as apimachinery's labels package.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

struct Requirement {
  enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
  std::string key;
  Op op = Op::Equals;
  std::vector<std::string> values;
  bool matches(const StringMap& labels) const;
};

class Selector {
 public:
  // An empty selector matches everything.
  Selector() = default;
  static Selector fromMap(const StringMap& m);
  // nullopt with *error set (apimachinery's wording) when the selector is invalid.
  static std::optional<Selector> parse(const std::string& text, std::string* error);
  static std::optional<Selector> fromLabelSelector(const LabelSelector& s, std::string* error);
  // A selector that matches nothing (a nil LabelSelector in some contexts).
  static Selector nothing();

  bool matches(const StringMap& labels) const;
  bool empty() const { return requirements_.empty() && !nothing_; }
  std::string str() const;  // canonical text, e.g. "app=kubia"
  const std::vector<Requirement>& requirements() const { return requirements_; }

 private:
  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

// A field selector: comma-separated `field=value`, `field==value` or `field!=value` terms.
struct FieldSelector {
  struct Term {
    std::string field, value;
    bool negate = false;
  };
  std::vector<Term> terms;
  static std::optional<FieldSelector> parse(const std::string& text, std::string* error);
  // Resolves a field through `get` (field name -> value, or nullopt when the field is unknown).
  template <class Getter>
  bool matches(Getter get) const {
    for (const auto& t : terms) {
      auto v = get(t.field);
      if (!v) return false;
      if ((*v == t.value) == t.negate) return false;
    }
    return true;
  }
};

}  // namespace kp
