// The files a draft names are read only from its own folder (issue 13 #5 and #9): a draft
// could render the signing key, /etc/passwd or /proc/self/environ into its preview, hang on
// a FIFO, run out of memory on /dev/zero or on a small PNG of 23,000 × 23,000 pixels. Each is
// now refused by `draft check` and `submit` with a message naming the file, and nothing is
// registered.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

std::string draft_with_attachment(const std::string& file) {
  return "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好冬季防火工作的通知\"\n"
         "to = \"各村委会\"\ndate = 2026-12-01\ndrafter = \"wangfang\"\nbody = \"各村要落实防火责任。\"\n\n"
         "[[attachments]]\ntitle = \"附件\"\nfile = \"" + file + "\"\n";
}

std::string draft_with_picture(const std::string& file) {
  return "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好冬季防火工作的通知\"\n"
         "to = \"各村委会\"\ndate = 2026-12-01\ndrafter = \"wangfang\"\nbody = \"\"\"\n各村要落实防火责任。\n"
         "![火场](" + file + ")\n\"\"\"\n";
}

// A PNG whose header claims width × height pixels (its data would decode to gigabytes).
std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string s("\x89PNG\r\n\x1a\n", 8);
  auto be32 = [&s](std::uint32_t v) {
    for (int sh = 24; sh >= 0; sh -= 8) s += static_cast<char>((v >> sh) & 0xFF);
  };
  be32(13);
  s += "IHDR";
  be32(width);
  be32(height);
  s += std::string("\x08\x02\x00\x00\x00", 5);
  be32(0);  // CRC: not checked by the sniffer, and the picture is refused before decoding
  return s;
}

class DraftFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_EQ(gw({"init", "--fixed-clock-allowed", dir.string()}).code, 0);
    ASSERT_EQ(gw({"-w", dir.string(), "user", "passwd", "--all"}).code, 0);
  }
  void TearDown() override { fs::remove_all(dir); }
  static Outcome gw(const std::vector<std::string>& args) {
    return run(GONGWEN_BINARY, args, kEnglish + " GONGWEN_PASSWORD=files-test-pw GONGWEN_NEW_PASSWORD=files-test-pw");
  }
  // Writes the draft into the workspace's root (where a clerk might keep it), checks it and
  // tries to submit it: both must be refused naming `expect`, and no draft registered.
  void refused(const std::string& draft_text, const std::string& expect) {
    const fs::path draft = dir / "draft.toml";
    std::ofstream(draft) << draft_text;
    const Outcome check = gw({"-w", dir.string(), "draft", "check", draft.string()});
    EXPECT_EQ(check.code, 3) << check.err;
    EXPECT_NE(check.err.find(expect), std::string::npos) << check.err;
    const Outcome submit = gw({"-w", dir.string(), "--clock", "2026-12-01T09:00:00+08:00", "--as", "wangfang",
                               "submit", draft.string()});
    EXPECT_NE(submit.code, 0) << submit.out;
    const Outcome list = gw({"-w", dir.string(), "--json", "draft", "list"});
    EXPECT_EQ(nlohmann::json::parse(list.out).size(), 0u) << list.out;
  }
  fs::path dir;
};

TEST_F(DraftFiles, TheSigningKeyIsNeverReadByADraft) {
  ASSERT_TRUE(fs::exists(dir / "keys"));
  std::string key;
  for (const auto& e : fs::directory_iterator(dir / "keys"))
    if (e.path().extension() == ".pem") key = "keys/" + e.path().filename().string();
  ASSERT_FALSE(key.empty());
  refused(draft_with_attachment(key), "workspace's own files");
  refused(draft_with_attachment("registry.sqlite3"), "workspace's own files");
}

TEST_F(DraftFiles, AbsolutePathsClimbingAndLinksOutAreRefused) {
  refused(draft_with_attachment("/etc/passwd"), "absolute path");
  refused(draft_with_attachment("/proc/self/environ"), "absolute path");
  refused(draft_with_attachment("../secret.txt"), "'..'");
  fs::create_symlink("/etc/passwd", dir / "passwd-link.txt");
  refused(draft_with_attachment("passwd-link.txt"), "outside the draft's folder");
  refused(draft_with_picture("passwd-link.txt"), "outside the draft's folder");
}

TEST_F(DraftFiles, DevicesAndPipesAreNotReadAndDoNotHang) {
  fs::create_symlink("/dev/zero", dir / "zero.txt");
  refused(draft_with_attachment("zero.txt"), "outside the draft's folder");
  ASSERT_EQ(::mkfifo((dir / "pipe.txt").c_str(), 0600), 0);
  refused(draft_with_attachment("pipe.txt"), "not a regular file");
}

TEST_F(DraftFiles, AnOversizedAttachmentAndAPictureBombAreRefusedBeforeReading) {
  std::ofstream(dir / "huge.txt") << std::string(5u << 20, 'a');
  refused(draft_with_attachment("huge.txt"), "over 4 MB");
  std::ofstream(dir / "bomb.png", std::ios::binary) << png_header(23000, 23000);
  refused(draft_with_picture("bomb.png"), "23000 × 23000 pixels");
}

TEST_F(DraftFiles, AFileBesideTheDraftIsStillRead) {
  std::ofstream(dir / "附件一.txt") << "一、防火责任清单\n各村落实专人。\n";
  const fs::path draft = dir / "draft.toml";
  std::ofstream(draft) << draft_with_attachment("附件一.txt");
  const Outcome check = gw({"-w", dir.string(), "draft", "check", draft.string()});
  EXPECT_EQ(check.code, 0) << check.err;
}

}  // namespace
}  // namespace gongwen::e2e
