// Patches the API server accepts: JSON merge patch (RFC 7386), strategic merge patch (lists
// merged by their patchMergeKey, `null` deletes, $patch/$setElementOrder/$retainKeys
// directives) and JSON patch (RFC 6902).
#pragma once
#include <optional>
#include <string>

#include "core/api/types.h"

namespace kp {

Json mergePatch(const Json& target, const Json& patch);
Json strategicMergePatch(const Json& target, const Json& patch);
std::optional<Json> jsonPatch(const Json& target, const Json& ops, std::string* error);

}  // namespace kp
