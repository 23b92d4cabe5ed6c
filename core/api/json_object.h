// Building a JsonObject (core/api/types.h) of a kind in the resource table.
#pragma once
#include <memory>
#include <string_view>

#include "core/api/types.h"

namespace kp {

// An empty object of the kind, with its kind and apiVersion set; the kind must be in the
// resource table (allResources) and be one of those kept as JSON.
std::shared_ptr<JsonObject> makeJsonObject(std::string_view kind);

}  // namespace kp
