#include "core/kubelet/images.h"

#include <map>

namespace kp {

std::string ImageInfo::fullName() const {
  std::string repo = repository.find('/') == std::string::npos ? "library/" + repository : repository;
  return "docker.io/" + repo + ":" + tag;
}

namespace {

struct Entry {
  int64_t size;
  int port;
  int kind;  // 0 kubia, 1 nginx/httpd, 2 shell (exits), 3 redis, 4 kubia v2/v3, 5 system, 6 kubia-unhealthy
};

const std::map<std::string, Entry>& registry() {
  // Sizes are the images' uncompressed sizes as `docker images` shows them.
  static const std::map<std::string, Entry> images = {
      {"hyooo/kubia:latest", {660284318, 8080, 0}},
      {"hyooo/kubia:v1", {660284318, 8080, 0}},
      {"hyooo/kubia:v2", {660284330, 8080, 4}},
      {"hyooo/kubia:v3", {660284342, 8080, 4}},
      {"luksa/kubia:latest", {660284318, 8080, 0}},
      {"luksa/kubia:v1", {660284318, 8080, 0}},
      {"luksa/kubia:v2", {660284330, 8080, 4}},
      {"luksa/kubia:v3", {660284342, 8080, 4}},
      {"luksa/kubia-unhealthy:latest", {660284329, 8080, 6}},
      {"nginx:latest", {192004242, 80, 1}},
      {"nginx:1.27", {192004242, 80, 1}},
      {"nginx:1.26", {187694648, 80, 1}},
      {"nginx:1.25", {186848295, 80, 1}},
      {"nginx:alpine", {47983005, 80, 1}},
      {"httpd:latest", {148021513, 80, 1}},
      {"httpd:2.4", {148021513, 80, 1}},
      {"busybox:latest", {4261550, 0, 2}},
      {"busybox:1.36", {4261550, 0, 2}},
      {"alpine:latest", {7797760, 0, 2}},
      {"alpine:3.20", {7797760, 0, 2}},
      {"ubuntu:latest", {78117856, 0, 2}},
      {"redis:latest", {117401541, 6379, 3}},
      {"redis:7", {117401541, 6379, 3}},
      // minikube's preloaded system images
      {"registry.k8s.io/etcd:3.5.16-0", {150287458, 0, 5}},
      {"registry.k8s.io/kube-apiserver:v1.32.4", {97054201, 0, 5}},
      {"registry.k8s.io/kube-controller-manager:v1.32.4", {89720014, 0, 5}},
      {"registry.k8s.io/kube-scheduler:v1.32.4", {69636114, 0, 5}},
      {"registry.k8s.io/kube-proxy:v1.32.4", {94015320, 0, 5}},
      {"registry.k8s.io/coredns/coredns:v1.11.3", {61816690, 0, 5}},
      {"kindest/kindnetd:v20241108-5c6d2daf", {94856104, 0, 5}},
      {"gcr.io/k8s-minikube/storage-provisioner:v5", {31465472, 0, 5}},
      // addons and the HPA walkthrough's php-apache
      {"registry.k8s.io/metrics-server/metrics-server:v0.7.2", {67132142, 0, 5}},
      {"registry.k8s.io/hpa-example:latest", {480748023, 80, 1}},
  };
  return images;
}

}  // namespace

Time pullMillis(int64_t sizeBytes) {
  // About 150 MB/s of layer download and extraction plus a fixed registry round trip.
  return 400 + sizeBytes / 150000;
}

std::optional<ImageInfo> findImage(const std::string& refIn) {
  std::string ref = refIn;
  for (const char* prefix : {"docker.io/library/", "docker.io/", "index.docker.io/"})
    if (ref.rfind(prefix, 0) == 0) {
      ref = ref.substr(std::string(prefix).size());
      break;
    }
  std::string digest;
  if (auto at = ref.find('@'); at != std::string::npos) {
    digest = ref.substr(at + 1);
    ref = ref.substr(0, at);
  }
  std::string repo = ref, tag = "latest";
  auto slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    repo = ref.substr(0, colon);
    tag = ref.substr(colon + 1);
  }
  auto it = registry().find(repo + ":" + tag);
  if (it == registry().end()) return std::nullopt;
  const Entry& e = it->second;
  ImageInfo info;
  info.repository = repo;
  info.tag = tag;
  // A stable fake digest derived from the name (FNV-1a), so image IDs look real and repeat.
  uint64_t h = 1469598103934665603ull;
  for (char c : it->first) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buf[80];
  std::snprintf(buf, sizeof buf, "sha256:%016llx%016llx%016llx%016llx", (unsigned long long)h,
                (unsigned long long)(h * 31), (unsigned long long)(h * 131), (unsigned long long)(h * 1031));
  info.digest = digest.empty() ? buf : digest;
  info.sizeBytes = e.size;
  info.servesPort = e.port;
  switch (e.kind) {
    case 6:
      // The book's kubia-unhealthy: app.js answers 500 "I'm not well. Please restart me!" from
      // its sixth request on.
      info.respond = [](const std::string& pod, const std::string&) { return "You've hit " + pod + "\n"; };
      info.startLogs = {"Kubia server starting..."};
      info.requestLog = "Received request from ::ffff:{ip}";
      info.failFromRequest = 6;
      info.shutdownMillis = 30000;
      break;
    case 0:
      info.respond = [](const std::string& pod, const std::string&) { return "You've hit " + pod + "\n"; };
      info.startLogs = {"Kubia server starting..."};
      info.requestLog = "Received request from ::ffff:{ip}";
      info.shutdownMillis = 30000;  // node as PID 1 ignores SIGTERM: killed after the grace period
      break;
    case 4:
      info.respond = [tag](const std::string& pod, const std::string&) {
        return "This is " + tag + " running in pod " + pod + "\n";
      };
      info.startLogs = {"Kubia server starting..."};
      info.requestLog = "Received request from ::ffff:{ip}";
      info.shutdownMillis = 30000;
      break;
    case 1:
      info.respond = [](const std::string&, const std::string&) {
        return std::string(
            "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n"
            "<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully "
            "installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n");
      };
      info.startLogs = {"/docker-entrypoint.sh: Configuration complete; ready for start up"};
      info.requestLog = "{ip} - - \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/7.88.1\" \"-\"";
      info.shutdownMillis = 200;
      break;
    case 2:
      info.exitsImmediately = true;
      info.shutdownMillis = 0;
      break;
    case 3:
      info.startLogs = {"1:M * Ready to accept connections tcp"};
      info.shutdownMillis = 300;
      break;
    case 5:  // system components: run until stopped, stop promptly
      info.shutdownMillis = 500;
      break;
  }
  if (repo == "registry.k8s.io/hpa-example") {  // index.php burns some CPU and answers OK!
    info.respond = [](const std::string&, const std::string&) { return std::string("OK!"); };
    info.startLogs = {};
    info.requestLog = "";
  }
  // ENTRYPOINT/CMD and what else the image has, as its Dockerfile and base image make it.
  if (e.kind == 0 || e.kind == 4 || e.kind == 6) {
    info.cmd = {"node", "app.js"};
    info.shell = "debian";
    info.tools = {"curl", "wget"};  // node:7 is built on buildpack-deps
    info.memoryBytes = 40LL << 20;
  } else if (e.kind == 1) {
    if (repo == "httpd") {
      info.cmd = {"httpd-foreground"};
      info.shell = "debian";
    } else {
      info.entrypoint = {"/docker-entrypoint.sh"};
      info.cmd = {"nginx", "-g", "daemon off;"};
      info.shell = tag == "alpine" ? "busybox" : "debian";
      info.tools = {"curl"};
    }
    info.memoryBytes = 8LL << 20;
  } else if (e.kind == 2) {
    if (repo == "ubuntu") {
      info.cmd = {"/bin/bash"};
      info.shell = "debian";
    } else {
      info.cmd = {repo == "busybox" ? "sh" : "/bin/sh"};
      info.shell = "busybox";
      info.tools = {"wget", "nslookup"};
    }
    info.memoryBytes = 1LL << 20;
  } else if (e.kind == 3) {
    info.entrypoint = {"docker-entrypoint.sh"};
    info.cmd = {"redis-server"};
    info.shell = "debian";
    info.memoryBytes = 8LL << 20;
  }
  return info;
}

}  // namespace kp
