// Image references resolved against the catalog (image_catalog.cc): "nginx", "docker.io/library/
// nginx:1.27", "k8s.gcr.io/pause:3.9", "busybox@sha256:...". The program model of the row fills
// in what the container answers and logs (programs.h).
#include "core/kubelet/images.h"

#include <cstdio>
#include <unordered_map>

#include "core/kubelet/programs.h"

namespace kp {

std::string ImageInfo::fullName() const {
  // A first path component with a dot or a colon is a registry host; else Docker Hub.
  auto slash = repository.find('/');
  std::string first = slash == std::string::npos ? "" : repository.substr(0, slash);
  if (first.find('.') != std::string::npos || first.find(':') != std::string::npos) return repository + ":" + tag;
  std::string repo = slash == std::string::npos ? "library/" + repository : repository;
  return "docker.io/" + repo + ":" + tag;
}

namespace {

struct Ref {
  std::string repo, tag, digest;
};

Ref splitRef(const std::string& refIn) {
  std::string ref = refIn;
  for (const char* prefix : {"docker.io/library/", "docker.io/", "index.docker.io/", "library/"})
    if (ref.rfind(prefix, 0) == 0) {
      ref = ref.substr(std::string(prefix).size());
      break;
    }
  Ref r;
  if (auto at = ref.find('@'); at != std::string::npos) {
    r.digest = ref.substr(at + 1);
    ref = ref.substr(0, at);
  }
  r.repo = ref;
  r.tag = "latest";
  auto slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    r.repo = ref.substr(0, colon);
    r.tag = ref.substr(colon + 1);
  }
  return r;
}

// A stable digest derived from "repo:tag" (FNV-1a), so image IDs look real and repeat.
std::string fakeDigest(const std::string& key) {
  uint64_t h = 1469598103934665603ull;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buf[80];
  std::snprintf(buf, sizeof buf, "sha256:%016llx%016llx%016llx%016llx", (unsigned long long)h,
                (unsigned long long)(h * 31), (unsigned long long)(h * 131), (unsigned long long)(h * 1031));
  return buf;
}

}  // namespace

Time pullMillis(int64_t sizeBytes) {
  // About 150 MB/s of layer download and extraction plus a fixed registry round trip.
  return 400 + sizeBytes / 150000;
}

bool repositoryExists(const std::string& ref) {
  Ref r = splitRef(ref);
  for (const auto& row : imageCatalog())
    if (row.repository == r.repo) return true;
  return false;
}

namespace {

std::optional<ImageInfo> lookUp(const std::string& refIn) {
  Ref r = splitRef(refIn);
  for (const auto& row : imageCatalog()) {
    if (row.repository != r.repo) continue;
    for (const auto& t : row.tags) {
      if (r.tag != t.tag) continue;
      ImageInfo info;
      info.repository = r.repo;
      info.tag = r.tag;
      info.digest = r.digest.empty() ? fakeDigest(r.repo + ":" + r.tag) : r.digest;
      info.sizeBytes = t.sizeBytes;
      info.compressedBytes = t.compressedBytes;
      info.version = t.version;
      info.ports = row.ports;
      info.servesPort = row.ports.empty() ? 0 : row.ports[0];
      info.entrypoint = row.entrypoint;
      info.cmd = row.cmd;
      info.shell = row.shell;
      info.tools = row.tools;
      info.servers = row.servers;
      info.argsAreFlags = row.argsAreFlags;
      info.memoryBytes = static_cast<int64_t>(row.memoryMiB) << 20;
      info.shutdownMillis = row.shutdownMs;
      info.kind = row.kind;
      info.program = row.program;
      applyProgramModel(info);
      return info;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> findImage(const std::string& ref) {
  // The kubelets ask on every status write and request: answers are kept per reference (a
  // bounded set, per thread since the models are plain data).
  thread_local std::unordered_map<std::string, std::optional<ImageInfo>> cache;
  if (auto it = cache.find(ref); it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  return cache[ref] = lookUp(ref);
}

}  // namespace kp
