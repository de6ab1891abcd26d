// The dynsim command line.
//   dynsim run [options] PROGRAM [ARGS...]   run a static PA-RISC Linux program (run_command.h)
//   dynsim disasm PROGRAM                    list its .text as objdump does
//   dynsim config --doc | --dump             the machine parameters
#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>

#include "isa/listing.h"
#include "sim/config.h"
#include "sim/run_command.h"
#include "sim/version.h"

namespace po = boost::program_options;

namespace dynsim {
namespace {

void PrintTopUsage(std::ostream& out) {
  out << "usage: dynsim COMMAND [OPTIONS]\n"
         "\n"
         "dynsim simulates a PA-8000-style PA-RISC machine running static Linux-hppa programs.\n"
         "\n"
         "  --version               print dynsim's version (git describe of its source)\n"
         "\n"
         "commands:\n"
         "  run PROGRAM [ARGS...]   run a guest program (try: dynsim run --help)\n"
         "  disasm PROGRAM          list PROGRAM's .text as hppa-linux-gnu-objdump -d does\n"
         "  config --doc            every machine parameter: type, unit, default, range, meaning\n"
         "  config --dump [--config FILE] [--set KEY=VALUE ...]\n"
         "                          the effective machine configuration, as YAML\n"
         "\n"
         "example:\n"
         "  dynsim run --stats stats.json bazel-bin/workloads/li/li_O2 test\n"
         "  dynsim run --config configs/machines/tiny-icache.yaml --set clock_mhz=90 PROGRAM\n";
}

int Config(int argc, char** argv) {
  po::options_description visible("options for 'dynsim config'");
  std::string config_path;
  std::vector<std::string> sets;
  visible.add_options()("help,h", "print this help")("doc", "print every parameter as a Markdown table")(
      "dump", "print the effective configuration as YAML")("config", po::value<std::string>(&config_path),
                                                           "machine configuration YAML file")(
      "set", po::value<std::vector<std::string>>(&sets)->composing(), "KEY=VALUE override (repeatable)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(visible).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "dynsim config: " << e.what() << " (try: dynsim config --help)\n";
    return kUsageError;
  }
  if (vm.count("help") || (!vm.count("doc") && !vm.count("dump"))) {
    std::cout << visible;
    return vm.count("help") ? 0 : kUsageError;
  }
  if (vm.count("doc")) {
    std::cout << ConfigDocMarkdown();
    return 0;
  }
  MachineConfig machine;
  std::string error;
  if (!LoadMachine(config_path, sets, &machine, &error)) {
    std::cerr << "dynsim: " << error << "\n";
    return kUsageError;
  }
  std::cout << DumpConfigYaml(machine);
  return 0;
}

int Disasm(int argc, char** argv) {
  if (argc != 3 || std::string(argv[2]) == "--help") {
    std::cerr << "usage: dynsim disasm PROGRAM\n";
    return argc == 3 ? 0 : kUsageError;
  }
  std::string error;
  isa::ElfImage image;
  if (!isa::read_elf_image(argv[2], &image, &error)) {
    std::cerr << "dynsim: " << error << "\n";
    return 1;
  }
  std::fflush(stdout);
  isa::print_listing(image, argv[2], stdout);
  return 0;
}

}  // namespace
}  // namespace dynsim

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    dynsim::PrintTopUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? dynsim::kUsageError : 0;
  }
  if (std::string(argv[1]) == "--version") {
    std::cout << "dynsim " << dynsim::DynsimVersion() << "\n";
    return 0;
  }
  std::string command = argv[1];
  if (command == "run") return dynsim::RunCommandMain(argc, argv);
  if (command == "disasm") return dynsim::Disasm(argc, argv);
  if (command == "config") return dynsim::Config(argc, argv);
  std::cerr << "dynsim: unknown command '" << command << "' (try: dynsim --help)\n";
  return dynsim::kUsageError;
}
