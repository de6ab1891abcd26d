// The dynsim command line.
//   dynsim run [options] PROGRAM [ARGS...]   run a static PA-RISC Linux program
//   dynsim disasm PROGRAM                    list its .text as objdump does
// Guest stdin, stdout and stderr pass through; `run` exits with the guest's status
// (128 + signal number if a signal killed it).
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "isa/listing.h"
#include "sim/config.h"
#include "sim/simulation.h"

namespace po = boost::program_options;

namespace dynsim {
namespace {

constexpr int kUsageError = 2;
// The status for a stop at --max-insts: distinct from guest statuses 0..255? Not
// possible in 8 bits, so we use what timeout(1) uses for "limit reached".
constexpr int kLimitStatus = 124;

void PrintTopUsage(std::ostream& out) {
  out << "usage: dynsim COMMAND [OPTIONS]\n"
         "\n"
         "dynsim simulates a PA-8000-style PA-RISC machine running static Linux-hppa programs.\n"
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

// The machine configuration: the schema's defaults (the PA-8000), then --config FILE,
// then each --set KEY=VALUE in order. False with a one-line error on any mistake.
bool LoadMachine(const std::string& config_path, const std::vector<std::string>& sets, MachineConfig* machine,
                 std::string* error) {
  *machine = DefaultConfig();
  if (!config_path.empty() && !LoadConfigFile(config_path, machine, error)) return false;
  return ApplyOverrides(sets, machine, error);
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

int Run(int argc, char** argv) {
  po::options_description visible("options for 'dynsim run [OPTIONS] PROGRAM [ARGS...]'");
  std::string stats_path, log_path, config_path;
  std::vector<std::string> sets;
  std::vector<std::string> fs_roots, fs_writable;
  RunOptions opts;
  bool summary = false;
  size_t profile_rows = 0;
  std::string regions_path;
  visible.add_options()
      ("help,h", "print this help")
      ("config", po::value<std::string>(&config_path),
       "machine configuration YAML (default: the PA-8000; see configs/machines/ and dynsim config --doc)")
      ("set", po::value<std::vector<std::string>>(&sets)->composing(),
       "KEY=VALUE: override one machine parameter, e.g. --set icache.size_kb=64 (repeatable)")
      ("max-insts", po::value<uint64_t>(&opts.max_insts)->default_value(0),
       "stop cleanly after N guest instructions (0: no limit); exit status 124")
      ("stats", po::value<std::string>(&stats_path), "write statistics as JSON to FILE")
      ("summary", po::bool_switch(&summary), "print a human-readable statistics summary to stderr at the end")
      ("profile", po::value<size_t>(&profile_rows)->implicit_value(20),
       "print the top N regions (functions, announced ranges, the OS) by cycles to stderr at the end "
       "(default N: 20)")
      ("regions", po::value<std::string>(&regions_path),
       "YAML table grouping functions into regions for attribution (see docs/simulator.md)")
      ("fs-root", po::value<std::vector<std::string>>(&fs_roots)->composing(),
       "let the guest open files under DIR, read-only (repeatable; relative guest paths resolve in the first)")
      ("fs-writable", po::value<std::vector<std::string>>(&fs_writable)->composing(),
       "like --fs-root, but the guest may also create and write files there")
      ("env", po::value<std::vector<std::string>>(&opts.env)->composing(),
       "NAME=VALUE for the guest's environment (repeatable; the default environment is empty)")
      ("log", po::value<std::string>(&log_path), "write the simulator's diagnostics to FILE (default: stderr)")
      ("dynamo", po::value<std::string>(&opts.dynamo_config)->implicit_value(""),
       "run PROGRAM under Dynamo, loaded beside it, optionally with a Dynamo configuration YAML "
       "(--dynamo D.yaml; see configs/dynamo/ and dynamo/README.md)")
      ("dynamo-elf", po::value<std::string>(&opts.dynamo_elf),
       "Dynamo's guest ELF (default: the one built beside dynsim, bazel-bin/dynamo/dynamo)");
  // Options end at the program name (or "--"): everything after it belongs to the guest,
  // even words that look like options. An option whose value is optional takes the next
  // word only when that is its value: --profile N (a number), --dynamo D.yaml (a YAML file).
  auto optional_value_fits = [](const std::string& name, const std::string& next) {
    auto ends_with = [&](const std::string& suffix) {
      return next.size() > suffix.size() && next.compare(next.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (name == "profile") return !next.empty() && next.find_first_not_of("0123456789") == std::string::npos;
    if (name == "dynamo") return ends_with(".yaml") || ends_with(".yml");
    return true;
  };
  std::vector<std::string> ours;
  int i = 2;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.empty() || arg[0] != '-') break;
    ours.push_back(arg);
    std::string name = arg.substr(arg.find_first_not_of('-'));
    name = name.substr(0, name.find('='));
    const po::option_description* d = visible.find_nothrow(name, false);
    if (d && arg.find('=') == std::string::npos && d->semantic()->max_tokens() > 0 && i + 1 < argc &&
        (d->semantic()->min_tokens() > 0 || optional_value_fits(name, argv[i + 1])))
      ours.push_back(argv[++i]);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(ours).options(visible).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "dynsim run: " << e.what() << " (try: dynsim run --help)\n";
    return kUsageError;
  }
  std::vector<std::string> positional(argv + i, argv + argc);
  if (vm.count("help")) {
    std::cout << visible;
    return 0;
  }
  if (positional.empty()) {
    std::cerr << "dynsim run: no PROGRAM given (try: dynsim run --help)\n";
    return kUsageError;
  }
  opts.program = positional[0];
  opts.args.assign(positional.begin() + 1, positional.end());
  std::string config_error;
  if (!LoadMachine(config_path, sets, &opts.machine, &config_error)) {
    std::cerr << "dynsim: " << config_error << "\n";
    return kUsageError;
  }
  if (!regions_path.empty() && !LoadRegionRules(regions_path, &opts.region_rules, &config_error)) {
    std::cerr << "dynsim: " << config_error << "\n";
    return kUsageError;
  }
  opts.profile = vm.count("profile") > 0;
  opts.dynamo = vm.count("dynamo") > 0;
  for (const auto& dir : fs_roots) opts.fs_roots.push_back({dir, false});
  for (const auto& dir : fs_writable) opts.fs_roots.push_back({dir, true});

  std::ofstream log_file;
  std::ostream* log = &std::cerr;
  if (!log_path.empty()) {
    log_file.open(log_path);
    if (!log_file) {
      std::cerr << "dynsim run: cannot write --log " << log_path << "\n";
      return kUsageError;
    }
    log = &log_file;
  }

  Simulation sim(opts, log);
  std::string error;
  if (!sim.Load(&error)) {
    std::cerr << "dynsim: " << error << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  RunEnd end = sim.Run();
  double host_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fflush(stdout);
  if (end != RunEnd::kExited) *log << "dynsim: " << sim.EndMessage(end) << "\n";

  if (!stats_path.empty()) {
    std::ofstream out(stats_path);
    // The "host" section is the only part that differs between identical runs.
    StatGroup host("host");
    double mips = host_seconds > 0 ? sim.instructions() / host_seconds / 1e6 : 0;
    host.Formula("seconds", "s", "host wall-clock time of the run", [&] { return host_seconds; });
    host.Formula("guest_mips", "MIPS", "guest instructions per host second, in millions", [&] { return mips; });
    out << "{\n  \"sim\": ";
    sim.stats().WriteJson(out, 2);
    out << ",\n  \"host\": ";
    host.WriteJson(out, 2);
    out << "\n}\n";
    if (!out) {
      std::cerr << "dynsim: cannot write --stats " << stats_path << "\n";
      return 1;
    }
  }
  if (summary) sim.stats().WriteText(*log);
  if (opts.profile && sim.regions()) sim.regions()->Print(*log, profile_rows);
  return end == RunEnd::kInstLimit ? kLimitStatus : sim.status();
}

}  // namespace
}  // namespace dynsim

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    dynsim::PrintTopUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? dynsim::kUsageError : 0;
  }
  std::string command = argv[1];
  if (command == "run") return dynsim::Run(argc, argv);
  if (command == "disasm") return dynsim::Disasm(argc, argv);
  if (command == "config") return dynsim::Config(argc, argv);
  std::cerr << "dynsim: unknown command '" << command << "' (try: dynsim --help)\n";
  return dynsim::kUsageError;
}
