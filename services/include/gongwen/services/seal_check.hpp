#pragma once
// A received OFD's electronic seals (GB/T 38540): from verify_ofd's report to the register's
// record (received.seal_check), and from the record to the words a clerk reads, the same on
// the command line and the web desk.
#include <string>
#include <vector>

#include "gongwen/archive/records.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"

namespace gongwen::services {

// verified when every seal and every file checks, unsealed when the package has no seal,
// failed otherwise (each seal's problems and the package's kept).
archive::ReceivedSealCheck seal_check_of(const OfdVerifyReport& report);

// "电子印章验证通过" / "电子印章验证未通过" / "没有电子印章"; "" when not checked.
std::string seal_check_summary(const archive::ReceivedSealCheck& check);

// One line per seal ("有效：白路乡人民政府（签章者 …，时间）" or "无效：…：the problem"), then
// the package's problems.
std::vector<std::string> seal_check_lines(const archive::ReceivedSealCheck& check);

}  // namespace gongwen::services
