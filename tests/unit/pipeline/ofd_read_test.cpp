// read_ofd on OFD packages written by hand from GB/T 33190's structure (not by gongwen): text
// in reading order across layers and out-of-order objects, DeltaX in its "g" form, DocInfo
// and CustomDatas; and each kind of bad package refused with a Chinese message naming it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gongwen/pipeline/ofd_read.hpp"
#include "gongwen/pipeline/zip_package.hpp"

namespace gongwen {
namespace {

const std::string kNs = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

std::string ofd_xml(const std::string& doc_root = "Doc_0/Document.xml") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD " + kNs +
         " DocType=\"OFD\" Version=\"1.0\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6A0B2C3D4E5F60718293A4B5C6D7E8F9</ofd:DocID>"
         "<ofd:Title>关于开展冬季安全检查的通知</ofd:Title><ofd:Author>县应急管理局</ofd:Author>"
         "<ofd:CreationDate>2026-11-02</ofd:CreationDate><ofd:CustomDatas>"
         "<ofd:CustomData Name=\"文号\">县应急〔2026〕12号</ofd:CustomData>"
         "<ofd:CustomData Name=\"成文日期\">2026-11-01</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo>"
         "<ofd:DocRoot>" + doc_root + "</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
}

std::string document_xml(int pages = 1) {
  std::string p;
  for (int i = 0; i < pages; ++i)
    p += "<ofd:Page ID=\"" + std::to_string(10 + i) + "\" BaseLoc=\"Pages/Page_" + std::to_string(i) + "/Content.xml\"/>";
  return "<ofd:Document " + kNs + "><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea>"
         "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
         "</ofd:CommonData><ofd:Pages>" + p + "</ofd:Pages></ofd:Document>";
}

std::string text_object(int id, double x, double y, const std::string& text, const std::string& delta) {
  return "<ofd:TextObject ID=\"" + std::to_string(id) + "\" Boundary=\"" + std::to_string(x) + " " +
         std::to_string(y) + " 170 8\" Font=\"2\" Size=\"5.6\"><ofd:TextCode X=\"0\" Y=\"6\"" +
         (delta.empty() ? "" : " DeltaX=\"" + delta + "\"") + ">" + text + "</ofd:TextCode></ofd:TextObject>";
}

// Two layers; the body's second line is written before its first, and the header layer
// (a Foreground layer) comes after the body in the file.
std::string page_xml() {
  return "<ofd:Page " + kNs + "><ofd:Content>"
         "<ofd:Layer ID=\"20\" Type=\"Body\">" +
         text_object(21, 27, 80, "各乡镇、各有关单位：", "g 9 5.6") +
         text_object(22, 27, 70, "关于开展冬季安全检查的通知", "g 12 5.6") +
         text_object(23, 27, 90, "现将有关事项通知如下。", "5.6 5.6 g 8 5.6") +
         "</ofd:Layer><ofd:Layer ID=\"30\" Type=\"Foreground\">" +
         text_object(31, 60, 40, "县应急〔2026〕12号", "") +
         "<ofd:PathObject ID=\"32\" Boundary=\"27 50 156 1\"><ofd:AbbreviatedData>M 0 0 L 156 0</ofd:AbbreviatedData></ofd:PathObject>"
         "</ofd:Layer></ofd:Content></ofd:Page>";
}

std::string pack(std::vector<PackagePart> parts) {
  return zip_package(parts, Instant{1790000000, 480});
}

std::vector<PackagePart> good_parts() {
  return {{"OFD.xml", ofd_xml()},
          {"Doc_0/Document.xml", document_xml()},
          {"Doc_0/PublicRes.xml", "<ofd:Res " + kNs + " BaseLoc=\"Res\"/>"},
          {"Doc_0/Pages/Page_0/Content.xml", page_xml()}};
}

TEST(OfdRead, HandWrittenPackageGivesTextInReadingOrderAndDocInfo) {
  const Result<OfdContent> r = read_ofd(pack(good_parts()), "来文.ofd");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r.value().pages.size(), 1u);
  EXPECT_EQ(r.value().pages[0],
            "县应急〔2026〕12号\n关于开展冬季安全检查的通知\n各乡镇、各有关单位：\n现将有关事项通知如下。\n");
  EXPECT_EQ(r.value().info.at("Title"), "关于开展冬季安全检查的通知");
  EXPECT_EQ(r.value().info.at("Author"), "县应急管理局");
  EXPECT_EQ(r.value().info.at("文号"), "县应急〔2026〕12号");
  EXPECT_EQ(r.value().info.at("成文日期"), "2026-11-01");
}

void expect_refused(std::vector<PackagePart> parts, const std::string& why) {
  const Result<OfdContent> r = read_ofd(pack(std::move(parts)), "来文.ofd");
  ASSERT_FALSE(r.ok()) << why;
  EXPECT_EQ(r.error().code, Code::BadInput);
  EXPECT_NE(r.error().message.find("来文.ofd"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
}

TEST(OfdRead, BadPackagesAreRefusedNamingTheProblem) {
  EXPECT_EQ(read_ofd("这不是压缩包", "来文.ofd").error().code, Code::BadInput);
  auto parts = good_parts();
  parts[0].bytes = ofd_xml("");
  expect_refused(parts, "没有 DocRoot");
  parts = good_parts();
  parts[0].bytes = ofd_xml("OFD.xml");
  expect_refused(parts, "循环引用");
  parts = good_parts();
  parts[0].bytes = ofd_xml("Doc_9/Document.xml");
  expect_refused(parts, "Doc_9/Document.xml 不在包中");
  parts = good_parts();
  parts[1].bytes = document_xml(2);
  expect_refused(parts, "Doc_0/Pages/Page_1/Content.xml 不在包中");
  parts = good_parts();
  parts[3].bytes = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + page_xml();
  expect_refused(parts, "DOCTYPE");
  parts = good_parts();
  parts.push_back({"../../evil.xml", "<x/>"});
  expect_refused(parts, "../../evil.xml");
  parts = good_parts();
  std::string many = "<ofd:Page " + kNs + "><ofd:Content><ofd:Layer ID=\"1\">";
  // Varied numbers, so that the page is not refused as a zip bomb first.
  for (long long i = 0; i < 100001; ++i)  // i * 104729 overflows int
    many += "<ofd:PathObject ID=\"" + std::to_string(i) + "\" Boundary=\"" + std::to_string(i * 7919 % 100003) +
            " " + std::to_string(i * 104729 % 99991) + " 1 1\"/>";
  many += "</ofd:Layer></ofd:Content></ofd:Page>";
  parts[3].bytes = many;
  expect_refused(parts, "超过 100000 个对象");
}

TEST(OfdRead, ZipBombIsRefused) {
  auto parts = good_parts();
  parts.push_back({"Doc_0/Res/bomb.bin", std::string(200u << 20, '\0')});
  const Result<OfdContent> r = read_ofd(pack(parts), "来文.ofd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::BadInput);
}

}  // namespace
}  // namespace gongwen
