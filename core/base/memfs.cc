// The console machine's in-memory home directory.
#include "core/base/memfs.h"

#include <algorithm>
#include <cctype>

namespace kp {

std::string MemFs::normalize(const std::string& pathIn) {
  std::string p = pathIn;
  if (p.rfind("~/", 0) == 0) p = p.substr(2);
  else if (p.rfind("/home/docker/", 0) == 0) p = p.substr(13);
  while (p.rfind("./", 0) == 0) p = p.substr(2);
  if (p.empty() || p == "." || p == ".." || p.find('/') != std::string::npos || p.size() > 255) return "";
  return p;
}

bool MemFs::exists(const std::string& path) const { return stat(path) != nullptr; }

const MemFs::File* MemFs::stat(const std::string& path) const {
  auto it = files_.find(normalize(path));
  return it == files_.end() ? nullptr : &it->second;
}

std::optional<std::string> MemFs::read(const std::string& path) const {
  const File* f = stat(path);
  if (!f) return std::nullopt;
  return f->data;
}

bool MemFs::write(const std::string& path, const std::string& data, Time now, bool append) {
  std::string n = normalize(path);
  if (n.empty()) return false;
  File& f = files_[n];
  // a console file stays small: the browser keeps everything in memory
  const size_t kMax = size_t(8) << 20;
  if (append) f.data += data;
  else f.data = data;
  if (f.data.size() > kMax) f.data.resize(kMax);
  f.modified = now;
  return true;
}

bool MemFs::remove(const std::string& path) { return files_.erase(normalize(path)) > 0; }

std::vector<std::string> MemFs::names() const {
  std::vector<std::string> out;
  for (const auto& [n, f] : files_) out.push_back(n);
  // ls sorts by the locale's collation: case and punctuation are ignored first
  auto key = [](const std::string& s) {
    std::string k;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
  };
  std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    std::string ka = key(a), kb = key(b);
    return ka != kb ? ka < kb : a < b;
  });
  return out;
}

}  // namespace kp
