#pragma once
// `gongwen init --name`: the sample profile rewritten for the office the user names, so that a
// new workspace does not start as 白路乡. The sample's place (its 人民政府 without the suffix)
// becomes the new one everywhere (organs, 发文机关标志, 印章, office), and its 发文字号 prefixes
// and 全宗号 become the ones given. The staff stay the sample's until the office edits them.
#include <string>
#include <string_view>

#include "gongwen/pipeline/error.hpp"

namespace gongwen::archive {

struct OfficeNaming {
  std::string name;        // the 人民政府's full name, e.g. 青山镇人民政府
  std::string code;        // its 发文字号 prefix (青政 → 青政发); default: the name's first character + 政
  std::string party_code;  // the 党委's prefix; default: the first character + 党
  std::string fonds;       // 全宗号; empty keeps the sample's
};

// The sample profile text for the named office; bad options are refused with a message naming
// the option. The result is still to be checked by parse_profile (Workspace::init does).
Result<std::string> name_office(std::string_view sample_text, const OfficeNaming& naming);

}  // namespace gongwen::archive
