#include "os_model/elf_loader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>

namespace dynsim {
namespace {

// ELF constants (System V ABI, ELF32; PA-RISC supplement for EM_PARISC).
constexpr uint8_t kElfClass32 = 1;
constexpr uint8_t kElfDataMsb = 2;
constexpr uint16_t kEtExec = 2;
constexpr uint16_t kEtDyn = 3;
constexpr uint16_t kEmParisc = 15;
constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPtDynamic = 2;
constexpr uint32_t kPtInterp = 3;
constexpr uint32_t kPtPhdr = 6;
constexpr uint32_t kPtGnuStack = 0x6474e551;
constexpr uint32_t kPfX = 1, kPfW = 2, kPfR = 4;
constexpr uint32_t kShtSymtab = 2;
constexpr uint32_t kShtNobits = 8;
constexpr uint32_t kShfExecInstr = 4;
constexpr uint8_t kSttFunc = 2;
constexpr uint8_t kSttPariscMilli = 13;  // STT_LOPROC
constexpr uint32_t kEhdrSize = 52, kPhdrSize = 32, kShdrSize = 40, kSymSize = 16;
constexpr uint32_t kMaxPhnum = 64;
constexpr uint32_t kMaxShnum = 4096;

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

// A name read from the file, fit for a one-line message: bytes outside printable ASCII
// are shown as \xNN, and a long name is cut at 64 characters.
std::string Printable(const std::string& name) {
  std::string out;
  for (unsigned char c : name.substr(0, 64)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return name.size() > 64 ? out + "..." : out;
}

class Reader {
 public:
  explicit Reader(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  bool Has(uint64_t offset, uint64_t size) const { return offset + size <= bytes_.size(); }
  uint16_t U16(uint32_t off) const { return GuestMemory::FromBigEndian<uint16_t>(&bytes_[off]); }
  uint32_t U32(uint32_t off) const { return GuestMemory::FromBigEndian<uint32_t>(&bytes_[off]); }
  uint8_t U8(uint32_t off) const { return bytes_[off]; }
  // A NUL-terminated string inside [table, table + table_size).
  bool String(uint32_t table, uint32_t table_size, uint32_t index, std::string* out) const {
    if (index >= table_size) return false;
    out->clear();
    for (uint32_t i = table + index; i < table + table_size; ++i) {
      if (bytes_[i] == 0) return true;
      out->push_back(static_cast<char>(bytes_[i]));
    }
    return false;
  }

 private:
  const std::vector<uint8_t>& bytes_;
};

class Parser {
 public:
  Parser(const std::string& path, ElfImage* image, std::string* error)
      : r_(image->bytes), path_(path), image_(image), error_(error) {}

  bool Run() {
    return Header() && ProgramHeaders() && SectionHeaders() && EntryIsExecutable();
  }

 private:
  bool Fail(const std::string& what) {
    *error_ = path_ + ": " + what;
    return false;
  }

  bool Header() {
    if (!r_.Has(0, kEhdrSize)) return Fail("not an ELF file (shorter than an ELF header)");
    if (r_.U8(0) != 0x7f || r_.U8(1) != 'E' || r_.U8(2) != 'L' || r_.U8(3) != 'F')
      return Fail("not an ELF file (bad magic)");
    if (r_.U8(4) != kElfClass32) return Fail("not a 32-bit ELF file (EI_CLASS " + Hex(r_.U8(4)) + ")");
    if (r_.U8(5) != kElfDataMsb)
      return Fail("not a big-endian ELF file (EI_DATA " + Hex(r_.U8(5)) + ")");
    uint16_t type = r_.U16(16), machine = r_.U16(18);
    if (machine != kEmParisc)
      return Fail("e_machine is " + std::to_string(machine) + ", not PA-RISC (15)");
    if (type == kEtDyn) return Fail("position-independent or shared objects are not supported; link with -static");
    if (type != kEtExec) return Fail("e_type is " + std::to_string(type) + ", not an executable (2)");
    image_->entry = r_.U32(24);
    phoff_ = r_.U32(28);
    shoff_ = r_.U32(32);
    image_->phentsize = r_.U16(42);
    image_->phnum = r_.U16(44);
    shentsize_ = r_.U16(46);
    shnum_ = r_.U16(48);
    shstrndx_ = r_.U16(50);
    return true;
  }

  bool ProgramHeaders() {
    if (image_->phnum == 0) return Fail("no program headers");
    if (image_->phentsize != kPhdrSize)
      return Fail("e_phentsize is " + std::to_string(image_->phentsize) + ", expected 32");
    if (image_->phnum > kMaxPhnum) return Fail("absurd e_phnum " + std::to_string(image_->phnum));
    if (!r_.Has(phoff_, uint64_t{image_->phnum} * kPhdrSize))
      return Fail("program headers at " + Hex(phoff_) + " extend past the end of the file");
    uint64_t total = 0;
    for (uint32_t i = 0; i < image_->phnum; ++i) {
      uint32_t ph = phoff_ + i * kPhdrSize;
      uint32_t type = r_.U32(ph);
      std::string which = "program header " + std::to_string(i);
      if (type == kPtInterp || type == kPtDynamic)
        return Fail("dynamically linked executables are not supported; link with -static");
      if (type == kPtPhdr) image_->phdr_addr = r_.U32(ph + 8);
      if (type == kPtGnuStack) image_->executable_stack = (r_.U32(ph + 24) & kPfX) != 0;
      if (type != kPtLoad) continue;
      ElfSegment seg;
      seg.file_offset = r_.U32(ph + 4);
      seg.vaddr = r_.U32(ph + 8);
      seg.file_size = r_.U32(ph + 16);
      seg.mem_size = r_.U32(ph + 20);
      uint32_t flags = r_.U32(ph + 24);
      seg.perms = static_cast<uint8_t>(((flags & kPfR) ? kPermRead : 0) |
                                       ((flags & kPfW) ? kPermWrite : 0) |
                                       ((flags & kPfX) ? kPermExec : 0));
      if (seg.file_size > seg.mem_size)
        return Fail(which + ": p_filesz " + Hex(seg.file_size) + " exceeds p_memsz " + Hex(seg.mem_size));
      if (seg.mem_size > kMaxImageBytes) return Fail(which + ": absurd p_memsz " + Hex(seg.mem_size));
      if (!r_.Has(seg.file_offset, seg.file_size))
        return Fail(which + ": contents at " + Hex(seg.file_offset) + "+" + Hex(seg.file_size) +
                    " extend past the end of the file (" + Hex(static_cast<uint32_t>(image_->bytes.size())) + " bytes)");
      if ((seg.vaddr & GuestMemory::kPageMask) != (seg.file_offset & GuestMemory::kPageMask))
        return Fail(which + ": p_vaddr " + Hex(seg.vaddr) + " and p_offset " + Hex(seg.file_offset) +
                    " differ modulo the page size");
      uint64_t end = uint64_t{seg.vaddr} + seg.mem_size;
      if (seg.vaddr < kLowestLoadAddr || end > kHighestLoadEnd)
        return Fail(which + ": segment " + Hex(seg.vaddr) + "-" + Hex(static_cast<uint32_t>(end)) +
                    " lies outside the loadable range " + Hex(kLowestLoadAddr) + "-" + Hex(kHighestLoadEnd));
      for (const ElfSegment& other : image_->segments) {
        // Segments may share a page, but no byte may belong to two of them.
        uint64_t other_end = uint64_t{other.vaddr} + other.mem_size;
        if (seg.vaddr < other_end && other.vaddr < end)
          return Fail(which + ": segment " + Hex(seg.vaddr) + "-" + Hex(static_cast<uint32_t>(end)) +
                      " overlaps another segment at " + Hex(other.vaddr));
      }
      total += seg.mem_size;
      if (total > kMaxImageBytes) return Fail("absurd total image size " + std::to_string(total) + " bytes");
      image_->image_end = std::max<GuestAddr>(image_->image_end, static_cast<GuestAddr>(end));
      image_->segments.push_back(seg);
    }
    if (image_->segments.empty()) return Fail("no loadable (PT_LOAD) segments");
    return true;
  }

  bool SectionHeaders() {
    if (shoff_ == 0 || shnum_ == 0) return true;  // stripped of section headers: still runnable
    if (shentsize_ != kShdrSize)
      return Fail("e_shentsize is " + std::to_string(shentsize_) + ", expected 40");
    if (shnum_ > kMaxShnum) return Fail("absurd e_shnum " + std::to_string(shnum_));
    if (!r_.Has(shoff_, uint64_t{shnum_} * kShdrSize))
      return Fail("section headers at " + Hex(shoff_) + " extend past the end of the file");
    if (shstrndx_ >= shnum_) return Fail("e_shstrndx " + std::to_string(shstrndx_) + " is out of range");
    uint32_t strtab_sh = shoff_ + shstrndx_ * kShdrSize;
    uint32_t names = r_.U32(strtab_sh + 16), names_size = r_.U32(strtab_sh + 20);
    if (!r_.Has(names, names_size)) return Fail("section name table extends past the end of the file");
    // Index 0 is SHN_UNDEF: its entry is reserved (System V gABI, "Sections") and its
    // type, offset and size mean nothing, so it is never read as a section.
    for (uint32_t i = 1; i < shnum_; ++i) {
      uint32_t sh = shoff_ + i * kShdrSize;
      uint32_t type = r_.U32(sh + 4), flags = r_.U32(sh + 8);
      ElfSection sec;
      sec.addr = r_.U32(sh + 12);
      sec.file_offset = r_.U32(sh + 16);
      sec.size = r_.U32(sh + 20);
      sec.is_code = (flags & kShfExecInstr) != 0;
      if (!r_.String(names, names_size, r_.U32(sh), &sec.name))
        return Fail("section " + std::to_string(i) + " has a bad name offset");
      if (type != kShtNobits && !r_.Has(sec.file_offset, sec.size))
        return Fail("section " + Printable(sec.name) + " at " + Hex(sec.file_offset) + "+" + Hex(sec.size) +
                    " extends past the end of the file");
      if (type == kShtSymtab && !Symbols(sh, sec)) return false;
      image_->sections.push_back(sec);
    }
    std::sort(image_->symbols.begin(), image_->symbols.end(),
              [](const ElfSymbol& a, const ElfSymbol& b) {
                return a.addr != b.addr ? a.addr < b.addr : a.name < b.name;
              });
    return true;
  }

  bool Symbols(uint32_t sh, const ElfSection& symtab) {
    uint32_t link = r_.U32(sh + 24);
    if (link >= shnum_) return Fail("symbol table links to a missing string table");
    uint32_t str_sh = shoff_ + link * kShdrSize;
    uint32_t strings = r_.U32(str_sh + 16), strings_size = r_.U32(str_sh + 20);
    if (!r_.Has(strings, strings_size)) return Fail("symbol string table extends past the end of the file");
    for (uint32_t off = kSymSize; off + kSymSize <= symtab.size; off += kSymSize) {
      uint32_t sym = symtab.file_offset + off;
      ElfSymbol s;
      uint32_t name = r_.U32(sym);
      s.addr = r_.U32(sym + 4);
      s.size = r_.U32(sym + 8);
      uint8_t info = r_.U8(sym + 12);
      uint16_t shndx = r_.U16(sym + 14);
      if (name == 0 || shndx == 0 || shndx >= 0xff00) continue;  // unnamed, undefined, absolute
      if (!r_.String(strings, strings_size, name, &s.name))
        return Fail("symbol at " + Hex(sym) + " has a bad name offset");
      // STT_LOPROC is PA-RISC's STT_PARISC_MILLI: millicode entry points ($$mulI, $$divU).
      s.is_function = (info & 0xf) == kSttFunc || (info & 0xf) == kSttPariscMilli;
      image_->symbols.push_back(std::move(s));
    }
    return true;
  }

  bool EntryIsExecutable() {
    for (const ElfSegment& seg : image_->segments)
      if ((seg.perms & kPermExec) && image_->entry >= seg.vaddr &&
          image_->entry - seg.vaddr < seg.mem_size && (image_->entry & 3) == 0)
        return true;
    return Fail("entry point " + Hex(image_->entry) + " is not an aligned address in an executable segment");
  }

  Reader r_;
  const std::string& path_;
  ElfImage* image_;
  std::string* error_;
  uint32_t phoff_ = 0, shoff_ = 0;
  uint32_t shentsize_ = 0, shnum_ = 0, shstrndx_ = 0;
};

}  // namespace

bool ParseElf(const std::string& path, std::vector<uint8_t> bytes, ElfImage* image,
              std::string* error) {
  *image = ElfImage();
  image->path = path;
  image->bytes = std::move(bytes);
  return Parser(path, image, error).Run();
}

bool ReadElf(const std::string& path, ElfImage* image, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open file";
    return false;
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0 || size > std::streamoff{kMaxImageBytes}) {
    *error = path + ": cannot read file (or it is larger than 1 GiB)";
    return false;
  }
  in.seekg(0);
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    *error = path + ": read error";
    return false;
  }
  return ParseElf(path, std::move(bytes), image, error);
}

bool LoadElf(const ElfImage& image, GuestMemory* memory, std::string* error) {
  // Check every page against what was mapped before this load; segments of one file may
  // share a page (ParseElf already rejected segments that overlap each other).
  std::map<uint32_t, uint8_t> page_perms;  // page number -> union of segment permissions
  for (const ElfSegment& seg : image.segments) {
    uint32_t first = seg.vaddr >> GuestMemory::kPageBits;
    uint32_t last = (seg.vaddr + std::max<uint32_t>(seg.mem_size, 1) - 1) >> GuestMemory::kPageBits;
    for (uint32_t page = first; page <= last; ++page) {
      if (memory->IsMapped(page << GuestMemory::kPageBits)) {
        *error = image.path + ": segment at " + Hex(seg.vaddr) + " overlaps memory already mapped";
        return false;
      }
      page_perms[page] |= seg.perms;
    }
  }
  // Map writable first so the contents can be copied, then apply the real permissions.
  if (uint64_t{page_perms.size()} * GuestMemory::kPageSize > memory->limit_bytes() - memory->mapped_bytes()) {
    *error = image.path + ": its segments (" + std::to_string(page_perms.size() * GuestMemory::kPageSize >> 10) +
             " KiB) do not fit in the memory limit (memory.limit_mb)";
    return false;
  }
  for (const auto& [page, perms] : page_perms)
    memory->Map(page << GuestMemory::kPageBits, GuestMemory::kPageSize, kPermRead | kPermWrite);
  for (const ElfSegment& seg : image.segments) {
    if (!memory->WriteBytes(seg.vaddr, image.bytes.data() + seg.file_offset, seg.file_size)) {
      *error = image.path + ": no host memory for the segment at " + Hex(seg.vaddr);
      return false;
    }
  }
  for (const auto& [page, perms] : page_perms)
    memory->Protect(page << GuestMemory::kPageBits, GuestMemory::kPageSize, perms);
  return true;
}

const ElfSymbol* SymbolAt(const ElfImage& image, GuestAddr addr) {
  auto it = std::upper_bound(image.symbols.begin(), image.symbols.end(), addr,
                             [](GuestAddr a, const ElfSymbol& s) { return a < s.addr; });
  if (it == image.symbols.begin()) return nullptr;
  return &*std::prev(it);
}

}  // namespace dynsim
