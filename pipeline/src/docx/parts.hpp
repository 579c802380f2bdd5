#pragma once
// One function per package part; each returns the part's XML bytes. render_docx (in
// docx_writer.cpp) decides which parts exist and zips them in a fixed order.
#include <string>
#include <vector>

#include "docx/grid.hpp"
#include "gongwen/pipeline/model.hpp"

namespace gongwen::docx {

// Relationship ids of word/_rels/document.xml.rels, shared by the rels part, the section
// properties (footers) and the seal drawing.
inline constexpr const char* kRelStyles = "rId1";
inline constexpr const char* kRelSettings = "rId2";
inline constexpr const char* kRelFontTable = "rId3";
inline constexpr const char* kRelFooterOdd = "rId4";
inline constexpr const char* kRelFooterEven = "rId5";
inline constexpr const char* kRelSeal = "rId6";
inline constexpr const char* kRelFooterBlank = "rId7";  // the 版记 section: no page number

inline constexpr const char* kSealPart = "word/media/seal.png";

enum class FooterSide { Odd, Even, Blank };

// One seal image in the package; only for a sealed document whose PNG could be drawn. A
// joint issue has one per organ (organ order): the first is word/media/seal.png (kRelSeal),
// the others seal2.png … (rIdSeal2 …).
// The 签发人's 签名章 (Document::signature_stamp) travels the same way, as organ kStampOrgan
// with its own size, in word/media/stamp.png.
inline constexpr int kStampOrgan = -2;

struct SealAnchor {
  double diameter_mm = 42.0;
  std::string description;  // alt text: the organ name on the seal
  std::string rel_id = kRelSeal;
  std::string part = kSealPart;
  int organ = -1;           // Document::joint_signers index; -1: the one organ's seal
  double width_mm = 0, height_mm = 0;  // a 签名章's picture size; 0: a round seal, diameter_mm
};

struct MediaPart;  // media.hpp: the body's pictures
std::string content_types_xml(const std::vector<SealAnchor>& seals,
                              const std::vector<MediaPart>& media = {});
std::string package_rels_xml();
std::string document_rels_xml(const std::vector<SealAnchor>& seals,
                              const std::vector<MediaPart>& media = {});
std::string settings_xml();
std::string font_table_xml(const DocxFonts& fonts);
std::string footer_xml(const DocxFonts& fonts, FooterSide side);
std::string core_xml(const Document& doc, const Instant& created);
std::string app_xml(const Document& doc);

// styles_xml.cpp
std::string styles_xml(const DocxFonts& fonts);

// document_xml.cpp
// `decided`: what the layout of `doc` decided (layout_decisions.hpp); no layout runs here.
std::string document_xml(const Document& doc, const LayoutDecisions& decided,
                         const DocxFonts& fonts, const std::vector<SealAnchor>& seals);

// Joined issuers as dc:creator and the body's 署名 fallback.
std::string join(const std::vector<std::string>& items, std::string_view sep);

}  // namespace gongwen::docx
