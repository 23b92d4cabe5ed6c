// `kubectl auth can-i|whoami` and the RBAC generators `kubectl create role|clusterrole|
// rolebinding|clusterrolebinding`.
#pragma once
#include <string>
#include <vector>

namespace kp {

struct CmdEnv;
void cmdAuth(CmdEnv& env, const std::vector<std::string>& args);
// `kubectl create <which> ...` for which = role, clusterrole, rolebinding, clusterrolebinding.
void cmdCreateRbac(const std::string& which, CmdEnv& env, const std::vector<std::string>& args);

}  // namespace kp
