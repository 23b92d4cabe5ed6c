// See container_fs.h.
#include "core/kubelet/container_fs.h"

#include <algorithm>

#include "core/base/strings.h"
#include "core/base/tar.h"

namespace kp {

namespace {

// The top-level directories every image here has (busybox's and Debian's `ls /`).
const std::set<std::string>& imageDirs() {
  static const std::set<std::string> dirs = {"/",     "/bin",  "/boot", "/dev",  "/etc", "/home", "/lib",
                                             "/lib64", "/media", "/mnt",  "/opt",  "/proc", "/root", "/run",
                                             "/sbin", "/srv",  "/sys",  "/tmp",  "/usr", "/var"};
  return dirs;
}

std::string parentOf(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

}  // namespace

std::string ContainerFs::normalize(const std::string& path) {
  std::vector<std::string> parts;
  for (const auto& p : split(path, '/')) {
    if (p.empty() || p == ".") continue;
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(p);
  }
  return "/" + join(parts, "/");
}

std::optional<std::string> ContainerFs::read(const std::string& path) const {
  auto it = files_.find(normalize(path));
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool ContainerFs::isFile(const std::string& path) const { return files_.count(normalize(path)) != 0; }

bool ContainerFs::isDir(const std::string& path) const {
  std::string p = normalize(path);
  return imageDirs().count(p) || dirs_.count(p);
}

std::vector<std::string> ContainerFs::list(const std::string& dir) const {
  std::string d = normalize(dir);
  std::string prefix = d == "/" ? "/" : d + "/";
  std::set<std::string> names;
  auto add = [&](const std::string& p) {
    if (p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0 && p.find('/', prefix.size()) == std::string::npos)
      names.insert(p.substr(prefix.size()));
  };
  for (const auto& [p, data] : files_) add(p);
  for (const auto& p : dirs_) add(p);
  return {names.begin(), names.end()};
}

bool ContainerFs::mkdirs(const std::string& path) {
  std::string p = normalize(path);
  if (files_.count(p)) return false;
  std::vector<std::string> chain;
  for (std::string cur = p; cur != "/"; cur = parentOf(cur)) chain.push_back(cur);
  for (const auto& c : chain)
    if (files_.count(c)) return false;
  for (const auto& c : chain)
    if (!imageDirs().count(c)) dirs_.insert(c);
  return true;
}

bool ContainerFs::write(const std::string& path, const std::string& data, long long mtime) {
  std::string p = normalize(path);
  if (p == "/" || isDir(p) || !mkdirs(parentOf(p))) return false;
  files_[p] = data;
  mtimes_[p] = mtime;
  return true;
}

bool ContainerFs::remove(const std::string& path) {
  std::string p = normalize(path);
  mtimes_.erase(p);
  return files_.erase(p) + dirs_.erase(p) > 0;
}

std::optional<std::string> ContainerFs::tarCreate(const std::string& path) const {
  std::string p = normalize(path);
  std::vector<TarEntry> entries;
  auto member = [](const std::string& abs) { return abs.substr(1); };  // without the leading '/'
  if (files_.count(p)) {
    entries.push_back({member(p), files_.at(p), false, 0644, mtimes_.count(p) ? mtimes_.at(p) : 0});
    return tarWrite(entries);
  }
  if (!isDir(p)) return std::nullopt;
  // the directory, then what is below it, depth first in name order (as tar walks it)
  std::vector<std::string> stack = {p};
  while (!stack.empty()) {
    std::string d = stack.back();
    stack.pop_back();
    if (d != "/") entries.push_back({member(d), "", true, 0755, 0});
    auto names = list(d);
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
      std::string child = (d == "/" ? "" : d) + "/" + *it;
      if (files_.count(child)) continue;
      stack.push_back(child);
    }
    for (const auto& n : names) {
      std::string child = (d == "/" ? "" : d) + "/" + n;
      if (files_.count(child))
        entries.push_back({member(child), files_.at(child), false, 0644, mtimes_.count(child) ? mtimes_.at(child) : 0});
    }
  }
  return tarWrite(entries);
}

bool ContainerFs::tarExtract(const std::string& archive, const std::string& dir, std::string* error) {
  std::string err;
  auto entries = tarRead(archive, &err);
  if (!entries) {
    *error = "tar: invalid tar magic";
    return false;
  }
  std::string base = normalize(dir);
  for (const auto& e : *entries) {
    std::string target = normalize(base + "/" + e.name);
    if (e.dir) {
      if (!mkdirs(target)) {
        *error = "tar: can't create directory '" + e.name + "': File exists";
        return false;
      }
    } else if (!write(target, e.data, e.mtime)) {
      *error = "tar: can't open '" + e.name + "': Is a directory";
      return false;
    }
  }
  return true;
}

}  // namespace kp
