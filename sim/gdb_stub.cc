#include "sim/gdb_stub.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace dynsim {
namespace {

constexpr int kNumRegisters = 128;       // qemu-hppa's g packet: 128 words of 4 bytes
constexpr size_t kPacketSize = 0x1000;   // what qSupported announces (PacketSize is hex)
constexpr uint32_t kMaxMemoryRead = (kPacketSize - 16) / 2;
constexpr uint32_t kPollEvery = 4096;    // instruction boundaries between looks for Ctrl-C
constexpr int kSigInt = 2, kSigTrap = 5;

// PSW bits (PA-RISC 2.0 manual; Linux's asm/psw.h): those the machine models.
constexpr uint32_t kPswN = 0x00200000, kPswV = 0x00020000, kPswCbShift = 8;

// Register numbers of the g packet (see the header).
constexpr int kRegPsw = 0, kRegSar = 32, kRegIaoqFront = 33, kRegIasqFront = 34, kRegIaoqBack = 35,
              kRegIasqBack = 36, kRegSr4 = 43, kRegSr7 = 50, kRegCr26 = 59, kRegCr27 = 60, kRegFr = 64;
// sr4, sr0, sr1, sr2, sr3, sr5, sr6, sr7: the order of gdb's hppa registers 43..50.
constexpr int kSpaceOrder[8] = {4, 0, 1, 2, 3, 5, 6, 7};

// Linux-hppa signal numbers to gdb's (the remote protocol's) numbers. 1..15 agree.
int GdbSignal(int signo) {
  switch (signo) {
    case 16: return 30;  // SIGUSR1
    case 17: return 31;  // SIGUSR2
    case 18: return 20;  // SIGCHLD
    case 19: return 32;  // SIGPWR
    case 20: return 26;  // SIGVTALRM
    case 21: return 27;  // SIGPROF
    case 22: return 23;  // SIGIO
    case 23: return 28;  // SIGWINCH
    case 24: return 17;  // SIGSTOP
    case 25: return 18;  // SIGTSTP
    case 26: return 19;  // SIGCONT
    case 27: return 21;  // SIGTTIN
    case 28: return 22;  // SIGTTOU
    case 29: return 16;  // SIGURG
    case 30: return 24;  // SIGXCPU
    case 31: return 25;  // SIGXFSZ
    default: return signo >= 1 && signo <= 15 ? signo : 143;  // 143: GDB_SIGNAL_UNKNOWN
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// A whole hex number spanning [*p, the first char not a hex digit); false if empty or
// wider than 32 bits.
bool ParseHex(const char** p, uint32_t* out) {
  uint64_t v = 0;
  const char* s = *p;
  while (HexDigit(*s) >= 0) {
    v = v * 16 + static_cast<unsigned>(HexDigit(*s++));
    if (v > UINT32_MAX) return false;
  }
  if (s == *p) return false;
  *p = s;
  *out = static_cast<uint32_t>(v);
  return true;
}

bool ParseHexWord(const char* s, uint32_t* out) {  // 8 hex digits, big-endian
  uint32_t v = 0;
  for (int i = 0; i < 8; ++i) {
    const int d = HexDigit(s[i]);
    if (d < 0) return false;
    v = v << 4 | static_cast<unsigned>(d);
  }
  *out = v;
  return true;
}

}  // namespace

bool GdbStub::ParsePort(const std::string& option, const std::string& text, int* port, std::string* error) {
  char* end = nullptr;
  errno = 0;
  const long v = text.empty() || text.find_first_not_of("0123456789") != std::string::npos
                     ? -1
                     : std::strtol(text.c_str(), &end, 10);
  if (v < 1 || v > 65535 || errno != 0) {
    *error = option + " " + text + ": not a TCP port (1..65535)";
    return false;
  }
  *port = static_cast<int>(v);
  return true;
}

std::unique_ptr<GdbStub> GdbStub::Listen(int port, std::string* error) {
  const std::string name = "--gdb " + std::to_string(port);
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = name + ": cannot make a socket: " + std::strerror(errno);
    return nullptr;
  }
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // a listener still refuses
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 1) != 0) {
    const int e = errno;
    close(fd);
    *error = e == EADDRINUSE ? name + ": port " + std::to_string(port) + " is already in use"
                             : name + ": cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(e);
    return nullptr;
  }
  return std::unique_ptr<GdbStub>(new GdbStub(fd, port));
}

GdbStub::~GdbStub() {
  Close();
  if (listen_fd_ >= 0) close(listen_fd_);
}

bool GdbStub::Accept(const volatile std::sig_atomic_t* stop_request, std::string* error) {
  stop_request_ = stop_request;
  for (;;) {
    if (stop_request_ && *stop_request_) {
      *error = "interrupted while waiting for gdb on 127.0.0.1:" + std::to_string(port_);
      return false;
    }
    pollfd p{listen_fd_, POLLIN, 0};
    const int n = poll(&p, 1, 200);
    if (n < 0 && errno != EINTR) {
      *error = std::string("--gdb: poll: ") + std::strerror(errno);
      return false;
    }
    if (n <= 0) continue;
    fd_ = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd_ >= 0) break;
    if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED) {
      *error = std::string("--gdb: accept: ") + std::strerror(errno);
      return false;
    }
  }
  close(listen_fd_);  // one debugger per run
  listen_fd_ = -1;
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

void GdbStub::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  pending_.clear();
}

// --- framing ---

bool GdbStub::ReadByte(char* c) {
  while (pending_.empty()) {
    if (stop_request_ && *stop_request_) return false;
    pollfd p{fd_, POLLIN, 0};
    const int n = poll(&p, 1, 200);
    if (n < 0 && errno != EINTR) return false;
    if (n <= 0) continue;
    char buf[4096];
    const ssize_t got = recv(fd_, buf, sizeof buf, 0);
    if (got == 0) return false;
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    pending_.append(buf, static_cast<size_t>(got));
  }
  *c = pending_[0];
  pending_.erase(0, 1);
  return true;
}

bool GdbStub::ReadPacket(std::string* payload) {
  for (;;) {
    char c;
    if (!ReadByte(&c)) return false;
    if (c == '\x03') {
      *payload = "\x03";
      return true;
    }
    if (c != '$') continue;  // acks ('+', '-') and noise between packets
    std::string body;
    uint8_t sum = 0;
    for (;;) {
      if (!ReadByte(&c)) return false;
      if (c == '#') break;
      body += c;
      sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(c));
      if (body.size() > 2 * kPacketSize) break;  // runaway: the checksum fails below
    }
    char h[2];
    if (!ReadByte(&h[0]) || !ReadByte(&h[1])) return false;
    const int hi = HexDigit(h[0]), lo = HexDigit(h[1]);
    const bool good = c == '#' && hi >= 0 && lo >= 0 && (hi << 4 | lo) == sum;
    const char ack = good ? '+' : '-';
    if (send(fd_, &ack, 1, MSG_NOSIGNAL) != 1) return false;
    if (!good) continue;  // gdb sends it again
    *payload = body;
    return true;
  }
}

void GdbStub::SendPacket(const std::string& payload) {
  if (fd_ < 0) return;
  uint8_t sum = 0;
  for (char c : payload) sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(c));
  char tail[4];
  std::snprintf(tail, sizeof tail, "#%02x", sum);
  const std::string frame = "$" + payload + tail;
  size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t n = send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Close();
      return;
    }
    sent += static_cast<size_t>(n);
  }
}

// --- running and stopping ---

bool GdbStub::Start() { return attached() ? Serve() != Resume::kKill : true; }

bool GdbStub::AtBoundary() {
  if (fd_ < 0) return true;
  int signo = 0;
  if (stepping_ || (!breakpoints_.empty() && breakpoints_.count(state_->pc()))) {
    signo = kSigTrap;
  } else if (poll_countdown_-- == 0) {
    // Ctrl-C: gdb sends a lone 0x03 while the guest runs.
    poll_countdown_ = kPollEvery;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) {
      char buf[256];
      const ssize_t got = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (got == 0) {
        Close();  // gdb went away: the guest runs on, as after a detach
        return true;
      }
      if (got > 0 && std::memchr(buf, '\x03', static_cast<size_t>(got))) signo = kSigInt;
    }
  }
  if (signo == 0) return true;
  return StopAndServe(signo) != Resume::kKill;
}

GdbStub::Resume GdbStub::StopAndServe(int signo) {
  stepping_ = false;
  last_signal_ = signo;
  SendPacket(StopReply());
  return Serve();
}

std::string GdbStub::StopReply() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "S%02x", last_signal_);
  return buf;
}

void GdbStub::ReportEnd(int status, int signo) {
  if (fd_ < 0) return;
  char buf[8];
  if (signo)
    std::snprintf(buf, sizeof buf, "X%02x", GdbSignal(signo) & 0xff);
  else
    std::snprintf(buf, sizeof buf, "W%02x", status & 0xff);
  SendPacket(buf);
  Close();
}

GdbStub::Resume GdbStub::Serve() {
  std::string packet;
  for (;;) {
    if (!ReadPacket(&packet)) {
      // gdb closed the connection (or dynsim was interrupted): the guest runs on
      // unwatched; a stop request ends the run at the next slice.
      Close();
      return Resume::kContinue;
    }
    if (packet.empty()) continue;
    const char cmd = packet[0];
    const std::string args = packet.substr(1);
    switch (cmd) {
      case '\x03': SendPacket(StopReply()); break;  // already stopped
      case '?': SendPacket(StopReply()); break;
      case 'g': SendPacket(ReadRegisters()); break;
      case 'G': SendPacket(WriteRegisters(args) ? "OK" : "E01"); break;
      case 'p': {
        const char* p = args.c_str();
        uint32_t n;
        SendPacket(ParseHex(&p, &n) && *p == 0 && n < kNumRegisters ? Hex8(Register(static_cast<int>(n))) : "E01");
        break;
      }
      case 'P': {
        const char* p = args.c_str();
        uint32_t n, v;
        const bool ok = ParseHex(&p, &n) && *p++ == '=' && std::strlen(p) == 8 && ParseHexWord(p, &v) &&
                        n < kNumRegisters && SetRegister(static_cast<int>(n), v);
        SendPacket(ok ? "OK" : "E01");
        break;
      }
      case 'm': SendPacket(ReadMemory(args)); break;
      case 'M': SendPacket(WriteMemory(args)); break;
      case 'Z':
      case 'z': SendPacket(Breakpoint(packet)); break;
      case 's':
      case 'c':
      case 'S':
      case 'C': {
        // s/c [ADDR]; S/C SIG[;ADDR]: the signal is dropped, since guest signals are the
        // OS model's business and are never reported to gdb as stops.
        const char* p = args.c_str();
        uint32_t addr, signo;
        if ((cmd == 'S' || cmd == 'C') && (!ParseHex(&p, &signo) || (*p != 0 && *p++ != ';'))) {
          SendPacket("E01");
          break;
        }
        if (*p != 0) {  // resume at an address
          if (!ParseHex(&p, &addr) || *p != 0) {
            SendPacket("E01");
            break;
          }
          state_->JumpTo(addr);
        }
        stepping_ = cmd == 's' || cmd == 'S';
        return stepping_ ? Resume::kStep : Resume::kContinue;
      }
      case 'k':  // no reply
        killed_ = true;
        Close();
        return Resume::kKill;
      case 'D':
        SendPacket("OK");
        Close();
        breakpoints_.clear();
        return Resume::kContinue;
      case 'H': SendPacket("OK"); break;  // one thread: any thread is it
      case 'T': SendPacket("OK"); break;  // it is alive
      case 'v':
        if (packet.compare(0, 5, "vKill") == 0) {
          SendPacket("OK");
          killed_ = true;
          Close();
          return Resume::kKill;
        }
        SendPacket("");  // vCont?, vMustReplyEmpty, ...: not supported, gdb uses s and c
        break;
      case 'q': SendPacket(Query(packet)); break;
      default: SendPacket(""); break;  // unsupported
    }
  }
}

std::string GdbStub::Query(const std::string& packet) const {
  auto starts = [&](const char* prefix) { return packet.compare(0, std::strlen(prefix), prefix) == 0; };
  if (starts("qSupported")) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "PacketSize=%zx", kPacketSize);
    return buf;
  }
  if (starts("qAttached")) return "1";  // "detach" leaves the guest running; "kill" ends it
  if (starts("qSymbol")) return "OK";
  if (packet == "qC") return "QC1";
  if (packet == "qfThreadInfo") return "m1";
  if (packet == "qsThreadInfo") return "l";
  return "";
}

// --- registers ---

uint32_t GdbStub::Register(int n) const {
  const ArchState& s = *state_;
  if (n == kRegPsw)
    return (s.psw_n ? kPswN : 0) | (s.psw_v ? kPswV : 0) | (s.psw_cb & 0xffu) << kPswCbShift;
  if (n >= 1 && n <= 31) return s.gr[n];
  if (n >= kRegFr) {
    const uint64_t fr = s.fr[(n - kRegFr) / 2];
    return static_cast<uint32_t>((n - kRegFr) % 2 == 0 ? fr >> 32 : fr);
  }
  switch (n) {
    case kRegSar: return s.sar;
    case kRegIaoqFront: return s.iaoq_front;
    case kRegIaoqBack: return s.iaoq_back;
    case kRegCr26: return s.cr26;
    case kRegCr27: return s.cr27;
    default: break;
  }
  if (n >= kRegSr4 && n <= kRegSr7) return s.sr[kSpaceOrder[n - kRegSr4]];
  return 0;  // IASQ (0 in narrow user mode) and the registers user code cannot see
}

bool GdbStub::SetRegister(int n, uint32_t v) {
  ArchState& s = *state_;
  if (n == kRegPsw) {
    s.psw_n = (v & kPswN) != 0;
    s.psw_v = (v & kPswV) != 0;
    s.psw_cb = v >> kPswCbShift & 0xffu;
  } else if (n >= 1 && n <= 31) {
    s.gr[n] = v;
  } else if (n >= kRegFr) {
    uint64_t& fr = s.fr[(n - kRegFr) / 2];
    fr = (n - kRegFr) % 2 == 0 ? (fr & 0xffffffffu) | uint64_t{v} << 32 : (fr & ~uint64_t{0xffffffffu}) | v;
  } else if (n == kRegSar) {
    s.sar = v & 31;  // narrow mode uses 5 bits
  } else if (n == kRegIaoqFront) {
    s.iaoq_front = v | kUserPrivilege;  // user code always runs at privilege 3
  } else if (n == kRegIaoqBack) {
    s.iaoq_back = v | kUserPrivilege;
  } else if (n == kRegCr26) {
    s.cr26 = v;
  } else if (n == kRegCr27) {
    s.cr27 = v;
  }
  // Writes to the others (read-only or not modeled) are accepted and ignored, as qemu does.
  return true;
}

std::string GdbStub::ReadRegisters() const {
  std::string out;
  out.reserve(kNumRegisters * 8);
  for (int n = 0; n < kNumRegisters; ++n) out += Hex8(Register(n));
  return out;
}

bool GdbStub::WriteRegisters(const std::string& hex) {
  if (hex.size() != kNumRegisters * 8) return false;
  std::vector<uint32_t> values(kNumRegisters);
  for (int n = 0; n < kNumRegisters; ++n)
    if (!ParseHexWord(hex.c_str() + n * 8, &values[static_cast<size_t>(n)])) return false;
  for (int n = 0; n < kNumRegisters; ++n) SetRegister(n, values[static_cast<size_t>(n)]);
  return true;
}

// --- memory ---

std::string GdbStub::ReadMemory(const std::string& args) const {
  const char* p = args.c_str();
  uint32_t addr, length;
  if (!ParseHex(&p, &addr) || *p++ != ',' || !ParseHex(&p, &length) || *p != 0) return "E01";
  length = std::min(length, kMaxMemoryRead);
  if (uint64_t{addr} + length > uint64_t{1} << 32) return "E14";
  std::vector<uint8_t> bytes(length);
  if (length && !memory_->ReadBytes(addr, bytes.data(), length)) return "E14";  // EFAULT
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string GdbStub::WriteMemory(const std::string& args) {
  const char* p = args.c_str();
  uint32_t addr, length;
  if (!ParseHex(&p, &addr) || *p++ != ',' || !ParseHex(&p, &length) || *p++ != ':') return "E01";
  if (std::strlen(p) != uint64_t{length} * 2 || uint64_t{addr} + length > uint64_t{1} << 32) return "E01";
  std::vector<uint8_t> bytes(length);
  for (uint32_t i = 0; i < length; ++i) {
    const int hi = HexDigit(p[2 * i]), lo = HexDigit(p[2 * i + 1]);
    if (hi < 0 || lo < 0) return "E01";
    bytes[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  // Through the host-side path: a write to code drops its predecoded page.
  if (length && !memory_->WriteBytes(addr, bytes.data(), length)) return "E14";
  return "OK";
}

std::string GdbStub::Breakpoint(const std::string& packet) {
  // Z0/z0 (software) and Z1/z1 (hardware) breakpoints are both pcs the run loop checks;
  // watchpoints (Z2..Z4) are not supported (the empty reply).
  if (packet.size() < 3 || (packet[1] != '0' && packet[1] != '1') || packet[2] != ',') return "";
  const char* p = packet.c_str() + 3;
  uint32_t addr;
  if (!ParseHex(&p, &addr) || *p != ',') return "E01";
  if (packet[0] == 'Z')
    breakpoints_.insert(addr & ~3u);
  else
    breakpoints_.erase(addr & ~3u);
  return "OK";
}

}  // namespace dynsim
