// The part of the host file system a guest may open: only files under directories the
// user grants (`dynsim run --fs-root DIR`, read-only unless granted writable). Paths are
// resolved on the host (symlinks followed) and must stay inside a granted root, so `..`
// and symlinks cannot escape. Relative guest paths are taken relative to the first root.
// Only regular files and directories open: never FIFOs, sockets or devices.
#ifndef DYNSIM_OS_MODEL_FS_SANDBOX_H
#define DYNSIM_OS_MODEL_FS_SANDBOX_H

#include <string>
#include <vector>

namespace dynsim {

struct FsGrant {
  std::string dir;
  bool writable = false;
};

class FsSandbox {
 public:
  // Fails (one-line error) if a granted directory does not exist.
  bool Grant(const FsGrant& grant, std::string* error);
  // Opens `guest_path` with Linux open flags already translated to the host's. Returns a
  // host fd or -errno in the guest's numbering (EACCES outside the roots, for writes to a
  // read-only root, and for anything but a regular file or a directory).
  int Open(const std::string& guest_path, int host_flags, int mode) const;
  // Resolves `guest_path` for a call that changes the directory entry itself (unlink,
  // rename, mkdir, rmdir): the parent directory is resolved (symlinks followed) and must lie
  // in a writable root; the last component stays as named, so a symlink there is the
  // entry acted on, never followed. Returns 0 and the host path, or -errno (EACCES outside
  // a writable root, EINVAL for a last component of "." or "..").
  int ResolveEntry(const std::string& guest_path, std::string* host_path) const;
  // The guest's working directory: the first root (relative paths resolve there), or ""
  // when no directory was granted.
  std::string WorkingDirectory() const { return roots_.empty() ? std::string() : roots_[0].real_dir; }
  bool empty() const { return roots_.empty(); }

 private:
  struct Root {
    std::string real_dir;  // canonical, no trailing slash
    bool writable;
  };
  const Root* RootFor(const std::string& real_path) const;
  static int OpenFileOrDirectory(const std::string& real_path, int host_flags, int mode);
  std::vector<Root> roots_;
};

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_FS_SANDBOX_H
