// The fingerprint a sign-off is bound to (services/office.hpp): every part of the document
// that prints must change it, tables' structure and pictures' bytes included.
#include <gtest/gtest.h>

#include "gongwen/services/office.hpp"

namespace gongwen::services::test {
namespace {

Document with_table(std::vector<std::vector<std::string>> rows) {
  Document d;
  d.title = "关于统计各村耕地面积的通知";
  Block b;
  b.kind = BlockKind::Table;
  b.table.rows = std::move(rows);
  b.table.header_rows = 1;
  // The text the index sees is the same for both tables below.
  b.text = "村名　面积　白路村　1200亩";
  d.body.push_back(b);
  return d;
}

Document with_picture(const std::string& bytes) {
  Document d;
  d.title = "关于森林防火检查情况的通报";
  Block b;
  b.kind = BlockKind::Image;
  b.text = "检查现场";
  b.image.file = "photo.png";
  b.image.bytes = bytes;
  d.body.push_back(b);
  return d;
}

TEST(Fingerprint, PictureBytesChangeIt) {
  EXPECT_NE(document_fingerprint(with_picture("\x89PNG first")), document_fingerprint(with_picture("\x89PNG other")));
  EXPECT_EQ(document_fingerprint(with_picture("\x89PNG same")), document_fingerprint(with_picture("\x89PNG same")));
}

TEST(Fingerprint, TableStructureChangesIt) {
  const Document a = with_table({{"村名", "面积"}, {"白路村", "1200亩"}});
  const Document b = with_table({{"村名　面积", ""}, {"白路村", "1200亩"}});
  EXPECT_NE(document_fingerprint(a), document_fingerprint(b));
  Document c = a;
  c.body[0].table.header_rows = 0;
  EXPECT_NE(document_fingerprint(a), document_fingerprint(c));
  Document w = a;
  w.body[0].table.column_weights = {1, 3};
  EXPECT_NE(document_fingerprint(a), document_fingerprint(w));
}

TEST(Fingerprint, ParagraphsHashAsBefore) {
  // Sign-offs recorded before tables and pictures existed must still match: a paragraph
  // contributes its kind and text only; the value is pinned so that a change shows here.
  Document d;
  d.title = "关于做好春耕生产工作的通知";
  d.body.push_back({BlockKind::Paragraph, "各村要及早谋划。"});
  Document e = d;
  e.body[0].text = "各村要及早谋划！";
  EXPECT_NE(document_fingerprint(d), document_fingerprint(e));
  EXPECT_EQ(document_fingerprint(d), "a63f4db288bcb2440944785ab8a23ea32c84f109be3d2159eda1df52405d4777");
}

}  // namespace
}  // namespace gongwen::services::test
