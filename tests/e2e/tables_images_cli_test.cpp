// Tables and pictures through the real binary: a Word body with a table and a picture is
// imported (the picture saved beside the draft), the draft checks, and its preview PDF and
// DOCX carry the table and the picture; a draft naming a missing picture fails with the
// file, line and field and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = GONGWEN_SOURCE_DIR;

TEST(TablesImagesCli, ImportedTableAndPictureRenderAsTableAndPicture) {
  const fs::path dir = fresh_dir("tables-images-cli");
  ASSERT_EQ(gongwen({"init", (dir / "ws").string()}).code, 0);
  const std::string ws = (dir / "ws").string();
  const fs::path draft = dir / "body.toml";
  const Outcome imp = gongwen({"-w", ws, "draft", "import",
                               (kSource / "tests/fuzz/corpus/docx_import_fuzz/table-image.docx").string(),
                               "-o", draft.string()});
  ASSERT_EQ(imp.code, 0) << imp.err;
  ASSERT_TRUE(fs::exists(dir / "body-image1.png"));
  std::string text = slurp(draft);
  ASSERT_NE(text.find("![](body-image1.png)"), std::string::npos) << text;
  // Fill what the importer leaves to the drafter, then check and preview.
  text += "date = 2026-11-02\n";
  text.replace(text.find("# drafter"), 0, "drafter = \"wangfang\"\n");
  text.replace(text.find("to = \"\""), 7, "to = \"各村民委员会\"");
  { std::ofstream(draft, std::ios::binary) << text; }
  const Outcome check = gongwen({"-w", ws, "draft", "check", draft.string()});
  ASSERT_EQ(check.code, 0) << check.err << "\n" << text;
  const Outcome preview = gongwen({"-w", ws, "draft", "render", draft.string(), "-o", dir.string()});
  ASSERT_EQ(preview.code, 0) << preview.err;
  const fs::path pdf = dir / "body.preview.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  const Outcome images = run("pdfimages", {"-list", pdf.string()});
  EXPECT_NE(images.out.find(" 600   300 "), std::string::npos) << images.out;  // the chart, 600 × 300
  const Outcome unzip = run("unzip", {"-l", (dir / "body.preview.docx").string()});
  EXPECT_NE(unzip.out.find("word/media/image1.png"), std::string::npos) << unzip.out;
}

TEST(TablesImagesCli, MissingPictureNamesFileLineAndFieldAndWritesNothing) {
  const fs::path dir = fresh_dir("tables-images-cli-bad");
  ASSERT_EQ(gongwen({"init", (dir / "ws").string()}).code, 0);
  const fs::path draft = dir / "bad.toml";
  std::ofstream(draft, std::ios::binary)
      << "template = \"notice\"\ntitle = \"关于测试的通知\"\nto = \"各村\"\ndate = 2026-11-02\n"
         "drafter = \"wangfang\"\nbody = \"\"\"\n第一段。\n| 甲 | 乙 |\n![图](nowhere.png)\n\"\"\"\n";
  const Outcome r = gongwen({"-w", (dir / "ws").string(), "draft", "render", draft.string(), "-o", dir.string()});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("bad.toml:9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("body line 3: picture file 'nowhere.png' cannot be read"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "bad.preview.pdf"));
}

}  // namespace
}  // namespace gongwen::e2e
