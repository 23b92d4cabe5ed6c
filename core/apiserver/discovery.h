// Discovery: /version, /api, /apis and the group-version resource lists.
#pragma once
#include <optional>

#include "core/apiserver/rest.h"

namespace kp {

// The answer to a discovery request, or nullopt when req is not one.
std::optional<Response> serveDiscovery(const Request& req);

}  // namespace kp
