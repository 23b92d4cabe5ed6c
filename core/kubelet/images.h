// The simulated image registry: the images a learner meets in the first chapters, with their
// sizes (pull time follows from size) and how their containers behave: which port they serve,
// what they answer, what they log, whether they exit, how they take SIGTERM.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

struct ImageInfo {
  std::string repository;  // "hyooo/kubia", normalized: "nginx" -> "nginx"
  std::string tag;         // "latest"
  std::string digest;      // "sha256:..."
  int64_t sizeBytes = 0;
  int servesPort = 0;      // 0: serves nothing
  // Response body for GET path from pod `podName`; kubia answers "You've hit <pod>\n".
  std::function<std::string(const std::string& podName, const std::string& path)> respond;
  std::vector<std::string> startLogs;  // lines written at start
  std::string requestLog;              // per request, "{ip}" replaced by the client address
  bool exitsImmediately = false;       // busybox/alpine without a command: `sh` exits at once
  int exitCode = 0;
  Time shutdownMillis = 30000;         // time to stop after SIGTERM (kubia ignores it: the grace period)
  std::vector<std::string> entrypoint, cmd;  // the image config's ENTRYPOINT and CMD
  std::string shell;                   // "busybox" (busybox, alpine), "debian" (kubia, nginx, ...), "" none
  std::vector<std::string> tools;      // extra programs on the image's PATH ("curl", "wget")
  int failFromRequest = 0;             // kubia-unhealthy: the 6th request on answers 500
  int64_t memoryBytes = 0;             // the main process's resident memory (a lower limit: OOMKilled)
  std::string fullName() const;        // "docker.io/hyooo/kubia:latest"
};

// Splits "hyooo/kubia:v2" or "nginx@sha256:.." and looks it up; nullopt: repository doesn't exist.
std::optional<ImageInfo> findImage(const std::string& ref);

// Pull time for an image of this size on minikube's network (deterministic part; the caller
// adds jitter from the seeded RNG).
Time pullMillis(int64_t sizeBytes);

}  // namespace kp
