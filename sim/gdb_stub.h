// A GDB remote-protocol stub for `dynsim run --gdb PORT` (docs/simulator.md, "Debugging
// with gdb"): it listens on 127.0.0.1:PORT only, waits for gdb before the first guest
// instruction, and serves gdb-multiarch's hppa target.
//
// The register file of the `g` packet is qemu-hppa's (target/hppa/gdbstub.c), 128 words
// of 4 bytes in guest (big-endian) order: 0 the PSW (N, V and C/B are modeled; the rest
// reads 0), 1..31 r1..r31, 32 sar, 33 IAOQ front (with the privilege bits, 3 in user
// mode), 34 IASQ front, 35 IAOQ back, 36 IASQ back, 37..42 interruption registers (0),
// 43..50 sr4, sr0, sr1, sr2, sr3, sr5, sr6, sr7, 51..58 other control registers (0), 59
// cr26, 60 cr27, 61..63 0, and 64..127 the 32 FP registers, each as its left (high) word
// then its right word.
//
// Breakpoints (Z0/z0) are a set of pcs the run loop checks between instructions; guest
// memory is never patched. While gdb is attached the machine runs one instruction per
// slice (sim/system.h's SliceObserver), so a stop is always at an instruction boundary.
// Without --gdb nothing of this is on the run's path.
#ifndef DYNSIM_SIM_GDB_STUB_H
#define DYNSIM_SIM_GDB_STUB_H

#include <csignal>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "machine/arch_state.h"
#include "machine/memory.h"

namespace dynsim {

class GdbStub {
 public:
  // Parses a port, 1..65535; false with a one-line error naming `option`.
  static bool ParsePort(const std::string& option, const std::string& text, int* port, std::string* error);
  // Listens on 127.0.0.1:port; nullptr with a one-line error (the port is in use, ...).
  static std::unique_ptr<GdbStub> Listen(int port, std::string* error);
  ~GdbStub();
  GdbStub(const GdbStub&) = delete;
  GdbStub& operator=(const GdbStub&) = delete;

  // Waits for gdb to connect; false if `stop_request` was set first (Ctrl-C, SIGTERM).
  bool Accept(const volatile std::sig_atomic_t* stop_request, std::string* error);
  // The machine gdb looks at (before Start).
  void Attach(ArchState* state, GuestMemory* memory) {
    state_ = state;
    memory_ = memory;
  }

  // True while gdb is connected: the run must stop at every instruction boundary.
  bool attached() const { return fd_ >= 0; }
  // Before the first instruction: serves gdb until it resumes the guest. False: gdb
  // killed it (end the run).
  bool Start();
  // At an instruction boundary, while attached: stops for gdb if a step finished, pc is
  // a breakpoint or gdb sent Ctrl-C, and serves it until it resumes. False: kill the run.
  bool AtBoundary();
  // The guest exited with `status`, or a signal killed it (`signo` != 0): tells gdb
  // (W xx / X xx) and closes the connection.
  void ReportEnd(int status, int signo);
  // gdb asked for the inferior to be killed (`k`).
  bool killed() const { return killed_; }

 private:
  explicit GdbStub(int listen_fd, int port) : listen_fd_(listen_fd), port_(port) {}
  enum class Resume { kContinue, kStep, kKill };
  // Reports a stop with `signo` (gdb numbering) and serves packets until gdb resumes.
  Resume StopAndServe(int signo);
  Resume Serve();
  // One packet's payload, acked; false if the connection closed. A lone 0x03 gives "\x03".
  bool ReadPacket(std::string* payload);
  void SendPacket(const std::string& payload);
  bool ReadByte(char* c);
  void Close();
  // Handlers; each returns the reply.
  std::string ReadRegisters() const;
  bool WriteRegisters(const std::string& hex);
  uint32_t Register(int n) const;
  bool SetRegister(int n, uint32_t value);
  std::string ReadMemory(const std::string& args) const;
  std::string WriteMemory(const std::string& args);
  std::string Breakpoint(const std::string& packet);
  std::string Query(const std::string& packet) const;
  std::string StopReply() const;

  int listen_fd_ = -1;
  int fd_ = -1;
  int port_;
  const volatile std::sig_atomic_t* stop_request_ = nullptr;
  ArchState* state_ = nullptr;
  GuestMemory* memory_ = nullptr;
  std::set<uint32_t> breakpoints_;
  bool stepping_ = false;
  bool killed_ = false;
  int last_signal_ = 5;  // SIGTRAP: the reason of the last stop, for `?`
  uint32_t poll_countdown_ = 0;
  std::string pending_;  // bytes read but not yet consumed
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_GDB_STUB_H
