// What the three parts of the machine configuration share (sim/config_schema.cc,
// config_loader.cc, config_doc.cc): the schema's derived facts and the cross-parameter
// check. Not part of sim/config.h's interface.
#ifndef DYNSIM_SIM_CONFIG_INTERNAL_H
#define DYNSIM_SIM_CONFIG_INTERNAL_H

#include <string>
#include <vector>

#include "sim/config.h"

namespace dynsim {
namespace config_internal {

// Every parameter set to its default.
void ApplyDefaults(MachineConfig* c);
// Dotted names of every group ("icache", "l2", ...), in schema order; IsGroup asks.
const std::vector<std::string>& GroupNames();
bool IsGroup(const std::string& name);
// "bool", "integer", "enum", "string".
const char* TypeName(ParamType t);
// Cross-parameter checks. On failure returns the message (without key) and the keys that
// could be blamed, most specific first.
std::string CheckGeometry(const MachineConfig& c, std::vector<std::string>* keys);

}  // namespace config_internal
}  // namespace dynsim

#endif  // DYNSIM_SIM_CONFIG_INTERNAL_H
