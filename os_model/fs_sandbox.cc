#include "os_model/fs_sandbox.h"

#include "os_model/guest_errno.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dynsim {
namespace {

bool RealPath(const std::string& path, std::string* out) {
  char buf[PATH_MAX];
  if (!realpath(path.c_str(), buf)) return false;
  *out = buf;
  return true;
}

std::string Dirname(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool FsSandbox::Grant(const FsGrant& grant, std::string* error) {
  std::string real;
  if (!RealPath(grant.dir, &real)) {
    *error = "--fs-root " + grant.dir + ": no such directory";
    return false;
  }
  while (real.size() > 1 && real.back() == '/') real.pop_back();
  roots_.push_back({real, grant.writable});
  return true;
}

const FsSandbox::Root* FsSandbox::RootFor(const std::string& real_path) const {
  for (const Root& root : roots_) {
    if (root.real_dir == "/") return &root;
    if (real_path == root.real_dir ||
        (real_path.size() > root.real_dir.size() && real_path.compare(0, root.real_dir.size(), root.real_dir) == 0 &&
         real_path[root.real_dir.size()] == '/'))
      return &root;
  }
  return nullptr;
}

int FsSandbox::Open(const std::string& guest_path, int host_flags, int mode) const {
  if (roots_.empty() || guest_path.empty()) return -kEACCES;
  std::string path = guest_path[0] == '/' ? guest_path : roots_[0].real_dir + "/" + guest_path;
  // Resolve the directory part (which must exist) and, if the file exists, the whole path;
  // a file being created is checked by its directory and may not be a symlink itself.
  std::string real;
  bool exists = RealPath(path, &real);
  if (!exists) {
    if (!(host_flags & O_CREAT)) return -kENOENT;
    std::string dir;
    if (!RealPath(Dirname(path), &dir)) return -kENOENT;
    real = (dir == "/" ? "" : dir) + "/" + Basename(path);
  }
  const Root* root = RootFor(real);
  if (!root) return -kEACCES;
  bool wants_write = (host_flags & O_ACCMODE) != O_RDONLY || (host_flags & (O_CREAT | O_TRUNC | O_APPEND));
  if (wants_write && !root->writable) return -kEACCES;
  return OpenFileOrDirectory(real, host_flags, mode);
}

int FsSandbox::OpenFileOrDirectory(const std::string& real_path, int host_flags, int mode) {
  // A FIFO or a device could block the simulator in open() or read() on the host, where no
  // --max-insts can stop it. O_NONBLOCK makes the open return at once (ENXIO for a FIFO
  // opened for writing without a reader); the type is checked on the descriptor itself,
  // so a path swapped for something else after it was resolved cannot slip through.
  int fd = ::open(real_path.c_str(), host_flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode);
  if (fd < 0) return errno == ENXIO ? -kEACCES : -HostToGuestErrno(errno);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
    ::close(fd);
    return -kEACCES;
  }
  if (!(host_flags & O_NONBLOCK)) {
    int status = ::fcntl(fd, F_GETFL);
    if (status < 0 || ::fcntl(fd, F_SETFL, status & ~O_NONBLOCK) < 0) {
      int err = errno;
      ::close(fd);
      return -HostToGuestErrno(err);
    }
  }
  return fd;
}

int FsSandbox::ResolveEntry(const std::string& guest_path, std::string* host_path) const {
  if (roots_.empty() || guest_path.empty()) return roots_.empty() ? -kEACCES : -kENOENT;
  std::string path = guest_path[0] == '/' ? guest_path : roots_[0].real_dir + "/" + guest_path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  const std::string name = Basename(path);
  if (name == "." || name == "..") return -kEINVAL;
  std::string dir;
  if (!RealPath(Dirname(path), &dir)) return -kENOENT;
  *host_path = (dir == "/" ? "" : dir) + "/" + name;
  const Root* root = RootFor(dir);
  if (!root || !root->writable) return -kEACCES;
  return 0;
}

}  // namespace dynsim
