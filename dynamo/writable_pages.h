// Which application pages the interpreter may store to. User code can probe only
// readability (PROBEI,R), and a store to a page that is readable but not writable would
// fault inside Dynamo, where no application context exists to give the application's
// SIGSEGV handler (signals.h). So the interpreter checks each page once with a write
// probe that may fault safely (dynamo_probe_write) and remembers the pages that passed, until the application next changes its mappings
// (brk, mmap, munmap, mprotect, mremap, madvise, shmat, shmdt, remap_file_pages).
#ifndef DYNSIM_DYNAMO_WRITABLE_PAGES_H
#define DYNSIM_DYNAMO_WRITABLE_PAGES_H

#include <stdint.h>

namespace dynamo {

class WritablePages {
 public:
  // True if the application may store to `addr` (a readable address: checked first).
  bool Writable(uint32_t addr) {
    const uint32_t page = addr >> kPageBits;
    return pages_[page & (kEntries - 1)] == page + 1 || Check(addr);
  }
  // The application's system call `nr` is about to run: forget every page if it may
  // change a mapping (and say so).
  bool BeforeSyscall(uint32_t nr);

 private:
  static constexpr uint32_t kPageBits = 12, kEntries = 64;
  bool Check(uint32_t addr);
  uint32_t pages_[kEntries];  // page number + 1 of a page known writable; 0: none
};

// Dynamo's one set (zero-initialized static data: every page unknown), reached without
// a call from the interpreter's every store.
extern WritablePages the_writable_pages;
inline WritablePages& writable_pages() { return the_writable_pages; }

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_WRITABLE_PAGES_H
