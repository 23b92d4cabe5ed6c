// The API server's defaulting and validation helpers that more than one kind's rules use: the
// field-error list that becomes a 422 Invalid Status, the pod template defaults
// (SetDefaults_PodSpec and friends) and the checks on names, labels, selectors and pod specs.
// Defined in admission.cc; the kinds kept as JSON (json_kinds.cc) use them too.
#pragma once
#include <string>
#include <vector>

#include "core/api/status.h"
#include "core/api/types.h"

namespace kp::admission {

// A JSON string literal: "name" with quotes, as field errors print values.
std::string quote(const std::string& s);

// The causes of an Invalid Status, each with the field path and the text upstream's
// field.Error prints ("Required value", "Invalid value: ...", "Unsupported value: ...").
struct Errors {
  std::vector<StatusCause> causes;
  void required(const std::string& field, const std::string& detail = "") {
    causes.push_back({"FieldValueRequired", "Required value" + (detail.empty() ? "" : ": " + detail), field});
  }
  void invalid(const std::string& field, const std::string& value, const std::string& detail) {
    causes.push_back({"FieldValueInvalid", "Invalid value: " + value + ": " + detail, field});
  }
  void unsupported(const std::string& field, const std::string& value, const std::vector<std::string>& ok) {
    std::string list;
    for (size_t i = 0; i < ok.size(); i++) list += (i ? ", " : "") + quote(ok[i]);
    causes.push_back({"FieldValueNotSupported", "Unsupported value: " + quote(value) + ": supported values: " + list, field});
  }
  void forbidden(const std::string& field, const std::string& detail) {
    causes.push_back({"FieldValueForbidden", "Forbidden: " + detail, field});
  }
  void duplicate(const std::string& field, const std::string& value) {
    causes.push_back({"FieldValueDuplicate", "Duplicate value: " + value, field});
  }
};

// How an object's name is validated: most kinds are DNS subdomains, services DNS-1035 labels,
// namespaces DNS-1123 labels.
enum class NameRule { Subdomain, Dns1035Label, Dns1123Label };
void validateMeta(Errors& e, const ObjectMeta& m, NameRule rule, const std::string& prefix = "metadata");
void validateLabels(Errors& e, const StringMap& labels, const std::string& field);

void defaultTemplate(PodTemplateSpec& t);
void validatePodSpec(Errors& e, const PodSpec& s, const std::string& field);
// The selector is not empty, parses, and matches the template's labels.
void validateLabelSelector(Errors& e, const LabelSelector& s, const PodTemplateSpec& t, const std::string& field);
bool isDns1123Subdomain(const std::string& s);

}  // namespace kp::admission
