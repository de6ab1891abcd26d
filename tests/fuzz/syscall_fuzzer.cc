// libFuzzer harness for the system-call layer (os_model/): random system calls with
// random arguments against a small mapped guest (a code page, two data pages, a stack),
// through the gateway exactly as the core enters it. Never a crash, a leak or undefined
// behaviour (AddressSanitizer and UBSan watch); the simulated clock never runs backwards;
// guest memory stays under its limit; every diagnostic is one line "dynsim: ...".
//
// The input is a list of calls, each: one selector byte, then (selector 0xff only) a
// 16-bit big-endian syscall number, then six 32-bit big-endian arguments. A selector below
// 0xf0 picks among the numbers Linux-hppa names (SyscallName), 0xf0..0xfe a light-weight
// call (entry 0xb0) or the thread-pointer entry (0xe0). An argument whose top byte is 0xda
// stands for an address in the data pages, 0x57 one in the stack, so mutations keep
// reaching memory the calls can read and write.
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"
#include "os_model/guest_os.h"
#include "os_model/syscall_numbers.h"

namespace {

constexpr dynsim::GuestAddr kCode = 0x00010000;
constexpr dynsim::GuestAddr kData = 0x00100000;  // two pages
constexpr dynsim::GuestAddr kStack = 0x00200000;  // 64 KiB, grows upward
constexpr uint64_t kLimitBytes = uint64_t{16} << 20;
constexpr int kMaxCalls = 64;
constexpr uint32_t kMaxGuestFds = 1024;  // host descriptors checked for leaks

// One guest memory for every input (building one costs milliseconds); each input unmaps
// everything it mapped.
dynsim::GuestMemory& Memory() {
  static dynsim::GuestMemory* memory = [] {
    auto* m = new dynsim::GuestMemory;
    m->set_limit_bytes(kLimitBytes);
    return m;
  }();
  return *memory;
}

const std::vector<uint32_t>& KnownNumbers() {
  static const std::vector<uint32_t> numbers = [] {
    std::vector<uint32_t> v;
    for (uint32_t nr = 0; nr < 1024; ++nr)
      if (dynsim::SyscallName(nr)) v.push_back(nr);
    return v;
  }();
  return numbers;
}

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "syscall_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool Has(size_t n) const { return pos_ + n <= size_; }
  uint8_t Byte() { return data_[pos_++]; }
  uint32_t Word(int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | data_[pos_++];
    return v;
  }

 private:
  const uint8_t* data_;
  size_t size_, pos_ = 0;
};

uint32_t Argument(uint32_t raw) {
  if ((raw >> 24) == 0xda) return kData + (raw & 0x1fff);
  if ((raw >> 24) == 0x57) return kStack + (raw & 0xffff);
  return raw;
}

void CheckLog(const std::string& log) {
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("dynsim: ", 0) != 0) Fail("a diagnostic not of the form 'dynsim: ...'", line);
}

// The host descriptors open now (below kMaxGuestFds).
std::vector<bool> OpenHostFds() {
  std::vector<bool> open(kMaxGuestFds);
  for (uint32_t fd = 0; fd < kMaxGuestFds; ++fd) open[fd] = ::fcntl(static_cast<int>(fd), F_GETFD) >= 0;
  return open;
}

// Closes the host descriptors the calls opened (a dup of the host's stdio, /dev/null):
// GuestOs leaves them to the process's end, which for the fuzzer never comes.
void CloseNewHostFds(const std::vector<bool>& before) {
  for (uint32_t fd = 0; fd < kMaxGuestFds; ++fd)
    if (!before[fd] && ::fcntl(static_cast<int>(fd), F_GETFD) >= 0) ::close(static_cast<int>(fd));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<bool> host_fds_before = OpenHostFds();
  dynsim::GuestMemory& memory = Memory();
  memory.Map(kCode, 0x1000, dynsim::kPermRead | dynsim::kPermExec);
  memory.Map(kData, 0x2000, dynsim::kPermRead | dynsim::kPermWrite);
  memory.Map(kStack, 0x10000, dynsim::kPermRead | dynsim::kPermWrite);
  dynsim::SimClock clock;
  dynsim::OsConfig config;  // no file-system roots: nothing on the host opens
  std::ostringstream log;
  dynsim::ElfImage image;
  image.image_end = kData + 0x2000;
  {
    dynsim::GuestOs os(&memory, &clock, config, &log);
    std::string error;
    if (!os.Start(image, &error)) Fail("Start failed", error);
    dynsim::ArchState state;
    state.gr[30] = kStack + 0x100;
    state.JumpTo(kCode);
    Input in(data, size);
    for (int call = 0; call < kMaxCalls && in.Has(1 + 24); ++call) {
      const uint8_t selector = in.Byte();
      dynsim::GuestAddr gateway = dynsim::kGatewaySyscall;
      uint32_t nr;
      if (selector == 0xff) {
        if (!in.Has(2 + 24)) break;
        nr = in.Word(2);
      } else if (selector >= 0xf0) {
        gateway = selector == 0xfe ? dynsim::kGatewaySetThreadPointer : dynsim::kGatewayLightweight;
        nr = selector & 0x0f;
      } else {
        nr = KnownNumbers()[selector % KnownNumbers().size()];
      }
      const uint32_t a[6] = {Argument(in.Word(4)), Argument(in.Word(4)), Argument(in.Word(4)),
                             Argument(in.Word(4)), Argument(in.Word(4)), Argument(in.Word(4))};
      state.gr[20] = nr;
      state.gr[26] = a[0];
      state.gr[25] = a[1];
      state.gr[24] = a[2];
      state.gr[23] = a[3];
      state.gr[22] = a[4];
      state.gr[21] = a[5];
      state.gr[31] = kCode | dynsim::kUserPrivilege;
      const uint64_t before = clock.cycles;
      os.Gateway(gateway, &state);
      if (clock.cycles < before) Fail("the clock ran backwards", std::to_string(nr));
      if (memory.mapped_bytes() > kLimitBytes) Fail("guest memory past its limit", std::to_string(nr));
      if (os.process_state() != dynsim::ProcessState::kRunning) break;
      if (os.NeedsAttention()) os.Poll(&state);
      if (os.process_state() != dynsim::ProcessState::kRunning) break;
    }
  }
  CheckLog(log.str());
  // Unmap where pages are: the fixed pages, the break above the image, the mmap area
  // (both within the limit of their bases); the whole space (slow: a million pages) only
  // when a MAP_FIXED call put pages elsewhere.
  memory.Unmap(kCode, 0x1000);
  memory.Unmap(kData, static_cast<uint32_t>(kLimitBytes));
  memory.Unmap(kStack, 0x10000);
  memory.Unmap(dynsim::kMmapBase, static_cast<uint32_t>(kLimitBytes));
  memory.Unmap(dynsim::kSigtrampPage, dynsim::GuestMemory::kPageSize);
  if (memory.mapped_bytes() != 0) memory.Unmap(0, 0xfffff000u);
  if (memory.mapped_bytes() != 0) Fail("pages left mapped", std::to_string(memory.mapped_bytes()));
  CloseNewHostFds(host_fds_before);
  return 0;
}
