// A parsed API path (/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>/<sub>), shared
// by the REST handler's files. Private to core/apiserver.
#pragma once
#include <string>

#include "core/apiserver/apiserver.h"

namespace kp {

struct ApiServer::Route {
  const ResourceInfo* r = nullptr;
  std::string group, version, ns, name, sub;
};

}  // namespace kp
