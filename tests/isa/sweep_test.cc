// Operand sweeps of the encoding tables. For every pattern of insns.def: words with all free
// bits clear, all set, 48 random fillings, and every valid condition. Each word must
//  (a) disassemble exactly as hppa-linux-gnu-objdump disassembles it (as .word data), and
//  (b) re-assemble: our GNU-as spelling of it, assembled by hppa-linux-gnu-as, gives the
//      same word back, or (accepted alias) another word with the same disassembly, e.g.
//      "ldw,mb -10(r3)" exists as both a long (major 0x13) and a short (major 0x03) form.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "isa/codec.h"
#include "isa/conditions.h"
#include "isa/disasm.h"

namespace {

std::string tmpdir() {
  const char* t = std::getenv("TEST_TMPDIR");
  return t ? t : "/tmp";
}

std::string normalize(std::string s) {
  static const std::regex kBlank("[ \t]+"), kSym(" <[^>]+>"), kHex0x("(^| |,)0x([0-9a-f]+)");
  s = std::regex_replace(s, kSym, "");
  s = std::regex_replace(s, kBlank, " ");
  s = std::regex_replace(s, kHex0x, "$1$2");
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

// Assembles `lines`; returns objdump's (word, text) per instruction, and the 0-based
// indices of lines the assembler rejected (which are then left out).
std::vector<std::pair<uint32_t, std::string>> assemble(const std::vector<std::string>& lines,
                                                       std::set<size_t>* rejected) {
  const std::string s = tmpdir() + "/sweep.s", o = tmpdir() + "/sweep.o", e = tmpdir() + "/sweep.err";
  for (int pass = 0; pass < 2; ++pass) {
    std::ofstream out(s);
    out << "\t.level 2.0\n\t.text\n";
    for (size_t k = 0; k < lines.size(); ++k)
      if (!rejected->count(k)) out << "\t" << lines[k] << "\n";
    out.close();
    if (std::system(("hppa-linux-gnu-as " + s + " -o " + o + " 2>" + e).c_str()) == 0) break;
    if (pass == 1) return {};
    std::ifstream err(e);
    std::string line;
    std::smatch m;
    static const std::regex kErr("sweep\\.s:([0-9]+): Error");
    while (std::getline(err, line))
      if (std::regex_search(line, m, kErr)) rejected->insert(std::stoul(m[1]) - 3);
  }
  std::vector<std::pair<uint32_t, std::string>> res;
  std::FILE* p = popen(("hppa-linux-gnu-objdump -d -z " + o).c_str(), "r");
  static const std::regex kLine("^ *[0-9a-f]+:\t(([0-9a-f]{2} ){4})\t?(.*)$");
  char buf[512];
  std::smatch m;
  while (p && std::fgets(buf, sizeof buf, p)) {
    std::string line(buf);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (!std::regex_match(line, m, kLine)) continue;
    std::string hex = m[1];
    hex.erase(std::remove(hex.begin(), hex.end(), ' '), hex.end());
    res.emplace_back(static_cast<uint32_t>(std::stoul(hex, nullptr, 16)), normalize(m[3]));
  }
  if (p) pclose(p);
  return res;
}

std::vector<uint32_t> samples(isa::Op op, std::mt19937& rng) {
  const isa::Info& in = isa::info(op);
  std::vector<uint32_t> words = {in.match, in.match | ~in.mask};
  for (int k = 0; k < 48; ++k) words.push_back(in.match | (rng() & ~in.mask));
  for (uint8_t c = 0; c < 16; ++c) {  // every valid condition, other fields random
    if (in.cond == isa::kCondNone || !isa::cond_valid(in.cond, c)) continue;
    for (int k = 0; k < 2; ++k) {
      isa::Insn i = isa::decode(in.match | (rng() & ~in.mask));
      if (i.op != op) continue;
      i.cond = c;
      words.push_back(isa::encode(i));
    }
  }
  std::vector<uint32_t> mine;
  for (uint32_t w : words)
    if (isa::decode(w).op == op) mine.push_back(w);
  return mine;
}

bool IsFp0cTwin(uint32_t e_word, uint32_t c_word) {
  const isa::Insn e = isa::decode(e_word), c = isa::decode(c_word);
  const isa::Info &ei = isa::info(e), &ci = isa::info(c);
  return (e_word >> 26) == 0x0e && (c_word >> 26) == 0x0c && ei.sem == ci.sem &&
         (ei.match ^ ci.match) == 0x08000000u && e.r1 == c.r1 && e.r2 == c.r2 && e.t == c.t &&
         (e.flags & (isa::kFlagLR1 | isa::kFlagLR2 | isa::kFlagLRT)) == 0;
}

}  // namespace

int main() {
  std::mt19937 rng(12345);
  std::vector<uint32_t> words;
  for (unsigned op = 0; op < isa::kNumOps; ++op) {
    const auto s = samples(static_cast<isa::Op>(op), rng);
    if (s.empty()) std::printf("FAIL %s: no sample decodes to it\n", isa::info(static_cast<isa::Op>(op)).name);
    words.insert(words.end(), s.begin(), s.end());
  }
  std::vector<std::string> data, gas;
  for (uint32_t w : words) {
    char buf[64], text[160];
    std::snprintf(buf, sizeof buf, ".word 0x%08x", w);
    data.push_back(buf);
    isa::gas_syntax(isa::decode(w), text, sizeof text);
    gas.push_back(text);
  }
  std::set<size_t> none, rejected;
  const auto ref = assemble(data, &none);
  const auto back = assemble(gas, &rejected);
  size_t failures = 0, aliases = 0, exact = 0;
  if (ref.size() != words.size()) {
    std::printf("FAIL objdump gave %zu lines for %zu words\n", ref.size(), words.size());
    return 1;
  }
  for (size_t k = 0, b = 0; k < words.size(); ++k) {
    char ours[160];
    isa::disassemble(isa::decode(words[k]), static_cast<uint32_t>(4 * k), ours, sizeof ours);
    const std::string name = isa::info(isa::decode(words[k]).op).name;
    if (isa::encode(isa::decode(words[k])) != words[k] && ++failures)
      std::printf("FAIL %s %08x: encode(decode(w)) != w\n", name.c_str(), words[k]);
    // objdump prints targets of .word data relative to address 0 of the object, as we do.
    if (normalize(ours) != ref[k].second && ++failures)
      std::printf("FAIL %s %08x disassembly: ours '%s' objdump '%s'\n", name.c_str(), words[k], ours, ref[k].second.c_str());
    // Accepted: GNU as does not know control registers cr1..cr7, which objdump still names.
    const isa::Insn di = isa::decode(words[k]);
    if (rejected.count(k) && di.op == isa::Op::MFCTL && di.r2 >= 1 && di.r2 <= 7) {
      ++aliases;
      continue;
    }
    if (rejected.count(k)) {
      ++failures;
      std::printf("FAIL %s %08x: as rejects '%s'\n", name.c_str(), words[k], gas[k].c_str());
      continue;
    }
    const uint32_t got = back[b++].first;
    char again[160];
    isa::disassemble(isa::decode(got), static_cast<uint32_t>(4 * k), again, sizeof again);
    if (got == words[k]) ++exact;
    else if (normalize(again) == normalize(ours) && isa::decode(got).op != isa::Op::kIllegal) ++aliases;
    // Accepted: "ldw,ma 0(b)" (long form, no net modification) assembles to the short form,
    // which objdump spells ",o" when the displacement is 0.
    else if (std::regex_replace(normalize(again), std::regex(",o "), ",ma ") == normalize(ours)) ++aliases;
    // Accepted: an FP operation of major 0x0E whose operands are all left halves or
    // doubles assembles to its major 0x0C twin; objdump spells the two differently only for
    // the unsigned conversions, whose 0x0E completers it drops.
    else if (IsFp0cTwin(words[k], got)) ++aliases;
    else if (++failures)
      std::printf("FAIL %s %08x: '%s' assembles to %08x '%s'\n", name.c_str(), words[k], gas[k].c_str(), got, again);
  }
  std::printf("sweep: %zu patterns, %zu cases, %zu re-assembled exactly, %zu to an alias encoding, %zu failures\n",
              static_cast<size_t>(isa::kNumOps), words.size(), exact, aliases, failures);
  return failures == 0 ? 0 : 1;
}
