// Field selectors on the server: which fields of each kind a list or watch can select by
// (`spec.nodeName=minikube-m02`, `involvedObject.uid=...`), as each registry's GetAttrs gives
// them. A field not in the table makes the request a BadRequest ("field label not supported").
#pragma once
#include <optional>
#include <string>

#include "core/api/types.h"

namespace kp {

// The value of a selectable field of o, or nullopt when the kind cannot be selected by it.
std::optional<std::string> selectableField(const Object& o, const std::string& field);

}  // namespace kp
