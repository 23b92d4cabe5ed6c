// Usage profiles of the images and programs the registry knows; see usage.h. Figures are what
// `kubectl top` shows for them on a small minikube: nginx idles at about 1m and 3-8Mi, the
// control plane's components at tens of millicores and megabytes.
#include "core/kubelet/usage.h"

#include <algorithm>

#include "core/kubelet/program.h"

namespace kp {

namespace {

constexpr int64_t kMi = 1024 * 1024;
constexpr int64_t kMilli = 1000000;  // nanocores in a millicore

std::string repositoryOf(const std::string& image) {
  std::string ref = image;
  if (auto at = ref.find('@'); at != std::string::npos) ref = ref.substr(0, at);
  auto slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) ref = ref.substr(0, colon);
  for (const char* prefix : {"docker.io/library/", "docker.io/"})
    if (ref.rfind(prefix, 0) == 0) ref = ref.substr(std::string(prefix).size());
  return ref;
}

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

// The shell script a container runs (`sh -c SCRIPT`), or "".
std::string scriptOf(const Container& c) {
  std::vector<std::string> argv = c.command;
  argv.insert(argv.end(), c.args.begin(), c.args.end());
  for (size_t i = 0; i + 1 < argv.size(); i++)
    if (argv[i] == "-c") return argv[i + 1];
  return "";
}

// A `while` loop of the script, classified: does it pause, and what does it fetch.
void classifyScript(const std::string& script, UsageProfile& p) {
  auto words = shellWords(script);
  bool loop = false, sleeps = false;
  std::string url;
  for (size_t i = 0; i < words.size(); i++) {
    const std::string& w = words[i];
    if (w == "while") loop = true;
    if (w == "sleep") sleeps = true;
    if (w == "yes") p.busy = true;
    if ((w == "wget" || w == "curl") && url.empty())
      for (size_t j = i + 1; j < words.size() && words[j] != ";" && words[j] != "|" && words[j] != "&&"; j++)
        if (!words[j].empty() && words[j][0] != '-') {
          url = words[j];
          break;
        }
  }
  if (!loop || sleeps) return;
  if (url.empty()) {
    p.busy = true;
  } else {
    p.loadUrl = url;
    p.idleNanoCores = 12 * kMilli;  // busybox wget, started a hundred times a second
  }
}

}  // namespace

UsageProfile usageProfile(const Container& c) {
  UsageProfile p;
  std::string repo = repositoryOf(c.image);
  auto set = [&](double idleMilli, double perRequestMs, double memMi, double growthMi) {
    p.idleNanoCores = static_cast<int64_t>(idleMilli * kMilli);
    p.nanoCoreSecondsPerRequest = static_cast<int64_t>(perRequestMs * kMilli);
    p.memoryBytes = static_cast<int64_t>(memMi * kMi);
    p.memoryGrowthMax = static_cast<int64_t>(growthMi * kMi);
    p.memoryPerRequest = 2048;
  };
  if (contains(repo, "nginx")) set(1, 0.3, 3.2, 4.5);
  else if (contains(repo, "httpd")) set(1, 0.4, 6, 4);
  else if (contains(repo, "hpa-example")) set(1, 5, 10, 6);
  else if (contains(repo, "kubia")) set(0.5, 1, 9, 8);
  else if (contains(repo, "redis")) set(2, 0.1, 3, 2);
  else if (contains(repo, "etcd")) set(22, 0, 42, 0);
  else if (contains(repo, "kube-apiserver")) set(55, 0, 240, 0);
  else if (contains(repo, "kube-controller-manager")) set(18, 0, 48, 0);
  else if (contains(repo, "kube-scheduler")) set(3, 0, 21, 0);
  else if (contains(repo, "coredns")) set(2, 0.05, 14, 0);
  else if (contains(repo, "kube-proxy")) set(1, 0, 16, 0);
  else if (contains(repo, "kindnet")) set(1, 0, 11, 0);
  else if (contains(repo, "storage-provisioner")) set(1, 0, 9, 0);
  else if (contains(repo, "metrics-server")) set(4, 0, 18, 0);
  else set(0, 0, 0.3, 0);  // a shell, sleep, a tool: next to nothing
  std::string script = scriptOf(c);
  if (!script.empty()) classifyScript(script, p);
  return p;
}

uint64_t UsageCounters::served(const std::string& podUid, const std::string& container) const {
  auto p = served_.find(podUid);
  if (p == served_.end()) return 0;
  auto c = p->second.find(container);
  return c == p->second.end() ? 0 : c->second;
}

}  // namespace kp
