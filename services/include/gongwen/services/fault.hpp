#pragma once
// Fault injection for the crash tests (issue 13 #12): a process whose GONGWEN_FAULT names a
// point kills itself there with SIGKILL, as a power cut or `kill -9` would, so a test can
// stop it exactly between a register commit and the work that follows it. Unset, a point
// costs one getenv.
namespace gongwen::services {

void fault_point(const char* name);

}  // namespace gongwen::services
