#include "sim/run_record.h"

#include <openssl/evp.h>

#include "dynamo/config.h"
#include "sim/version.h"

namespace dynsim {
namespace {

// Splits "icache.size_kb" into its path below the root object.
Json::json_pointer PointerOf(const std::string& dotted) {
  std::string pointer;
  size_t start = 0;
  for (size_t dot; (dot = dotted.find('.', start)) != std::string::npos; start = dot + 1)
    pointer += "/" + dotted.substr(start, dot - start);
  return Json::json_pointer(pointer + "/" + dotted.substr(start));
}

// The names of a Dynamo choice parameter ("none|conservative|aggressive"), in value order.
std::vector<std::string> ChoiceNames(const char* choices) {
  std::vector<std::string> names(1);
  for (const char* c = choices; *c; ++c) {
    if (*c == '|') {
      names.emplace_back();
    } else {
      names.back() += *c;
    }
  }
  return names;
}

const char* EndName(RunEnd end) {
  switch (end) {
    case RunEnd::kExited: return "exited";
    case RunEnd::kKilled: return "killed";
    case RunEnd::kInstLimit: return "instruction_limit";
    case RunEnd::kInterrupted: return "interrupted";
  }
  return "?";
}

}  // namespace

Json MachineConfigJson(const MachineConfig& config) {
  Json out = Json::object();
  for (const ParamDef& p : ConfigSchema()) {
    const ParamValue v = p.get(config);
    Json value;
    switch (p.type) {
      case ParamType::kBool: value = v.b; break;
      case ParamType::kInt: value = v.i; break;
      case ParamType::kEnum: value = v.i >= 0 && static_cast<size_t>(v.i) < p.choices.size() ? p.choices[v.i] : "?"; break;
      case ParamType::kString: value = v.s; break;
    }
    out[PointerOf(p.name)] = std::move(value);
  }
  return out;
}

Json DynamoConfigJson(const dynamo::BootConfig& config) {
  Json out = Json::object();
  for (const dynamo::DynamoParam& p : dynamo::DynamoSchema()) {
    const uint32_t v = config.*p.field;
    if (p.is_bool) {
      out[p.name] = v != 0;
    } else if (p.choices) {
      const std::vector<std::string> names = ChoiceNames(p.choices);
      out[p.name] = v < names.size() ? names[v] : std::to_string(v);
    } else {
      out[p.name] = v;
    }
  }
  return out;
}

std::string Sha256Hex(const std::vector<uint8_t>& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr)) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

Json RunSection(const Simulation& sim, const RunRecord& record) {
  const RunOptions& options = sim.options();
  Json run = Json::object();
  run["dynsim_version"] = DynsimVersion();
  run["command_line"] = record.command_line;
  Json program = Json::object();
  program["path"] = options.program;
  program["sha256"] = Sha256Hex(sim.image().bytes);
  program["arguments"] = options.args;
  run["program"] = std::move(program);
  run["environment"] = options.env;
  Json machine = Json::object();
  machine["name"] = options.machine.name;
  machine["file"] = record.machine_file.empty() ? Json() : Json(record.machine_file);
  machine["overrides"] = record.overrides;
  machine["parameters"] = MachineConfigJson(options.machine);
  run["machine"] = std::move(machine);
  if (const dynamo::BootConfig* config = sim.dynamo_config()) {
    Json dynamo = Json::object();
    dynamo["file"] = options.dynamo_config.empty() ? Json() : Json(options.dynamo_config);
    dynamo["elf"] = sim.dynamo_image().path;
    dynamo["elf_sha256"] = Sha256Hex(sim.dynamo_image().bytes);
    dynamo["parameters"] = DynamoConfigJson(*config);
    run["dynamo"] = std::move(dynamo);
  } else {
    run["dynamo"] = nullptr;
  }
  Json end = Json::object();
  end["how"] = EndName(record.end);
  end["interrupted"] = record.end == RunEnd::kInterrupted;
  end["exit_status"] = record.exit_status;
  end["message"] = record.end_message;
  run["end"] = std::move(end);
  return run;
}

Json StatsDocument(const Simulation& sim, const RunRecord& record, double host_seconds) {
  Json doc = Json::object();
  doc["sim"] = sim.stats().ToJson();
  Json descriptions = Json::object();
  sim.stats().Describe(&descriptions, "sim.");
  descriptions["host.seconds"] = "host wall-clock time of the run (s)";
  descriptions["host.guest_mips"] = "guest instructions per host second, in millions (MIPS)";
  doc["descriptions"] = std::move(descriptions);
  Json host = Json::object();
  host["seconds"] = StatNumber(host_seconds);
  host["guest_mips"] = StatNumber(host_seconds > 0 ? sim.instructions() / host_seconds / 1e6 : 0);
  doc["host"] = std::move(host);
  doc["run"] = RunSection(sim, record);
  return doc;
}

}  // namespace dynsim
