// C++ exceptions and virtual calls: throws through several frames with destructors
// running during unwinding, catch by base class, rethrow, a custom exception type,
// std::out_of_range from the library, and virtual dispatch through base pointers.
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

int destroyed = 0;

struct Guard {
  explicit Guard(std::string name) : name_(std::move(name)) {}
  ~Guard() {
    ++destroyed;
    std::cout << "  ~Guard(" << name_ << ")\n";
  }
  std::string name_;
};

struct ParseError : std::runtime_error {
  ParseError(const std::string& what, int line) : std::runtime_error(what), line(line) {}
  int line;
};

void Parse(int depth) {
  Guard g("depth " + std::to_string(depth));
  if (depth == 3) throw ParseError("unexpected token", 42);
  Parse(depth + 1);
}

struct Animal {
  virtual ~Animal() = default;
  virtual std::string Sound() const = 0;
  virtual int Legs() const { return 4; }
};
struct Dog : Animal {
  std::string Sound() const override { return "woof"; }
};
struct Bird : Animal {
  std::string Sound() const override { return "tweet"; }
  int Legs() const override { return 2; }
};

}  // namespace

int main() {
  try {
    Parse(1);
  } catch (const std::runtime_error& e) {
    std::cout << "caught runtime_error: " << e.what() << ", line "
              << (dynamic_cast<const ParseError*>(&e) ? dynamic_cast<const ParseError&>(e).line : -1) << '\n';
  }
  std::cout << "guards destroyed: " << destroyed << '\n';

  try {
    try {
      std::vector<int> v(3);
      v.at(7) = 1;
    } catch (const std::out_of_range&) {
      std::cout << "out_of_range, rethrowing\n";
      throw;
    }
  } catch (const std::logic_error& e) {
    std::cout << "caught as logic_error\n";
  }

  try {
    throw 17;
  } catch (int n) {
    std::cout << "caught int " << n << '\n';
  }

  std::vector<std::unique_ptr<Animal>> zoo;
  zoo.push_back(std::make_unique<Dog>());
  zoo.push_back(std::make_unique<Bird>());
  int legs = 0;
  for (const auto& a : zoo) {
    std::cout << a->Sound() << ' ';
    legs += a->Legs();
  }
  std::cout << "\nlegs " << legs << '\n';
  return legs;
}
