#include "dynamo/counters.h"

#include <dynsim/simcall.h>

namespace dynamo {

void Counters::Report() const {
#define DYNAMO_REPORT_COUNTER(name, doc) dynsim_report_counter("dynamo." #name, name);
  DYNAMO_COUNTERS(DYNAMO_REPORT_COUNTER)
#undef DYNAMO_REPORT_COUNTER
}

}  // namespace dynamo
