// dynsim's own simulator calls (syscall_numbers.h, kNrDynsim*): how guest software such as
// Dynamo names its code regions and reports its counters to the simulator's stats.
#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {

int64_t GuestOs::SysDynsim(uint32_t nr, Args a) {
  std::string name;
  if (!memory_->ReadString(a[0], 256, &name)) return -kEFAULT;
  if (name.empty()) return -kEINVAL;
  switch (nr) {
    case kNrDynsimAnnounceRegion:
      if (a[2] <= a[1]) return -kEINVAL;
      simulator_calls_->AnnounceRegion(name, a[1], a[2]);
      return 0;
    case kNrDynsimReportCounter:
      simulator_calls_->ReportCounter(name, (uint64_t{a[1]} << 32) | a[2]);
      return 0;
    default:
      return -kENOSYS;
  }
}

}  // namespace dynsim
