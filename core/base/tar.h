// A small POSIX ustar codec: what `kubectl cp` streams through `tar cf -` / `tar xmf -` in a
// container, and what the container's tar reads and writes. Regular files and directories only
// (symlinks, devices and PAX extensions are not simulated).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kp {

struct TarEntry {
  std::string name;  // member name as stored ("tmp/a.txt", "dir/")
  std::string data;  // file contents (empty for directories)
  bool dir = false;
  int mode = 0644;
  long long mtime = 0;  // seconds since the epoch
};

// The archive: one 512-byte header per entry, the data padded to 512 bytes, two zero blocks.
std::string tarWrite(const std::vector<TarEntry>& entries);
// The entries of an archive; nullopt with *error ("archive/tar: invalid tar header") when a
// header is malformed. An empty input is an empty archive.
std::optional<std::vector<TarEntry>> tarRead(const std::string& archive, std::string* error);

}  // namespace kp
