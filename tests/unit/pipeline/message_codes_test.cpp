// Every message code the program uses has its Chinese (and English) words in the catalogue.
// A code is a dotted lower-case string literal ("web.upload.kind") whose first part names a
// group of the catalogue ("web", "workflow", "draft" …); the sources of every library and of
// the program are scanned for them, so a code typed wrongly or never added to the table
// fails here instead of showing its bare code to a clerk.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// Literals of that shape that are not codes (a file name without its extension).
const std::set<std::string> kNotCodes = {"profile.example"};

bool is_file_name(const std::string& s) {
  static const std::regex ext(R"(.*\.(toml|pdf|docx|sqlite3|csv|xml|txt|png|json|ofd|html|js|css|hpp|cpp|zip|pem|key)$)");
  return std::regex_match(s, ext);
}

struct Use {
  std::string file;
  int line;
  std::string code;
};

std::vector<Use> codes_used() {
  std::set<std::string> groups;
  for (const auto& e : message_catalog()) groups.insert(std::string(e.code.substr(0, e.code.find('.'))));
  const std::regex literal(R"re("([a-z][a-z0-9_]*(\.[a-z0-9_\-]+)+)")re");
  std::vector<Use> out;
  for (const char* lib : {"app", "services", "archive", "search", "pipeline"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(GONGWEN_SOURCE_DIR) / lib)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      if (e.path().filename().string().rfind("catalog", 0) == 0) continue;  // the table itself
      std::ifstream in(e.path());
      std::string text;
      for (int n = 1; std::getline(in, text); ++n)
        for (std::sregex_iterator m(text.begin(), text.end(), literal), end; m != end; ++m) {
          const std::string code = (*m)[1];
          if (groups.count(code.substr(0, code.find('.'))) && !is_file_name(code) && !kNotCodes.count(code))
            out.push_back({fs::relative(e.path(), GONGWEN_SOURCE_DIR).string(), n, code});
        }
    }
  }
  return out;
}

TEST(MessageCodes, EveryCodeUsedInTheSourcesHasChineseAndEnglishWords) {
  const auto uses = codes_used();
  ASSERT_GT(uses.size(), 100u) << "the scan found too few codes: is GONGWEN_SOURCE_DIR right?";
  for (const auto& u : uses) {
    EXPECT_TRUE(has_message(u.code)) << u.file << ":" << u.line << ": " << u.code << " is not in the catalogue";
    if (!has_message(u.code)) continue;
    EXPECT_NE(msg_in(Language::Chinese, u.code), u.code) << u.code;
    EXPECT_FALSE(msg_in(Language::Chinese, u.code).empty()) << u.code;
    EXPECT_FALSE(msg_in(Language::English, u.code).empty()) << u.code;
  }
}

TEST(MessageCodes, TheScanFindsAMissingCode) {
  // The rule the scan applies, on a code that is not in the table: it must be reported.
  EXPECT_FALSE(has_message("web.no.such.code"));
  EXPECT_TRUE(has_message("web.upload.kind"));
}

TEST(MessageCodes, WorkflowRefusalsAreChineseByDefault) {
  const std::string zh = msg_in(Language::Chinese, "workflow.role.missing",
                                {{"name", "王芳"}, {"id", "wangfang"},
                                 {"action", msg_in(Language::Chinese, "workflow.action.sign_off_documents")},
                                 {"roles", "签发人"}});
  EXPECT_EQ(zh, "王芳（wangfang）无权签发公文：需要“签发人”角色");
  const std::string en = msg_in(Language::English, "workflow.role.missing",
                                {{"name", "王芳"}, {"id", "wangfang"},
                                 {"action", msg_in(Language::English, "workflow.action.sign_off_documents")},
                                 {"roles", "签发人"}});
  EXPECT_EQ(en, "王芳 (wangfang) may not sign off documents: it needs the role 签发人");
}

}  // namespace
}  // namespace gongwen
