// The simulated image registry: the images of image_catalog.cc resolved by reference, with their
// sizes (pull time follows from size) and how their containers behave: which port they serve,
// what they answer, what they log, whether they exit, how they take SIGTERM.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/types.h"
#include "core/kubelet/image_catalog.h"

namespace kp {

// An HTTP request reaching the image's server, with what the answer may depend on.
struct ServeRequest {
  std::string pod, path, clientIp, podIp;
  int port = 0;
  const Container* container = nullptr;  // its args and env (http-echo -text, WORDPRESS_DB_HOST)
  Time now = 0;
};
struct ServeReply {
  int status = 200;
  std::string body;
};

struct ImageInfo {
  std::string repository;  // "hyooo/kubia", normalized: "nginx" -> "nginx"
  std::string tag;         // "latest"
  std::string digest;      // "sha256:..."
  int64_t sizeBytes = 0;
  int servesPort = 0;      // 0: serves nothing
  // The answer to a GET; kubia answers "You've hit <pod>\n".
  std::function<ServeReply(const ServeRequest&)> respond;
  std::vector<std::string> startLogs;  // lines written at start ({tokens}: see expandLogLine)
  std::string requestLog;              // per request: {ip}, {path}, {status}, {bytes}, {clf}
  int exitCode = 0;
  Time shutdownMillis = 30000;         // time to stop after SIGTERM (kubia ignores it: the grace period)
  std::vector<std::string> entrypoint, cmd;  // the image config's ENTRYPOINT and CMD
  std::string shell;                   // "busybox" (busybox, alpine), "debian" (kubia, nginx, ...), "" none
  std::vector<std::string> tools;      // extra programs on the image's PATH ("curl", "wget")
  int failFromRequest = 0;             // kubia-unhealthy: the 6th request on answers 500
  int64_t memoryBytes = 0;             // the main process's resident memory (a lower limit: OOMKilled)
  std::vector<int> ports;              // every port it listens on (servesPort first)
  int64_t compressedBytes = 0;         // what a pull downloads
  std::string version;                 // its software's version ("1.27.3")
  ProgramKind kind = ProgramKind::System;
  std::string program;                 // the model within the kind ("nginx", "postgres")
  std::vector<std::string> servers;    // argv[0]s that start the image's own program
  bool argsAreFlags = false;           // ENTRYPOINT is the program: args are its flags
  std::string fullName() const;        // "docker.io/hyooo/kubia:latest"
};

// Whether the registry has this repository at all (under any tag): an unknown tag is
// "manifest unknown", an unknown repository "pull access denied".
bool repositoryExists(const std::string& ref);

// Splits "hyooo/kubia:v2" or "nginx@sha256:.." and looks it up; nullopt: repository doesn't exist.
std::optional<ImageInfo> findImage(const std::string& ref);

// Pull time for an image of this size on minikube's network (deterministic part; the caller
// adds jitter from the seeded RNG).
Time pullMillis(int64_t sizeBytes);

}  // namespace kp
