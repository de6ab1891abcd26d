#include "sim/run_command.h"

#include <boost/program_options.hpp>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli_checks.h"
#include "sim/debug_flags.h"
#include "sim/gdb_stub.h"
#include "sim/progress.h"
#include "sim/run_record.h"
#include "sim/simulation.h"
#include "sim/timeline.h"
#include "sim/version.h"

namespace po = boost::program_options;

namespace dynsim {

bool LoadMachine(const std::string& config_path, const std::vector<std::string>& sets, MachineConfig* machine,
                 std::string* error) {
  *machine = DefaultConfig();
  if (!config_path.empty() && !LoadConfigFile(config_path, machine, error)) return false;
  return ApplyOverrides(sets, machine, error);
}

namespace {

// What `dynsim run` was asked to do, from its command line.
struct RunCommand {
  RunOptions opts;
  RunRecord record;
  std::vector<std::string> sets;
  std::string config_path, regions_path;
  std::string stats_path, stats_text_path, log_path, timeline_path;
  std::string max_insts_text = "0", interval_text;
  std::string dynamo_config_path;
  std::string gdb_port_text;
  int gdb_port = 0;  // 0: no --gdb
  std::string debug_flags, debug_path, debug_start_text, debug_end_text, trace_events_path, fragment_dump_path;
  std::vector<std::string> fs_roots, fs_writable;
  bool summary = false, quiet = false;
  size_t profile_rows = 0;
  // The option right before PROGRAM, when its value is optional and it took none
  // (--dynamo, --profile): a PROGRAM that is no program was probably meant as its value.
  std::string valueless_option_before_program;
};

po::options_description RunOptionsDescription(RunCommand* c) {
  po::options_description d(
      "usage: dynsim run [OPTIONS] PROGRAM [ARGS...]\n"
      "Options end at PROGRAM: every word after it, even one like --stats, is an argument of the\n"
      "guest (put -- before a PROGRAM whose name starts with '-').\n\noptions");
  d.add_options()
      ("help,h", "print this help")
      ("version", "print dynsim's version")
      ("config", po::value<std::string>(&c->config_path),
       "machine configuration YAML (default: the PA-8000; see configs/machines/ and dynsim config --doc)")
      ("set", po::value<std::vector<std::string>>(&c->sets)->composing(),
       "KEY=VALUE: override one machine parameter, e.g. --set icache.size_kb=64 (repeatable)")
      ("gdb", po::value<std::string>(&c->gdb_port_text),
       "serve gdb's remote protocol on 127.0.0.1:PORT, waiting for it before the first instruction "
       "(gdb-multiarch -ex 'target remote :PORT' PROGRAM; see docs/simulator.md)")
      ("max-insts", po::value<std::string>(&c->max_insts_text),
       "stop cleanly after N guest instructions (0: no limit); exit status 124")
      ("stats", po::value<std::string>(&c->stats_path),
       "write statistics as JSON to FILE, with the run's provenance (program, configs, version)")
      ("stats-text", po::value<std::string>(&c->stats_text_path),
       "write statistics as text to FILE, gem5's stats.txt style: name, value, description")
      ("quiet,q", po::bool_switch(&c->quiet),
       "no progress line (one is shown on stderr during a long run when stderr is a terminal)")
      ("summary", po::bool_switch(&c->summary), "print a human-readable statistics summary to stderr at the end")
      ("profile", po::value<size_t>(&c->profile_rows)->implicit_value(20),
       "print the top N regions (functions, announced ranges, the OS) by cycles, and every group, to stderr "
       "at the end (default N: 20)")
      ("regions", po::value<std::string>(&c->regions_path),
       "YAML table grouping functions into regions for attribution (see docs/simulator.md)")
      ("interval", po::value<std::string>(&c->interval_text),
       "with --timeline: the length of one timeline row, in simulated cycles")
      ("timeline", po::value<std::string>(&c->timeline_path),
       "write one row per --interval to FILE: JSON lines, or CSV if FILE ends in .csv")
      ("fs-root", po::value<std::vector<std::string>>(&c->fs_roots)->composing(),
       "let the guest open files under DIR, read-only (repeatable; relative guest paths resolve in the first)")
      ("fs-writable", po::value<std::vector<std::string>>(&c->fs_writable)->composing(),
       "like --fs-root, but the guest may also create and write files there")
      ("argv0", po::value<std::string>(&c->opts.argv0),
       "the guest's argv[0] (default: PROGRAM as given), as qemu-user's -0; its length moves the stack, "
       "so the same value keeps a run's cycles when PROGRAM's path differs")
      ("env", po::value<std::vector<std::string>>(&c->opts.env)->composing(),
       "NAME=VALUE for the guest's environment (repeatable; the default environment is empty)")
      ("log", po::value<std::string>(&c->log_path), "write the simulator's diagnostics to FILE (default: stderr)")
      ("dynamo", po::value<std::string>(&c->opts.dynamo_config)->implicit_value(""),
       "run PROGRAM under Dynamo, loaded beside it (see dynamo/README.md); --dynamo D.yaml (a name ending "
       "in .yaml or .yml) is short for --dynamo-config D.yaml")
      ("dynamo-config", po::value<std::string>(&c->dynamo_config_path),
       "run PROGRAM under Dynamo with the Dynamo configuration YAML FILE (see configs/dynamo/)")
      ("dynamo-elf", po::value<std::string>(&c->opts.dynamo_elf),
       "Dynamo's guest ELF (default: the one built beside dynsim, bazel-bin/dynamo/dynamo)")
      ("debug-flags", po::value<std::string>(&c->debug_flags),
       "FLAG,FLAG,...: print one line per event of each kind, with its cycle (--debug-flags=help lists them)")
      ("debug-file", po::value<std::string>(&c->debug_path), "write the debug flags' lines to FILE (default: stderr)")
      ("debug-start", po::value<std::string>(&c->debug_start_text), "print debug events from cycle CYCLE on")
      ("debug-end", po::value<std::string>(&c->debug_end_text), "print no debug event at or after cycle CYCLE")
      ("trace-events", po::value<std::string>(&c->trace_events_path),
       "write the run's phases (region groups) and events (the debug flags', by default all but Exec, Mem and "
       "Lookup) to FILE as Chrome trace-event JSON, for Perfetto or chrome://tracing")
      ("dump-fragments", po::value<std::string>(&c->fragment_dump_path),
       "with --dynamo: write every fragment (its trace, its cache code disassembled with its exits and links) to "
       "FILE, at each fragment-cache flush and at the end");
  return d;
}

// Splits argv at PROGRAM: options (with their values) before it are ours, the rest the
// guest's. An option whose value is optional takes the next word only when that is its
// value: --profile N (a number), --dynamo D.yaml (a YAML file).
std::vector<std::string> OurWords(int argc, char** argv, const po::options_description& visible, int* program_at,
                                  std::string* valueless_before_program) {
  auto optional_value_fits = [](const std::string& name, const std::string& next) {
    auto ends_with = [&](const std::string& suffix) {
      return next.size() > suffix.size() && next.compare(next.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (name == "profile") return !next.empty() && next.find_first_not_of("0123456789") == std::string::npos;
    if (name == "dynamo") return ends_with(".yaml") || ends_with(".yml");
    return true;
  };
  std::vector<std::string> ours;
  std::string last_valueless;
  int i = 2;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      last_valueless.clear();
      break;
    }
    if (arg.empty() || arg[0] != '-') break;
    ours.push_back(arg);
    last_valueless.clear();
    std::string name = arg.substr(arg.find_first_not_of('-'));
    name = name.substr(0, name.find('='));
    const po::option_description* d = visible.find_nothrow(name, false);
    if (!d || arg.find('=') != std::string::npos || d->semantic()->max_tokens() == 0) continue;
    if (i + 1 < argc && (d->semantic()->min_tokens() > 0 || optional_value_fits(name, argv[i + 1]))) {
      ours.push_back(argv[++i]);
    } else if (d->semantic()->min_tokens() == 0) {
      last_valueless = "--" + name;
    }
  }
  *program_at = i;
  *valueless_before_program = last_valueless;
  return ours;
}

// --debug-flags and the options that only mean something with it.
bool CheckDebugValues(const po::variables_map& vm, RunCommand* c, std::string* error) {
  DebugOptions& d = c->opts.debug;
  if (!vm.count("debug-flags")) {
    for (const char* option : {"debug-file", "debug-start", "debug-end"}) {
      if (!vm.count(option)) continue;
      *error = std::string("--") + option + " needs --debug-flags FLAG,...";
      return false;
    }
    return true;
  }
  if (!ParseDebugFlags(c->debug_flags, &d.flags, error)) return false;
  if (vm.count("debug-start") && !ParseCount("--debug-start", c->debug_start_text, &d.start, error)) return false;
  if (vm.count("debug-end") && !ParseCount("--debug-end", c->debug_end_text, &d.end, error)) return false;
  if (d.end <= d.start) {
    *error = "--debug-end " + c->debug_end_text + ": not after --debug-start " + std::to_string(d.start);
    return false;
  }
  return true;
}

// The values that need more than a type: numbers, directories, assignments, the Dynamo
// options together. False with a one-line error.
bool CheckRunValues(const po::variables_map& vm, RunCommand* c, std::string* error) {
  RunOptions& o = c->opts;
  if (!ParseCount("--max-insts", c->max_insts_text, &o.max_insts, error)) return false;
  if (vm.count("gdb") && !GdbStub::ParsePort("--gdb", c->gdb_port_text, &c->gdb_port, error)) return false;
  for (const auto& dir : c->fs_roots) {
    if (!CheckDirectory("--fs-root", dir, error)) return false;
    o.fs_roots.push_back({dir, false});
  }
  for (const auto& dir : c->fs_writable) {
    if (!CheckDirectory("--fs-writable", dir, error)) return false;
    o.fs_roots.push_back({dir, true});
  }
  for (const auto& assignment : o.env)
    if (!CheckAssignment("--env", assignment, error)) return false;
  if (vm.count("interval") != vm.count("timeline")) {
    *error = vm.count("interval") ? "--interval needs --timeline FILE" : "--timeline needs --interval CYCLES";
    return false;
  }
  if (vm.count("interval")) {
    uint64_t interval = 0;
    if (!ParseCount("--interval", c->interval_text, &interval, error)) return false;
    if (interval == 0) {
      *error = "--interval 0: an interval is at least 1 cycle";
      return false;
    }
  }
  if (!c->dynamo_config_path.empty()) {
    if (!o.dynamo_config.empty() && o.dynamo_config != c->dynamo_config_path) {
      *error = "--dynamo " + o.dynamo_config + " and --dynamo-config " + c->dynamo_config_path +
               ": two Dynamo configurations";
      return false;
    }
    o.dynamo_config = c->dynamo_config_path;
  }
  o.dynamo = vm.count("dynamo") > 0 || !c->dynamo_config_path.empty();
  if (!o.dynamo && vm.count("dump-fragments")) {
    *error = "--dump-fragments " + c->fragment_dump_path + ": without --dynamo there are no fragments";
    return false;
  }
  if (!o.dynamo && vm.count("dynamo-elf")) {
    *error = "--dynamo-elf " + o.dynamo_elf + ": without --dynamo (or --dynamo-config), Dynamo does not run";
    return false;
  }
  o.profile = vm.count("profile") > 0;
  return CheckDebugValues(vm, c, error);
}

// The PROGRAM word is a guest program; if not, and an option right before it could have
// taken it as its value, the message says so.
// (Other bad programs are reported by the ELF loader, which says more.)
bool CheckProgram(const RunCommand& c, std::string* error) {
  if (c.valueless_option_before_program.empty()) return true;
  const std::string problem = ProgramProblem(c.opts.program);
  if (problem.empty()) return true;
  *error = c.opts.program + ": " + problem;
  if (c.valueless_option_before_program == "--dynamo")
    *error += "; to give Dynamo a configuration, write --dynamo-config " + c.opts.program;
  else if (c.valueless_option_before_program == "--profile")
    *error += "; --profile takes a number of rows (--profile 30), and '" + c.opts.program + "' is not one";
  return false;
}

// Parses and checks the whole command line. Returns -1 to go on, else the exit status.
int ParseRunCommand(int argc, char** argv, RunCommand* c) {
  po::options_description visible = RunOptionsDescription(c);
  int program_at = 0;
  std::vector<std::string> ours = OurWords(argc, argv, visible, &program_at, &c->valueless_option_before_program);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(ours).options(visible).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "dynsim run: " << e.what() << " (try: dynsim run --help)\n";
    return kUsageError;
  }
  if (vm.count("help")) {
    std::cout << visible;
    return 0;
  }
  if (vm.count("debug-flags") && c->debug_flags == "help") {
    std::cout << DebugFlagsHelp();
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "dynsim " << DynsimVersion() << "\n";
    return 0;
  }
  std::vector<std::string> positional(argv + program_at, argv + argc);
  if (positional.empty()) {
    std::cerr << "dynsim run: no PROGRAM given (try: dynsim run --help)\n";
    return kUsageError;
  }
  c->opts.program = positional[0];
  c->opts.args.assign(positional.begin() + 1, positional.end());
  std::string error;
  if (!CheckRunValues(vm, c, &error) || !CheckProgram(*c, &error)) {
    std::cerr << "dynsim run: " << error << "\n";
    return kUsageError;
  }
  if (!LoadMachine(c->config_path, c->sets, &c->opts.machine, &error) ||
      (!c->regions_path.empty() && !LoadRegionRules(c->regions_path, &c->opts.region_rules, &error))) {
    std::cerr << "dynsim: " << error << "\n";
    return kUsageError;
  }
  c->record.command_line.assign(argv, argv + argc);
  c->record.machine_file = c->config_path;
  c->record.overrides = c->sets;
  return -1;
}

// Ctrl-C (SIGINT) and SIGTERM during the run: the run stops at the next slice's end, an
// instruction boundary, and the stats are still written.
volatile std::sig_atomic_t stop_signal = 0;

extern "C" void OnStopSignal(int signo) { stop_signal = signo; }

// A signal the parent ignores stays ignored (a background job of a script, nohup).
void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGINT, SIGTERM}) {
    struct sigaction previous {};
    sigaction(signo, nullptr, &previous);
    if (previous.sa_handler != SIG_IGN) sigaction(signo, &action, nullptr);
  }
}

// The run's output files, all opened before the run.
struct RunOutputs {
  OutputFile log, stats, stats_text, timeline, debug, trace_events, fragment_dump;
  bool Open(const RunCommand& c, std::string* error) {
    return log.Open("--log", c.log_path, error) && stats.Open("--stats", c.stats_path, error) &&
           debug.Open("--debug-file", c.debug_path, error) &&
           trace_events.Open("--trace-events", c.trace_events_path, error) &&
           fragment_dump.Open("--dump-fragments", c.fragment_dump_path, error) &&
           stats_text.Open("--stats-text", c.stats_text_path, error) &&
           timeline.Open("--timeline", c.timeline_path, error);
  }
};

// Writes the stats files and the summaries. False if a stats file could not be written.
bool Report(const Simulation& sim, RunCommand& c, RunOutputs& out, double host_seconds, std::ostream* log) {
  bool ok = true;
  if (out.stats.is_open()) {
    out.stats.stream() << DumpJson(StatsDocument(sim, c.record, host_seconds)) << "\n";
    out.stats.stream().flush();
    if (!out.stats.stream()) {
      std::cerr << "dynsim: cannot write --stats " << c.stats_path << "\n";
      ok = false;
    }
  }
  if (out.stats_text.is_open()) {
    sim.stats().WriteText(out.stats_text.stream(), "sim.");
    out.stats_text.stream().flush();
    if (!out.stats_text.stream()) {
      std::cerr << "dynsim: cannot write --stats-text " << c.stats_text_path << "\n";
      ok = false;
    }
  }
  if (c.summary) sim.stats().WriteText(*log, "sim.");
  if (c.opts.profile && sim.regions()) sim.regions()->Print(*log, c.profile_rows);
  return ok;
}

}  // namespace

int RunCommandMain(int argc, char** argv) {
  RunCommand c;
  const int parsed = ParseRunCommand(argc, argv, &c);
  if (parsed >= 0) return parsed;
  RunOutputs out;
  std::string error;
  if (!out.Open(c, &error)) {
    std::cerr << "dynsim run: " << error << "\n";
    return kUsageError;
  }
  std::ostream* log = out.log.is_open() ? &out.log.stream() : &std::cerr;
  c.opts.stop_request = &stop_signal;
  if (out.debug.is_open()) c.opts.debug_out = &out.debug.stream();
  if (out.trace_events.is_open()) c.opts.trace_events_out = &out.trace_events.stream();
  if (out.fragment_dump.is_open()) c.opts.fragment_dump_out = &out.fragment_dump.stream();
  Simulation sim(c.opts, log);
  if (!sim.Load(&error)) {
    std::cerr << "dynsim: " << error << "\n";
    return 1;
  }
  std::unique_ptr<GdbStub> gdb;
  if (c.gdb_port) {
    gdb = GdbStub::Listen(c.gdb_port, &error);
    if (!gdb) {
      std::cerr << "dynsim run: " << error << "\n";
      return kUsageError;
    }
  }
  std::unique_ptr<Timeline> timeline;
  if (out.timeline.is_open()) {
    uint64_t interval = 0;
    ParseCount("--interval", c.interval_text, &interval, &error);
    timeline = std::make_unique<Timeline>(&sim, interval, &out.timeline.stream(), Timeline::FormatFor(c.timeline_path));
    sim.set_timeline(timeline.get());
  }
  std::unique_ptr<Progress> progress;
  if (!c.quiet && !out.log.is_open() && isatty(STDERR_FILENO)) {
    progress = std::make_unique<Progress>(&sim, &std::cerr);
    sim.set_progress(progress.get());
  }
  CatchStopSignals();
  if (gdb) {
    *log << "dynsim: waiting for gdb on 127.0.0.1:" << c.gdb_port << "\n" << std::flush;
    if (!gdb->Accept(&stop_signal, &error)) {
      std::cerr << "dynsim: " << error << "\n";
      return 128 + stop_signal;
    }
    sim.set_gdb(gdb.get());
  }
  auto start = std::chrono::steady_clock::now();
  const RunEnd end = sim.Run();
  const double host_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fflush(stdout);
  if (timeline) timeline->Finish();
  c.record.end = end;
  c.record.end_message = sim.EndMessage(end);
  switch (end) {
    case RunEnd::kExited:
    case RunEnd::kKilled: c.record.exit_status = sim.status(); break;
    case RunEnd::kInstLimit: c.record.exit_status = kLimitStatus; break;
    // Interrupted by a signal, or killed from gdb (`kill`): 128 + SIGKILL.
    case RunEnd::kInterrupted: c.record.exit_status = 128 + (stop_signal ? stop_signal : SIGKILL); break;
  }
  if (end != RunEnd::kExited) *log << "dynsim: " << c.record.end_message << "\n";
  if (!Report(sim, c, out, host_seconds, log)) return 1;
  return c.record.exit_status;
}


}  // namespace dynsim
