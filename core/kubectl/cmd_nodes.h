// kubectl's node maintenance commands: cordon, uncordon, drain (k8s.io/kubectl/pkg/cmd/drain
// and pkg/drain) and taint (pkg/cmd/taint).
#pragma once
#include <string>
#include <vector>

namespace kp {

struct CmdEnv;

void cmdCordon(CmdEnv& env, const std::vector<std::string>& args);
void cmdUncordon(CmdEnv& env, const std::vector<std::string>& args);
void cmdDrain(CmdEnv& env, const std::vector<std::string>& args);
void cmdTaint(CmdEnv& env, const std::vector<std::string>& args);

}  // namespace kp
