// What every YAML loader of the host needs (machine configurations, Dynamo configurations,
// region tables): reading the file, the one integer syntax, and the "did you mean" for a
// misspelt key. One definition each, so the loaders cannot disagree.
#ifndef DYNSIM_UTIL_CONFIG_TEXT_H
#define DYNSIM_UTIL_CONFIG_TEXT_H

#include <cstdint>
#include <string>
#include <vector>

namespace dynsim {

// Reads the whole file at `path` into `text`; false if it cannot be opened or is a
// directory, with the reason in `why` if given ("is a directory, not a file").
bool ReadTextFile(const std::string& path, std::string* text, std::string* why = nullptr);

// Optimal-string-alignment edit distance (insertions, deletions, substitutions, adjacent
// transpositions each cost 1).
int EditDistance(const std::string& a, const std::string& b);

// The candidate closest to a misspelt `name`: within edit distance 3, or one a prefix of
// the other; the first of equals. "" if none is close.
std::string ClosestName(const std::string& name, const std::vector<std::string>& candidates);

// " (did you mean X?)" for ClosestName's X, or "".
std::string DidYouMean(const std::string& name, const std::vector<std::string>& candidates);

// An error message as one line: a YAML key or value may span lines or hold control
// characters, which are shown escaped ("\n", "\x07") instead.
std::string OneLine(const std::string& message);

// The integer syntax of every configuration value: an optional sign, then decimal digits
// or 0x and hex digits; false for anything else or a value outside int64_t.
bool ParseConfigInt(const std::string& text, int64_t* out);

}  // namespace dynsim

#endif  // DYNSIM_UTIL_CONFIG_TEXT_H
