#include "dynamo/writable_pages.h"

#include "dynamo/context.h"
#include "dynamo/machine.h"

namespace dynamo {

WritablePages the_writable_pages;

bool WritablePages::Check(uint32_t addr) {
  const uint32_t base = addr & ~((1u << kPageBits) - 1);
  if (!machine::Readable(base)) return false;
  if (!dynamo_probe_write(base)) return false;
  pages_[(base >> kPageBits) & (kEntries - 1)] = (base >> kPageBits) + 1;
  return true;
}

bool WritablePages::BeforeSyscall(uint32_t nr) {
  switch (nr) {
    case 45: case 89: case 90: case 91: case 119: case 125: case 163: case 192: case 193: case 227:
      for (uint32_t& p : pages_) p = 0;
      return true;
    default: return false;
  }
}

}  // namespace dynamo
