// The console machine's small in-memory file system: one flat home directory of text files
// that here-documents and redirections write and cat, ls, rm and kubectl -f read. Times come
// from the simulated clock, never the host. The shell owns it; kubectl reads from it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"

namespace kp {

class MemFs {
 public:
  struct File {
    std::string data;
    Time modified = 0;
  };
  // The file's name in the home directory ("./a.yaml" and "~/a.yaml" name "a.yaml"), or ""
  // when the path points anywhere else (directories do not exist here).
  static std::string normalize(const std::string& path);
  bool exists(const std::string& path) const;
  std::optional<std::string> read(const std::string& path) const;
  // Writes (or appends to) a file; false when the path cannot name a file here.
  bool write(const std::string& path, const std::string& data, Time now, bool append = false);
  bool remove(const std::string& path);
  const File* stat(const std::string& path) const;
  // File names in ls order.
  std::vector<std::string> names() const;

 private:
  std::map<std::string, File> files_;
};

}  // namespace kp
