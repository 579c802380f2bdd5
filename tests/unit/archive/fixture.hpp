#pragma once
// Shared helpers for the archive tests (and, through services/office_fixture.hpp, for the
// tests that fill the books through the office's workflow): a fresh workspace per test (made from the example
// profile and the real templates), small drafts written beside it, a fixed clock, and a
// summary of the office's books so a refused step can be shown to have changed nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>

#include "gongwen/archive/registry.hpp"
#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"
#include "gongwen/pipeline/error.hpp"

namespace gongwen {
inline void PrintTo(Code c, std::ostream* os) { *os << code_name(c); }
}  // namespace gongwen

namespace gongwen::archive::test {

namespace fs = std::filesystem;

inline const char* kTemplates = GONGWEN_SOURCE_DIR "/templates";

inline std::string example_profile() {
  return read_file(fs::path(GONGWEN_SOURCE_DIR) / "templates" / "profile.example.toml");
}

// 2025-12-30T09:00:00+08:00: after every 2025 成文日期 used below.
inline constexpr std::int64_t kDec30_2025 = 1767056400;

// A new empty folder under the system temp dir.
inline fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "gongwen-archive-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// Runs `f` and returns the Error of the Failure it throws; records a test failure if it
// throws nothing.
template <class F>
Error failure_of(F&& f) {
  try {
    f();
  } catch (const Failure& e) {
    return e.error();
  }
  ADD_FAILURE() << "expected a gongwen::Failure, nothing was thrown";
  return make_error(Code::Internal, "(nothing thrown)");
}

// ---- drafts (docs/drafts.md) ----

inline std::string notice_toml(const std::string& title, const std::string& date = "2025-06-02",
                               const std::string& drafter = "wangfang",
                               const std::string& organ = "\"government\"",
                               const std::string& extra = "") {
  return "template = \"notice\"\norgan = " + organ + "\ntitle = \"" + title +
         "\"\nto = \"各村民委员会，乡属各单位\"\ndate = " + date + "\ndrafter = \"" + drafter +
         "\"\ncopies = 10\n" + extra +
         "body = \"\"\"\n为做好相关工作，现将有关事项通知如下：\n一、工作要求\n"
         "各单位要高度重视，认真抓好落实。\n\"\"\"\n";
}

inline std::string letter_toml(const std::string& title, const std::string& date = "2025-05-20") {
  return "template = \"letter\"\norgan = \"government\"\ntitle = \"" + title +
         "\"\nto = \"县交通运输局\"\ndate = " + date +
         "\ndrafter = \"liuyang\"\ncopies = 3\nbody = \"\"\"\n现就有关事项函商如下。\n"
         "特此函商，盼复。\n\"\"\"\n";
}

inline std::string request_toml(const std::string& title, const std::string& date = "2025-04-18") {
  return "template = \"request\"\norgan = \"government\"\ntitle = \"" + title +
         "\"\nto = \"县人民政府\"\ndate = " + date +
         "\ndrafter = \"wangfang\"\ncopies = 4\nnote = \"联系人：王芳，电话：0878-6212301\"\n"
         "body = \"\"\"\n现将有关情况请示如下。\n妥否，请批示。\n\"\"\"\n";
}

inline std::string minutes_toml(const std::string& meeting, const std::string& date = "2025-08-25") {
  return "template = \"minutes\"\norgan = \"government\"\ntitle = \"" + meeting +
         "纪要\"\ndate = " + date +
         "\ndrafter = \"wangfang\"\ncopies = 5\npresent = [\"张建国\", \"陈志勇\"]\n"
         "body = \"\"\"\n一、关于春耕生产工作\n会议议定，按期完成物资检查。\n\"\"\"\n"
         "[fields]\nmeeting_name = \"" + meeting +
         "\"\nmeeting_time = \"2025年8月25日上午\"\nmeeting_place = \"乡人民政府三楼会议室\"\n"
         "chair = \"乡长张建国\"\ntopics = \"研究春耕生产工作\"\n";
}

// A direct SQLite connection to the workspace's registry: what someone with file access
// could do.
class RawDb {
 public:
  explicit RawDb(const fs::path& file) {
    if (sqlite3_open(file.string().c_str(), &m_db) != SQLITE_OK)
      throw std::runtime_error("cannot open " + file.string());
  }
  ~RawDb() { sqlite3_close(m_db); }
  // Returns "" on success, else SQLite's message.
  std::string exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return "";
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return msg;
  }

 private:
  sqlite3* m_db = nullptr;
};

// ---- a workspace with an office ----

class ArchiveTest : public ::testing::Test {
 protected:
  ArchiveTest() : clock(Instant{kDec30_2025, 8 * 60}) {}

  void SetUp() override {
    tmp = make_temp_dir();
    auto r = Workspace::init(tmp / "ws", example_profile(), kTemplates);
    ASSERT_TRUE(r.ok()) << r.error().render();
    ws = std::move(r).value();
  }

  void TearDown() override {
    ws.reset();
    std::error_code ec;
    fs::remove_all(tmp, ec);
  }

  Registry& reg() { return ws->registry(); }

  fs::path write_draft(const std::string& name, const std::string& text) {
    const fs::path p = tmp / "drafts" / name;
    fs::create_directories(p.parent_path());
    write_file_atomic(p, text);
    return p;
  }

  std::size_t files_under(const fs::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) ++n;
    return n;
  }

  // Everything a refused step must leave as it was (the audit log excepted: refusals are
  // recorded there on purpose).
  std::string books() {
    std::ostringstream s;
    for (const auto& d : reg().drafts()) {
      s << "draft " << d.id << " " << state_name(d.state) << " round " << d.round << " hash "
        << d.content_hash << " reviews " << reg().reviews(d.id).size();
      if (auto so = reg().signoff(d.id)) s << " signed " << so->signer << "/" << so->round;
      s << "\n";
    }
    for (int y = 2024; y <= 2027; ++y)
      for (const auto& n : reg().numbers(y))
        s << "number " << n.code << " " << n.year << " " << n.serial << " " << n.status << "\n";
    for (const auto& i : reg().issued()) s << "issued " << i.number << "\n";
    for (const auto& u : reg().seal_uses()) s << "seal " << u.number << "\n";
    s << "document files " << files_under(ws->documents_dir()) << "\n";
    return s.str();
  }

  fs::path tmp;
  FixedClock clock;
  std::unique_ptr<Workspace> ws;
};

}  // namespace gongwen::archive::test
