// dynsim's version: `git describe` of the source tree it was built from, embedded at build
// time through Bazel's workspace status (sim/workspace_status.sh); "unknown" when built
// from a tree without git history.
#ifndef DYNSIM_SIM_VERSION_H
#define DYNSIM_SIM_VERSION_H

namespace dynsim {

const char* DynsimVersion();

}  // namespace dynsim

#endif  // DYNSIM_SIM_VERSION_H
