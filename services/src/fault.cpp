#include "gongwen/services/fault.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>

namespace gongwen::services {

void fault_point(const char* name) {
  const char* wanted = std::getenv("GONGWEN_FAULT");
  if (wanted && std::strcmp(wanted, name) == 0) std::raise(SIGKILL);
}

}  // namespace gongwen::services
