// Making, opening and finding a workspace: init never touches a folder in use and leaves
// nothing behind when the profile is bad.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace gongwen::archive::test {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override { tmp = make_temp_dir(); }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(tmp, ec);
  }
  std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
    return out;
  }
  // The example profile with `from` replaced by `to` (which must occur).
  static std::string profile_with(const std::string& from, const std::string& to) {
    std::string p = example_profile();
    const auto at = p.find(from);
    if (at == std::string::npos) throw std::runtime_error("not in profile: " + from);
    return p.replace(at, from.size(), to);
  }
  static int line_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    if (at == std::string::npos) return -1;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  }
  fs::path tmp;
};

TEST_F(WorkspaceTest, InitMakesTheLayout) {
  auto r = Workspace::init(tmp / "office", example_profile(), kTemplates);
  ASSERT_TRUE(r.ok()) << r.error().render();
  const auto& ws = *r.value();
  EXPECT_EQ(ws.root(), tmp / "office");
  for (const fs::path& d : {ws.documents_dir(), ws.archive_dir(), ws.index_dir(), ws.keys_dir(),
                            ws.templates_dir()})
    EXPECT_TRUE(fs::is_directory(d)) << d;
  EXPECT_EQ(read_file(ws.config_file()), example_profile());
  EXPECT_TRUE(fs::exists(ws.root() / "registry.sqlite3"));
  EXPECT_TRUE(fs::exists(ws.templates_dir() / "notice.toml"));
  EXPECT_TRUE(fs::exists(ws.templates_dir() / "retention.toml"));
  EXPECT_FALSE(fs::exists(ws.templates_dir() / "profile.example.toml"));
  EXPECT_EQ(ws.profile().fonds, "Z109");
  EXPECT_EQ(ws.profile().review_chain, (std::vector<std::string>{"zhaoli", "chenzhiyong"}));
  EXPECT_FALSE(ws.templates().empty());
  EXPECT_EQ(ws.relative(ws.documents_dir() / "2025" / "a.pdf"), "documents/2025/a.pdf");
  // Only the workspace itself in the parent: the staging folder was renamed into place.
  EXPECT_THAT(entries(tmp), ElementsAre("office"));
}

TEST_F(WorkspaceTest, InitIntoAnEmptyExistingFolder) {
  fs::create_directories(tmp / "office");
  auto r = Workspace::init(tmp / "office", example_profile(), kTemplates);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_TRUE(fs::exists(tmp / "office" / "gongwen.toml"));
  EXPECT_THAT(entries(tmp), ElementsAre("office"));
}

TEST_F(WorkspaceTest, InitIntoANonEmptyFolderIsAConflict) {
  const fs::path dir = tmp / "office";
  fs::create_directories(dir / "sub");
  write_file_atomic(dir / "notes.txt", "我的笔记");
  const auto r = Workspace::init(dir, example_profile(), kTemplates);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::Conflict);
  EXPECT_THAT(r.error().message, HasSubstr("not empty"));
  EXPECT_THAT(entries(dir), UnorderedElementsAre("notes.txt", "sub"));
  EXPECT_EQ(read_file(dir / "notes.txt"), "我的笔记");
  EXPECT_TRUE(fs::is_empty(dir / "sub"));
  EXPECT_THAT(entries(tmp), ElementsAre("office"));
}

TEST_F(WorkspaceTest, InitOverAWorkspaceIsAConflict) {
  ASSERT_TRUE(Workspace::init(tmp / "office", example_profile(), kTemplates).ok());
  const std::string before = read_file(tmp / "office" / "gongwen.toml");
  const auto r = Workspace::init(tmp / "office", profile_with("Z109", "Z999"), kTemplates);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::Conflict);
  EXPECT_EQ(read_file(tmp / "office" / "gongwen.toml"), before);
}

struct BrokenProfile {
  const char* name;
  std::string from, to;
  std::string line_marker;  // text on the line the error must point at
  const char* message_part;
  friend void PrintTo(const BrokenProfile& c, std::ostream* os) { *os << c.name; }
};

class BrokenProfileTest : public WorkspaceTest,
                          public ::testing::WithParamInterface<BrokenProfile> {};

TEST_P(BrokenProfileTest, IsBadInputAtTheLineAndLeavesNothing) {
  const BrokenProfile& c = GetParam();
  const std::string text = profile_with(c.from, c.to);
  const int line = line_of(text, c.line_marker);
  ASSERT_GT(line, 0) << c.line_marker;
  const auto r = Workspace::init(tmp / "office", text, kTemplates);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  EXPECT_THAT(r.error().message, HasSubstr(c.message_part));
  ASSERT_TRUE(r.error().at) << r.error().message;
  EXPECT_THAT(r.error().at->file, EndsWith("gongwen.toml"));
  EXPECT_EQ(r.error().at->line, line) << r.error().render();
  EXPECT_FALSE(fs::exists(tmp / "office"));
  EXPECT_TRUE(fs::is_empty(tmp)) << "a staging folder was left behind";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenProfileTest,
    ::testing::Values(
        BrokenProfile{"UnknownRole", "roles = [\"seal_keeper\"]", "roles = [\"stamper\"]",
                      "roles = [\"stamper\"]", "unknown role 'stamper'"},
        // liuyang's entry renamed to wangfang: the second [[users]] with that id.
        BrokenProfile{"DuplicateUser", "id = \"liuyang\"", "id = \"wangfang\"",
                      "[[users]]\nid = \"wangfang\"\nname = \"刘洋\"", "appears twice"},
        BrokenProfile{"SignerNotAUser", "signer = \"zhangjianguo\"", "signer = \"zhangsan\"",
                      "signer = \"zhangsan\"", "zhangsan"},
        BrokenProfile{"UnknownClearance", "clearance = \"秘密\"\n\n[[users]]\nid = \"zhangjianguo\"",
                      "clearance = \"顶级\"\n\n[[users]]\nid = \"zhangjianguo\"",
                      "clearance = \"顶级\"", "顶级"},
        BrokenProfile{"NotToml", "fonds = \"Z109\"", "fonds = \"Z109", "fonds = \"Z109", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(WorkspaceTest, DuplicateUserErrorPointsAtTheSecondEntry) {
  // The [[users]] header of the second entry, or its id line; never the first wangfang.
  const std::string text = profile_with("id = \"liuyang\"", "id = \"wangfang\"");
  const auto r = Workspace::init(tmp / "office", text, kTemplates);
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.error().at);
  const int second = line_of(text, "id = \"wangfang\"\nname = \"刘洋\"");
  EXPECT_GE(r.error().at->line, second - 1) << r.error().render();
  EXPECT_LE(r.error().at->line, second) << r.error().render();
}

TEST_F(WorkspaceTest, OpenWithoutProfileIsNotFound) {
  fs::create_directories(tmp / "plain");
  const auto r = Workspace::open(tmp / "plain");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::NotFound);
  EXPECT_THAT(r.error().message, HasSubstr("gongwen.toml"));
  EXPECT_EQ(Workspace::open(tmp / "missing").error().code, Code::NotFound);
  EXPECT_TRUE(fs::is_empty(tmp / "plain"));
}

TEST_F(WorkspaceTest, OpenSeesWhatInitMade) {
  {
    auto ws = Workspace::init(tmp / "office", example_profile(), kTemplates).take();
    DraftRecord d;
    d.title = "关于开展环境整治的通知";
    d.drafter = "wangfang";
    d.source = (tmp / "n.toml").string();
    ws->registry().add_draft(d);
  }
  auto r = Workspace::open(tmp / "office");
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r.value()->registry().drafts().size(), 1u);
  EXPECT_EQ(r.value()->registry().drafts()[0].title, "关于开展环境整治的通知");
  EXPECT_EQ(r.value()->profile().user("sunxiuying")->name, "孙秀英");
}

TEST_F(WorkspaceTest, OpenWithBrokenProfileIsBadInput) {
  ASSERT_TRUE(Workspace::init(tmp / "office", example_profile(), kTemplates).ok());
  write_file_atomic(tmp / "office" / "gongwen.toml",
                    profile_with("roles = [\"archivist\"]", "roles = [\"filer\"]"));
  const auto r = Workspace::open(tmp / "office");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
  ASSERT_TRUE(r.error().at);
  EXPECT_THAT(r.error().at->file, EndsWith("gongwen.toml"));
}

TEST_F(WorkspaceTest, FindWalksUpFromASubfolder) {
  ASSERT_TRUE(Workspace::init(tmp / "office", example_profile(), kTemplates).ok());
  const fs::path deep = tmp / "office" / "documents" / "2025" / "drafts";
  fs::create_directories(deep);
  EXPECT_EQ(Workspace::find(deep), tmp / "office");
  EXPECT_EQ(Workspace::find(tmp / "office"), tmp / "office");
  EXPECT_EQ(Workspace::find(tmp / "office" / "archive"), tmp / "office");
  fs::create_directories(tmp / "elsewhere" / "x");
  EXPECT_EQ(Workspace::find(tmp / "elsewhere" / "x"), std::nullopt);
}

TEST(FileIo, WriteAtomicReplacesWholeFileAndLeavesNoTemp) {
  const fs::path dir = make_temp_dir();
  write_file_atomic(dir / "a" / "b.txt", "第一版");
  write_file_atomic(dir / "a" / "b.txt", "2");
  EXPECT_EQ(read_file(dir / "a" / "b.txt"), "2");
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir / "a")) n += e.is_regular_file();
  EXPECT_EQ(n, 1u);
  const Error e = failure_of([&] { read_file(dir / "none.txt"); });
  EXPECT_EQ(e.code, Code::NotFound);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongwen::archive::test
