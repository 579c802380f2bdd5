#pragma once
// The archival copy of one 件: the issued (signed) PDF, unchanged, followed by ONE
// incremental update that adds the 归档章 on page 1 and the PDF/A-2b markers (XMP with
// pdfaid, an sRGB OutputIntent, a trailer /ID). Because the original bytes stay a prefix of
// the copy, the signature made at issue still verifies for its revision (docs/archive.md).
#include <string>

namespace gongwen::archive {

struct StampFields {
  std::string fonds;      // 全宗号
  std::string year;       // 年度
  std::string item_no;    // 件号, four digits
  std::string unit;       // 机构(问题), may be empty
  std::string retention;  // short form: 永久 / 30年 / 10年
  std::string pages;      // 页数; empty or "0": counted here
};

struct PdfaInfo {
  std::string title, author, created_iso;  // mirrored in the XMP
  std::string icc_profile;                 // the sRGB ICC profile bytes
};

struct ArchivalCopy {
  std::string bytes;
  double x_mm = 0, y_mm = 0;    // top-left corner of the stamp, from the page's top-left
  bool in_blank = true;         // false: no blank band high enough; placed at the top right
  int pages = 0;                // as Poppler counts them
};

// Throws gongwen::Failure (BadInput) naming `name` if the original cannot be read.
ArchivalCopy make_archival_copy(const std::string& original, const StampFields& stamp,
                                const PdfaInfo& pdfa, const std::string& name);

// The same PDF/A-2b update without a 归档章: for the 发文稿纸 filed beside its 件 (one stamp
// per 件, on the document itself).
ArchivalCopy make_pdfa_copy(const std::string& original, const PdfaInfo& pdfa, const std::string& name);

// The short form of a 保管期限 for the stamp (永久, 30年, 10年).
std::string retention_short(const std::string& retention);

// Where the sRGB profile is read from (colord-data), and its bytes; throws if missing.
std::string load_srgb_profile();

}  // namespace gongwen::archive
