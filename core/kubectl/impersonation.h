// kubectl's --as and --as-group for the running command: the console's Client adds them to
// every request it sends, under the keys where a Request carries the impersonation headers
// (core/apiserver/rbac.h).
#pragma once
#include <string>
#include <vector>

namespace kp {

class Client;
// Sets (or, with both empty, clears) the user and groups c's requests are made as.
void setImpersonation(const Client& c, const std::string& user, const std::vector<std::string>& groups);

}  // namespace kp
