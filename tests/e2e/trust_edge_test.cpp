// Issue 13, the receiving and drafting limits of the "edge": a PDF whose page content
// inflates to far more than it weighs (#9), a PDF with no cross-reference table and
// `/Count 999999999`, and a 350,000-character title. Each is refused with a clear message
// before the work, and nothing is registered or written.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

// A one-page PDF with Helvetica and `content` as its page content (Flate-compressed when
// `deflate`). `xref` false leaves out the cross-reference table and startxref; `count` is the
// page tree's /Count (the truth is 1).
std::string one_page_pdf(const std::string& content, bool deflate, bool xref = true, long count = 1) {
  std::string stream = content;
  if (deflate) {
    uLongf size = compressBound(static_cast<uLong>(content.size()));
    stream.assign(size, '\0');
    compress2(reinterpret_cast<Bytef*>(stream.data()), &size, reinterpret_cast<const Bytef*>(content.data()),
              static_cast<uLong>(content.size()), 9);
    stream.resize(size);
  }
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count " + std::to_string(count) + " >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(stream.size()) + (deflate ? " /Filter /FlateDecode" : "") + " >>\nstream\n" +
          stream + "\nendstream"};
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  if (!xref) return pdf + "trailer\n<< /Size 6 /Root 1 0 R >>\n%%EOF\n";
  const std::size_t at = pdf.size();
  pdf += "xref\n0 6\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  return pdf + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(at) + "\n%%EOF\n";
}

class TrustEdge : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = fresh_dir("trust-edge");
    const Outcome demo = gongwen({"demo", dir.string()});
    ASSERT_EQ(demo.code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static Outcome as(const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", dir.string(), "--clock", "2026-11-20T09:00:00+08:00", "--as", user};
    all.insert(all.end(), args.begin(), args.end());
    return run(GONGWEN_BINARY, all, kChinese);  // the messages in the office's language
  }
  static Outcome receive(const fs::path& file, const std::string& title) {
    return as("sunxiuying", {"receive", file.string(), "--from", "县政府办公室", "--title", title, "--kind", "通知",
                             "--date", "2026-11-10"});
  }
  // What receiving may change: the registry's received rows and the documents folder.
  static std::string received_state() {
    std::string s = run("sqlite3", {(dir / "registry.sqlite3").string(), "select count(*) from received;"}).out;
    for (const auto& e : fs::recursive_directory_iterator(dir / "documents")) s += e.path().string() + "\n";
    return s;
  }
  static inline fs::path dir;
};

TEST_F(TrustEdge, APdfWhosePagesInflateFarBeyondTheirSizeIsRefusedBeforeExtracting) {
  // 40 MB of text drawing in a file of some tens of KB.
  std::string content = "BT /F1 12 Tf 72 770 Td\n";
  const std::string line = "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj\n";
  content.reserve(40u << 20);
  while (content.size() < (40u << 20)) content += line;
  content += "ET\n";
  const fs::path bomb = dir.parent_path() / "trust-edge-bomb.pdf";
  std::ofstream(bomb, std::ios::binary) << one_page_pdf(content, true);
  ASSERT_LT(fs::file_size(bomb), 1u << 20);
  const std::string before = received_state();
  const Outcome o = receive(bomb, "压缩炸弹");
  EXPECT_EQ(o.code, 3) << o.err;  // BadInput
  EXPECT_NE(o.err.find("解压后超过 32 MB"), std::string::npos) << o.err;
  EXPECT_EQ(received_state(), before);
  // The same page with a little text is received: the limit is what refused the bomb.
  const fs::path fine = dir.parent_path() / "trust-edge-fine.pdf";
  std::ofstream(fine, std::ios::binary) << one_page_pdf("BT /F1 12 Tf 72 770 Td (notice) Tj ET\n", true);
  const Outcome ok = receive(fine, "正常来文");
  EXPECT_EQ(ok.code, 0) << ok.err;
  fs::remove(bomb);
  fs::remove(fine);
}

TEST_F(TrustEdge, APdfWithoutCrossReferencesOrWithALyingPageCountIsNotRegistered) {
  const std::string text = "BT /F1 12 Tf 72 770 Td (broken) Tj ET\n";
  const fs::path no_xref = dir.parent_path() / "trust-edge-noxref.pdf";
  const fs::path lying = dir.parent_path() / "trust-edge-count.pdf";
  std::ofstream(no_xref, std::ios::binary) << one_page_pdf(text, false, false, 999999999);
  std::ofstream(lying, std::ios::binary) << one_page_pdf(text, false, true, 999999999);
  const std::string before = received_state();
  const Outcome damaged = receive(no_xref, "损坏的来文");
  EXPECT_EQ(damaged.code, 3) << damaged.err;
  EXPECT_NE(damaged.err.find("PDF 文件已损坏"), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.err.find("重新发送"), std::string::npos) << damaged.err;  // what to do
  const Outcome counted = receive(lying, "损坏的来文");
  EXPECT_EQ(counted.code, 3) << counted.err;
  EXPECT_NE(counted.err.find("有 999999999 页，超过 2000 页的上限"), std::string::npos) << counted.err;
  EXPECT_EQ(received_state(), before);
  fs::remove(no_xref);
  fs::remove(lying);
}

TEST_F(TrustEdge, AHugeTitleIsRefusedWithItsLengthAndTheLimit) {
  std::string title;
  for (int i = 0; i < 350000; ++i) title += "长";
  const fs::path draft = dir.parent_path() / "trust-edge-title.toml";
  std::ofstream(draft) << "template = \"notice\"\norgan = \"government\"\ntitle = \"关于" << title
                       << "的通知\"\nto = \"各村\"\ndate = \"2026-11-20\"\ndrafter = \"wangfang\"\nbody = \"\"\"\n正文。\n\"\"\"\n";
  const Outcome check = as("wangfang", {"draft", "check", draft.string()});
  EXPECT_NE(check.code, 0);
  EXPECT_NE(check.err.find("标题有 350005 个字，超过 200 字的上限"), std::string::npos) << check.err.substr(0, 2000);
  EXPECT_NE(check.err.find(":3:"), std::string::npos) << check.err.substr(0, 2000);  // the line of the title
  const std::string drafts = run("sqlite3", {(dir / "registry.sqlite3").string(), "select count(*) from drafts;"}).out;
  EXPECT_NE(as("wangfang", {"submit", draft.string()}).code, 0);
  EXPECT_EQ(run("sqlite3", {(dir / "registry.sqlite3").string(), "select count(*) from drafts;"}).out, drafts);
  fs::remove(draft);
}

}  // namespace
}  // namespace gongwen::e2e
