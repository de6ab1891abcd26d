// The C++ standard library as users reach for it first: iostream formatting of integers
// and strings, std::string building and searching, std::vector growth, std::map ordering
// and lookup, std::sort with a lambda, and a word count over a fixed text.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

const char kText[] =
    "the simulator runs the program and the program runs on the simulator "
    "so the program sees a machine and the machine sees a program";

std::map<std::string, int> CountWords(const std::string& text) {
  std::map<std::string, int> counts;
  std::istringstream in(text);
  for (std::string word; in >> word;) ++counts[word];
  return counts;
}

}  // namespace

int main() {
  std::vector<int> values;
  for (int i = 0; i < 20; ++i) values.push_back((i * 37 + 11) % 23 - 11);
  std::sort(values.begin(), values.end(), [](int a, int b) { return std::abs(a) < std::abs(b) || (std::abs(a) == std::abs(b) && a < b); });
  std::cout << "sorted by magnitude:";
  for (int v : values) std::cout << ' ' << v;
  std::cout << "\ncapacity at least size: " << (values.capacity() >= values.size()) << '\n';

  std::map<std::string, int> counts = CountWords(kText);
  std::vector<std::pair<std::string, int>> by_count(counts.begin(), counts.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [word, n] : by_count) std::cout << std::setw(10) << std::left << word << std::right << std::setw(3) << n << '\n';
  std::cout << "distinct words: " << counts.size() << ", 'machine' " << counts.at("machine") << " times, 'cpu' "
            << (counts.count("cpu") ? "present" : "absent") << '\n';

  std::string s = "Dynamo";
  s += " runs ";
  s.append(3, '!');
  s.insert(0, "[");
  s.push_back(']');
  std::cout << s << " length " << s.size() << ", 'runs' at " << s.find("runs") << ", substr " << s.substr(1, 6) << '\n';
  std::cout << std::hex << std::showbase << 48879 << std::dec << ' ' << std::setfill('0') << std::setw(6) << 42 << '\n';
  std::cerr << "to std::cerr" << std::endl;
  return static_cast<int>(counts.size());
}
