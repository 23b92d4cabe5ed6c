// `kubectl create configmap|cm`, `kubectl create secret [generic]` and `kubectl create job`.
#pragma once
#include <string>
#include <vector>

namespace kp {

struct CmdEnv;
void cmdCreateConfigMap(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateSecret(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateJob(CmdEnv& env, const std::vector<std::string>& args);

}  // namespace kp
