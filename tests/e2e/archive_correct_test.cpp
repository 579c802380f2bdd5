// The archive after the lock, through the real binary: `archive correct` records a new
// version with a reason (the original bytes stay, sha256sum still accepts the bag, verify
// lists the version), its refusals exit with the documented codes and change nothing; the
// filing settings (archive.toml) change the 档号 and a bad setting is named; `archive status`
// counts the days to the deadline of an open year and lists what is missing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <regex>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> csv_cols(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::map<std::string, std::string> hashes(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = slurp(e.path());
  return out;
}

class ArchiveAfterLock : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = fresh_dir("archive-lock");
    const Outcome demo = gongwen({"demo", dir.string()});  // files 2025
    ASSERT_EQ(demo.code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static Outcome as(const std::string& user, std::vector<std::string> args,
                    const std::string& clock = "2026-10-01T09:00:00+08:00") {
    std::vector<std::string> all = {"-w", dir.string(), "--clock", clock, "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return gongwen(all);
  }
  static fs::path bag() { return dir / "archive" / "2025"; }
  // 档号 and 题名 of the catalogue's first row.
  static std::pair<std::string, std::string> first_item() {
    const std::string csv = slurp(bag() / "data" / "归档文件目录.csv");
    const std::string row = csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1);
    const auto c = csv_cols(row);
    return {c.at(1), c.at(4)};
  }
  static inline fs::path dir;
};

TEST_F(ArchiveAfterLock, RefusalsExitWithTheirCodesAndChangeNothing) {
  const auto [code, title] = first_item();
  const auto before = hashes(bag());
  struct Case {
    std::string user;
    std::vector<std::string> args;
    int exit;
  };
  const std::vector<Case> cases{
      {"zhouhong", {"--item", code, "--field", "题名=新题名"}, 2},                           // no --reason
      {"zhouhong", {"--item", code, "--field", "题名=新题名", "--reason", " "}, 3},          // empty reason
      {"wangfang", {"--item", code, "--field", "题名=新题名", "--reason", "更正"}, 5},       // not the 档案员
      {"zhouhong", {"--item", code + "9", "--field", "题名=新题名", "--reason", "更正"}, 4}, // no such 档号
      {"zhouhong", {"--item", code, "--field", "保管期限=永久", "--reason", "更正"}, 3},     // part of the 档号
      {"zhouhong", {"--item", code, "--field", "题名", "--reason", "更正"}, 3},              // not 字段=值
      {"zhouhong", {"--item", code, "--reason", "更正"}, 3},                                  // nothing to correct
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"archive", "correct", "--year", "2025"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome o = as(c.user, args);
    EXPECT_EQ(o.code, c.exit) << o.err;
    EXPECT_FALSE(o.err.empty());
  }
  EXPECT_EQ(hashes(bag()), before);
}

TEST_F(ArchiveAfterLock, CorrectionIsANewVersionAndTheBagStaysValid) {
  const auto [code, title] = first_item();
  const auto before = hashes(bag());
  const Outcome o = as("zhouhong", {"--json", "archive", "correct", "--year", "2025", "--item", code, "--field",
                                    "题名=" + title + "（更正）", "--reason", "题名有误，依原件更正"});
  ASSERT_EQ(o.code, 0) << o.err;
  const json j = json::parse(o.out);
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["archive_code"], code);
  EXPECT_EQ(j["by"], "zhouhong");
  const auto after = hashes(bag());
  for (const auto& [rel, bytes] : before)
    if (rel.find("manifest") == std::string::npos && rel != "bag-info.txt") EXPECT_EQ(after.at(rel), bytes) << rel;
  EXPECT_TRUE(after.count("data/corrections/" + code + "/v2/" + code + ".v2.xml"));
  // An outside tool agrees with the manifests.
  const Outcome sum = run("/bin/sh", {"-c", "cd " + quote(bag().string()) +
                                                " && sha256sum -c --quiet manifest-sha256.txt && sha256sum -c --quiet tagmanifest-sha256.txt"});
  EXPECT_EQ(sum.code, 0) << sum.out << sum.err;
  const Outcome v = as("zhouhong", {"--json", "archive", "verify", "--year", "2025"});
  ASSERT_EQ(v.code, 0) << v.out << v.err;
  const json vj = json::parse(v.out);
  EXPECT_EQ(vj["ok"], true);
  ASSERT_EQ(vj["versions"].size(), 1u);
  EXPECT_NE(vj["versions"][0].get<std::string>().find(code + " v2"), std::string::npos);
  const Outcome text = as("zhouhong", {"archive", "verify", "--year", "2025"});
  EXPECT_NE(text.out.find("version: " + code + " v2"), std::string::npos) << text.out;
}

TEST_F(ArchiveAfterLock, StatusCountsDaysToTheDeadlineOfAnOpenYear) {
  // The demo leaves 2026 open (its documents are issued, not filed); the deadline is 09-30.
  const Outcome s = as("zhouhong", {"--json", "archive", "status"});
  ASSERT_EQ(s.code, 0) << s.err;
  const json j = json::parse(s.out);
  bool seen = false;
  for (const auto& y : j) {
    if (y["year"] == 2025) EXPECT_EQ(y["filed"], true);
    if (y["year"] != 2026) continue;
    seen = true;
    EXPECT_EQ(y["filed"], false);
    EXPECT_EQ(y["deadline"], "2027-09-30");
    EXPECT_EQ(y["days_left"], 364);  // 2026-10-01 → 2027-09-30
  }
  EXPECT_TRUE(seen) << s.out;
  const Outcome late = as("zhouhong", {"archive", "status"}, "2027-10-02T09:00:00+08:00");
  EXPECT_NE(late.out.find("2026: open, deadline 2027-09-30, OVERDUE by 2 day(s)"), std::string::npos) << late.out;
}

TEST_F(ArchiveAfterLock, SettingsChangeTheCodesOfTheNextFiling) {
  const fs::path settings = dir / "templates" / "archive.toml";
  const std::string saved = slurp(settings);
  std::ofstream(settings) << "[separators]\nlevel = \"\"\n";
  const Outcome bad = as("zhouhong", {"archive", "file", "--year", "2026"}, "2027-01-15T09:00:00+08:00");
  EXPECT_EQ(bad.code, 3) << bad.err;
  EXPECT_NE(bad.err.find("archive.toml"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir / "archive" / "2026"));
  std::ofstream(settings) << "[separators]\nlevel = \"·\"\n";
  const Outcome ok = as("zhouhong", {"--json", "archive", "file", "--year", "2026"}, "2027-01-15T09:00:00+08:00");
  ASSERT_EQ(ok.code, 0) << ok.err;
  const json j = json::parse(ok.out);
  ASSERT_FALSE(j["items"].empty());
  for (const auto& i : j["items"])
    EXPECT_TRUE(std::regex_match(i["archive_code"].get<std::string>(), std::regex("Z109-WS·2026·(Y|D30|D10)·[A-Z]+-\\d{4}")))
        << i["archive_code"];
  std::ofstream(settings) << saved;
}

}  // namespace
}  // namespace gongwen::e2e
