// The host's view of Dynamo's counters (dynamo/counters.h, where each is declared once
// with its meaning): their names and descriptions for the stats, and a live reading of
// Dynamo's counter block in guest memory for the timeline.
//
// Reading the block costs the guest nothing: the host finds the block by its symbol in
// Dynamo's ELF and copies it between two instructions, so a run with a timeline executes
// exactly the instructions, and takes exactly the cycles, of a run without. A simcall
// from Dynamo at each interval would be guest code, charged to Dynamo's time and changing
// the results it reports.
#ifndef DYNSIM_SIM_DYNAMO_COUNTERS_H
#define DYNSIM_SIM_DYNAMO_COUNTERS_H

#include <cstdint>
#include <string>
#include <vector>

#include "machine/memory.h"
#include "os_model/elf_loader.h"

namespace dynsim {

struct DynamoCounterDecl {
  const char* name;  // "fragments"; reported as "dynamo.fragments"
  const char* doc;
};

// Every counter, in declaration order (the order of the fields of dynamo::Counters).
const std::vector<DynamoCounterDecl>& DynamoCounterDecls();
// The description of a guest counter key ("dynamo.fragments"), or "" for a key that is not
// one of Dynamo's.
std::string DynamoCounterDoc(const std::string& key);

// Dynamo's counter block in guest memory.
class DynamoCounterBlock {
 public:
  // Finds the block in Dynamo's image; false with a one-line reason if it is missing or
  // its size disagrees with the declarations.
  bool Find(const ElfImage& dynamo_image, std::string* error);
  // The counters' current values, in declaration order (empty if not found or unreadable).
  std::vector<uint64_t> Read(const GuestMemory& memory) const;
  // Where the block is (0 if not found), and its size in bytes.
  GuestAddr addr() const { return found_ ? addr_ : 0; }
  static uint32_t size() { return static_cast<uint32_t>(DynamoCounterDecls().size() * sizeof(uint64_t)); }

 private:
  GuestAddr addr_ = 0;
  bool found_ = false;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_DYNAMO_COUNTERS_H
