// gongwen draft import: a Word body becomes a draft file; a hostile .docx gives exit code 3,
// one message, and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_cli.hpp"

namespace fs = std::filesystem;
using namespace gongwen::e2e;

namespace {
const fs::path kCorpus = fs::path(GONGWEN_SOURCE_DIR) / "tests/fuzz/corpus/docx_import_fuzz";
}

TEST(DraftImport, WordBodyBecomesADraftFileWithPictureSaved) {
  const fs::path dir = fresh_dir("import-ok");
  fs::create_directories(dir);
  const fs::path out = dir / "draft.toml";
  const Outcome r = gongwen::e2e::gongwen({"draft", "import", (kCorpus / "table-image.docx").string(), "-o",
                             out.string(), "--template", "notice"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = slurp(out);
  EXPECT_NE(text.find("template = \"notice\""), std::string::npos) << text;
  EXPECT_NE(text.find("title = \"标题\""), std::string::npos) << text;
  // The table stays a table, the picture a picture line naming the file saved beside it.
  EXPECT_NE(text.find("| 村 | 人 |\n![](draft-image1.png)\n正文。"), std::string::npos) << text;
  EXPECT_TRUE(fs::exists(dir / "draft-image1.png"));
  EXPECT_EQ(slurp(dir / "draft-image1.png"), slurp(fs::path(GONGWEN_SOURCE_DIR) / "tests/golden/cases/chart.png"));
  EXPECT_NE(r.out.find("1 tables, 1 images"), std::string::npos) << r.out;
}

TEST(DraftImport, HostileDocxGivesExitCode3AndWritesNothing) {
  for (const char* bad : {"xxe.docx", "badname.docx", "not-a-zip.docx"}) {
    const fs::path dir = fresh_dir(std::string("import-bad-") + bad);
    fs::create_directories(dir);
    const fs::path out = dir / "draft.toml";
    const Outcome r = gongwen::e2e::gongwen({"draft", "import", (kCorpus / bad).string(), "-o", out.string()});
    EXPECT_EQ(r.code, 3) << bad << ": " << r.err;
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << bad;
    EXPECT_TRUE(fs::is_empty(dir)) << bad;
  }
}
