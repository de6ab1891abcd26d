#include "dynamo/switch_profile.h"

namespace dynamo {

SwitchProfile the_switch_profile;

bool SwitchProfile::SiteVaries(uint32_t pc) { return the_switch_profile.Varies(pc); }

}  // namespace dynamo
