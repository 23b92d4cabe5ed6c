// The files a container's processes wrote beyond its image: what `kubectl cp` puts in (through
// `tar xmf -`) and takes out (`tar cf -`), and what `exec -- cat FILE`, `ls DIR` and `test -d`
// read. Approximated: the image's own files are the few exec.cc knows (/etc/hostname, ...), the
// directories below are the images' top-level ones, and there are no owners or permissions
// beyond a mode number. It lives as long as the container instance (a restart starts empty).
// Volumes are mounted on it: a mount's files live in the volume's own ContainerFs, which the
// kubelet keeps as long as the volume lasts (an emptyDir with its pod, a hostPath with its node,
// a persistent volume's data with the volume), so containers that mount the same volume share
// its files and a new pod on the same claim finds them. `tar` works on the container's own
// files only.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kp {

class ContainerFs {
 public:
  // "/a//b/./c/" -> "/a/b/c"; relative paths are taken from "/" (the images' working dir).
  static std::string normalize(const std::string& path);
  std::optional<std::string> read(const std::string& path) const;
  bool isFile(const std::string& path) const;
  // A directory: the image's top-level ones, those created, and every parent of a file.
  bool isDir(const std::string& path) const;
  // The names directly under dir (files and directories), sorted.
  std::vector<std::string> list(const std::string& dir) const;
  // Writes a file, creating its parent directories; false when a parent is a file.
  bool write(const std::string& path, const std::string& data, long long mtime = 0);
  bool mkdirs(const std::string& path);
  bool remove(const std::string& path);

  // `tar cf - PATH`: the archive of a file or directory, member names without the leading '/'.
  // nullopt when PATH does not exist.
  std::optional<std::string> tarCreate(const std::string& path) const;
  // `tar xmf - -C DIR`: extracts the archive under dir; false with tar's message in *error.
  bool tarExtract(const std::string& archive, const std::string& dir, std::string* error);

  // An empty volume (no image directories in it).
  static std::shared_ptr<ContainerFs> volume();
  // Mounts a volume at path; writes below a read-only mount fail.
  void mount(const std::string& path, std::shared_ptr<ContainerFs> volume, bool readOnly);
  // Whether path is below a read-only mount.
  bool readOnlyAt(const std::string& path) const;

 private:
  struct Mount {
    std::string path;
    std::shared_ptr<ContainerFs> fs;
    bool readOnly = false;
  };
  // The mount holding path (the longest mount path that is it or a parent), and path inside it.
  const Mount* mountFor(const std::string& path, std::string* inner) const;
  std::vector<Mount> mounts_;
  bool imageDirs_ = true;
  std::map<std::string, std::string> files_;
  std::map<std::string, long long> mtimes_;
  std::set<std::string> dirs_;
};

}  // namespace kp
