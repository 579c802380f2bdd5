// PdfUpdate: the one incremental-update writer behind the signature and the 归档章.
#include <gtest/gtest.h>

#include <string>

#include "gongwen/pipeline/pdf_update.hpp"

namespace gongwen {
namespace {

TEST(PdfUpdate, AppendsObjectsXrefAndTrailerAfterTheUntouchedOriginal) {
  const std::string original = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF";
  EXPECT_EQ(last_startxref(original), 9);
  PdfUpdate u(original);
  u.add_object(7, 0, "<< /B 2 >>");
  u.add_object(5, 0, "<< /A 1 >>");
  u.add_stream(6, 0, "<< /Length 3 >>", "abc");
  const std::size_t at5 = u.bytes().find("5 0 obj");
  const std::size_t at6 = u.bytes().find("6 0 obj");
  const std::size_t at7 = u.bytes().find("7 0 obj");
  const std::size_t xref = u.write_xref();
  u.write_trailer("/Size 8 /Root 1 0 R /Prev 9");
  const std::string out = u.take();

  EXPECT_EQ(out.compare(0, original.size(), original), 0);
  EXPECT_EQ(out[original.size()], '\n');  // the original did not end with a newline
  EXPECT_NE(out.find("6 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n"), std::string::npos);
  // One subsection for the run 5, 6, 7, entries in number order, 20 bytes each.
  char entries[128];
  std::snprintf(entries, sizeof entries, "xref\n5 3\n%010zu 00000 n \n%010zu 00000 n \n%010zu 00000 n \n",
                at5, at6, at7);
  EXPECT_EQ(out.substr(xref, std::string(entries).size()), entries);
  EXPECT_NE(out.find("trailer\n<< /Size 8 /Root 1 0 R /Prev 9 >>\nstartxref\n" + std::to_string(xref) +
                     "\n%%EOF\n"),
            std::string::npos);
  EXPECT_EQ(last_startxref(out), static_cast<long long>(xref));
}

TEST(PdfUpdate, GapsInObjectNumbersMakeSubsections) {
  PdfUpdate u("%PDF-1.7\n");
  u.add_object(3, 0, "1");
  u.add_object(9, 1, "2");
  const std::size_t xref = u.write_xref();
  const std::string out = u.bytes();
  EXPECT_EQ(out.find("xref\n3 1\n"), xref);
  EXPECT_NE(out.find(" 00001 n \n"), std::string::npos);
  EXPECT_NE(out.find("\n9 1\n"), std::string::npos);
  EXPECT_EQ(last_startxref("no xref here"), 0);
}

}  // namespace
}  // namespace gongwen
