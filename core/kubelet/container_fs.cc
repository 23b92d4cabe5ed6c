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

std::shared_ptr<ContainerFs> ContainerFs::volume() {
  auto v = std::make_shared<ContainerFs>();
  v->imageDirs_ = false;
  return v;
}

void ContainerFs::mount(const std::string& path, std::shared_ptr<ContainerFs> volume, bool readOnly) {
  std::string p = normalize(path);
  mounts_.erase(std::remove_if(mounts_.begin(), mounts_.end(), [&](const Mount& m) { return m.path == p; }), mounts_.end());
  mounts_.push_back({p, std::move(volume), readOnly});
}

const ContainerFs::Mount* ContainerFs::mountFor(const std::string& p, std::string* inner) const {
  const Mount* best = nullptr;
  for (const auto& m : mounts_) {
    bool under = p == m.path || (m.path == "/" || (p.size() > m.path.size() && p.compare(0, m.path.size(), m.path) == 0 &&
                                                   p[m.path.size()] == '/'));
    if (under && (!best || m.path.size() > best->path.size())) best = &m;
  }
  if (best && inner) *inner = p.size() == best->path.size() ? "/" : p.substr(best->path == "/" ? 0 : best->path.size());
  return best;
}

bool ContainerFs::readOnlyAt(const std::string& path) const {
  const Mount* m = mountFor(normalize(path), nullptr);
  return m && m->readOnly;
}

std::optional<std::string> ContainerFs::read(const std::string& path) const {
  std::string inner;
  if (const Mount* m = mountFor(normalize(path), &inner)) return m->fs->read(inner);
  auto it = files_.find(normalize(path));
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool ContainerFs::isFile(const std::string& path) const {
  std::string inner;
  if (const Mount* m = mountFor(normalize(path), &inner)) return m->fs->isFile(inner);
  return files_.count(normalize(path)) != 0;
}

bool ContainerFs::isDir(const std::string& path) const {
  std::string p = normalize(path), inner;
  if (const Mount* m = mountFor(p, &inner)) return inner == "/" || m->fs->isDir(inner);
  if (p == "/" || (imageDirs_ && imageDirs().count(p)) || dirs_.count(p)) return true;
  // The parents of a mount point exist.
  for (const auto& m : mounts_)
    if (m.path.size() > p.size() && m.path.compare(0, p.size() + 1, p + "/") == 0) return true;
  return false;
}

std::vector<std::string> ContainerFs::list(const std::string& dir) const {
  std::string d = normalize(dir), inner;
  if (const Mount* m = mountFor(d, &inner)) return m->fs->list(inner);
  std::string prefix = d == "/" ? "/" : d + "/";
  std::set<std::string> names;
  auto add = [&](const std::string& p) {
    if (p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0 && p.find('/', prefix.size()) == std::string::npos)
      names.insert(p.substr(prefix.size()));
  };
  for (const auto& [p, data] : files_) add(p);
  for (const auto& p : dirs_) add(p);
  for (const auto& m : mounts_) {
    // A mount point, or the directory on the way to one, shows in its parent.
    if (m.path.size() <= prefix.size() || m.path.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = m.path.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {names.begin(), names.end()};
}

bool ContainerFs::mkdirs(const std::string& path) {
  std::string p = normalize(path), inner;
  if (const Mount* m = mountFor(p, &inner)) return !m->readOnly && m->fs->mkdirs(inner);
  if (files_.count(p)) return false;
  std::vector<std::string> chain;
  for (std::string cur = p; cur != "/"; cur = parentOf(cur)) chain.push_back(cur);
  for (const auto& c : chain)
    if (files_.count(c)) return false;
  for (const auto& c : chain)
    if (!imageDirs_ || !imageDirs().count(c)) dirs_.insert(c);
  return true;
}

bool ContainerFs::write(const std::string& path, const std::string& data, long long mtime) {
  std::string p = normalize(path), inner;
  if (const Mount* m = mountFor(p, &inner)) return !m->readOnly && inner != "/" && m->fs->write(inner, data, mtime);
  if (p == "/" || isDir(p) || !mkdirs(parentOf(p))) return false;
  files_[p] = data;
  mtimes_[p] = mtime;
  return true;
}

bool ContainerFs::remove(const std::string& path) {
  std::string p = normalize(path), inner;
  if (const Mount* m = mountFor(p, &inner)) return !m->readOnly && inner != "/" && m->fs->remove(inner);
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
