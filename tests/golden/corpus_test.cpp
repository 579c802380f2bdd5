// The corpus test (issue 14): at least 300 documents generated from the work reports in
// samples/corpus/ as an office writes them (corpus_docs.hpp), rendered and measured with
// Poppler and pdftotext. Each check names the document, the page and the line.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "cases.hpp"
#include "corpus_docs.hpp"
#include "gongwen/pipeline/render.hpp"
#include "gongwen/pipeline/utf8.hpp"
#include "measure.hpp"

namespace gongwen::golden {
namespace {

constexpr int kDocuments = kCorpusDocuments;
constexpr std::uint32_t kSeed = kCorpusSeed;

struct Measured {
  CorpusDoc c;
  std::string pdf;
  PdfFacts facts;
};

const std::vector<Measured>& measured() {
  static const std::vector<Measured> all = [] {
    std::vector<Measured> out;
    RenderOptions o = golden_options();
    o.names = corpus_names();
    // GONGWEN_CORPUS_COUNT: fewer documents while working on the layout (ctest uses 300).
    const char* n = std::getenv("GONGWEN_CORPUS_COUNT");
    const char* dump = std::getenv("GONGWEN_CORPUS_DUMP");  // a document's lines, per page
    for (CorpusDoc& c : corpus_documents(n ? std::atoi(n) : kDocuments, kSeed)) {
      auto r = render_pdf(c.doc, o);
      if (!r) throw std::runtime_error(c.name + ": " + r.error().message);
      Measured m{std::move(c), r.value().bytes, {}};
      m.facts = measure_pdf(m.pdf);
      if (dump && m.c.name == dump)
        for (std::size_t p = 0; p < m.facts.pages.size(); ++p)
          for (const Line& l : m.facts.pages[p].lines)
            std::cout << "p" << p + 1 << " " << (l.centre - kTop) / kPitch << " " << l.left() / kMm
                      << " " << l.text << "\n";
      out.push_back(std::move(m));
    }
    return out;
  }();
  return all;
}

bool han(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
bool ascii_alnum(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }
bool page_number(const Line& l) { return l.centre > kBottom + 2; }
bool body_size(const Line& l) { return std::abs(l.size - 16) < 0.5; }
// Full-width marks whose empty half 标点挤压 may take away or give (text.cpp squeeze_kind).
bool squeezable(char32_t c) { return std::u32string(U"，。、）》」』”’〕】（《「『“‘〔【").find(c) != std::u32string::npos; }

// Index of the first 正文 line of page 1: the line after the title (the first 22 pt line).
std::size_t first_body_line(const PageFacts& pg) {
  for (std::size_t i = 0; i < pg.lines.size(); ++i)
    if (std::abs(pg.lines[i].size - 22) < 0.5) {
      while (i < pg.lines.size() && !body_size(pg.lines[i])) ++i;
      return i;
    }
  return 0;
}

// The kind of the 正文 block a line starts (by its first characters), Paragraph if none.
// A standalone heading (the whole paragraph is the heading) counts; a run-in one is text.
BlockKind block_kind(const Document& d, const std::string& line) {
  const std::string head = line.substr(0, std::min<std::size_t>(line.size(), 24));
  BlockKind kind = BlockKind::Paragraph;
  for (const Block& b : d.body)
    if (b.text.find(head) != std::string::npos)
      kind = b.heading_bytes >= b.text.size() ? b.kind : BlockKind::Paragraph;
  return kind;
}
bool heading_kind(BlockKind k) { return k != BlockKind::Paragraph && k != BlockKind::Table && k != BlockKind::Image; }

// A row of a joint issue's 署名: two or more organ names, each centred on its own seal, so
// the gap between them is the seals' spacing, not whole cells (GB/T 9704 §7.3.5.1).
bool joint_names_line(const Document& d, const Line& l) {
  if (d.joint_signers.size() < 2) return false;
  std::string rest = l.text;
  int names = 0;
  for (const auto& s : d.joint_signers)
    for (std::size_t at; (at = rest.find(s.name)) != std::string::npos; ++names) rest.erase(at, s.name.size());
  return names >= 2 && rest.find_first_not_of(" \t") == std::string::npos;
}

std::string where(const Measured& m, std::size_t p, const Line& l) {
  return m.c.name + " p" + std::to_string(p + 1) + ": " + l.text;
}

// 1. Every pair of Han characters side by side stands a whole number of cells apart (the
//    character pitch, or a gap of whole cells such as the 　 in a 署名), at most a 避头尾
//    push (one cell spread over a line's 26 gaps) wider; a full-width mark takes half a cell
//    to one and a half (标点挤压); Latin takes what it needs.
constexpr double kPushOut = kCell / 26 + 0.1;
//    (A space typed beside a full-width mark or between two Chinese characters is not set:
//    "“ 四人帮", "以 “三", "负责 。" in corpus-147, -299 and -265; layout/text.hpp.)
TEST(Corpus, CharacterPitchIsTheGridPitch) {
  int lines = 0;
  for (const Measured& m : measured())
    for (std::size_t p = 0; p < m.facts.pages.size(); ++p) {
      const PageFacts& pg = m.facts.pages[p];
      for (std::size_t li = p == 0 ? first_body_line(pg) : 0; li < pg.lines.size(); ++li) {
        const Line& l = pg.lines[li];
        if (!body_size(l) || page_number(l) || l.glyphs.size() < 2 || joint_names_line(m.c.doc, l)) continue;
        ++lines;
        for (std::size_t i = 1; i < l.glyphs.size(); ++i) {
          const Glyph& a = l.glyphs[i - 1];
          const Glyph& b = l.glyphs[i];
          const double gap = b.x0 - a.x0;
          if (han(a.ch) && han(b.ch)) {
            const double cells = std::round(gap / kCell);
            ASSERT_TRUE(cells >= 1 && gap - cells * kCell > -0.3 && gap - cells * kCell < kPushOut)
                << where(m, p, l) << " — " << utf8(a.ch) << utf8(b.ch) << " " << gap / kMm << " mm";
          } else if ((squeezable(a.ch) && han(b.ch)) || (han(a.ch) && squeezable(b.ch))) {
            ASSERT_TRUE(gap > kCell / 2 - 0.3 && gap < 1.5 * kCell + 0.3)
                << where(m, p, l) << " — " << utf8(a.ch) << utf8(b.ch) << " " << gap / kMm << " mm";
          }
        }
      }
    }
  EXPECT_GT(lines, 5000);
}

// 2. A line that does not end its paragraph runs from the left to the right edge of the
//    版心, unless a Latin word or number moved to the next line whole, or a heading's word did.
TEST(Corpus, FullLinesRunEdgeToEdge) {
  int full = 0;
  for (const Measured& m : measured())
    for (std::size_t p = 0; p < m.facts.pages.size(); ++p) {
      const PageFacts& pg = m.facts.pages[p];
      for (std::size_t li = p == 0 ? first_body_line(pg) : 0; li + 1 < pg.lines.size(); ++li) {
        const Line& l = pg.lines[li];
        const Line& next = pg.lines[li + 1];
        if (!body_size(l) || !body_size(next) || page_number(next)) continue;
        const bool starts = std::abs(l.left() - kLeft) < 1.5 || std::abs(l.left() - kLeft - 2 * kCell) < 1.5;
        const bool continued = std::abs(next.left() - kLeft) < 1.5 && next.centre - l.centre < 1.5 * kPitch;
        if (!starts || !continued) continue;
        ++full;
        const double tol = l.glyphs.back().ch < 0x80 ? kCell / 2 + 1 : 1.5;
        if (l.right() > kRight - tol) {
          EXPECT_LT(l.right(), kRight + 1.5) << where(m, p, l);
          continue;
        }
        bool latin_next = false;
        for (std::size_t i = 0; i < std::min<std::size_t>(3, next.glyphs.size()); ++i)
          latin_next |= ascii_alnum(next.glyphs[i].ch);
        // More than a cell pushed down by 避头尾 ("帕|米尔——"): the rest stays at the end.
        for (std::size_t i = 1; i < std::min<std::size_t>(4, next.glyphs.size()); ++i)
          latin_next |= is_closing(next.glyphs[i].ch) || next.glyphs[i].ch == U'—';
        const bool is_heading = heading_kind(block_kind(m.c.doc, l.text));
        EXPECT_TRUE(latin_next || is_heading)
            << where(m, p, l) << " — ends " << (kRight - l.right()) / kMm << " mm short; next "
            << next.text;
      }
    }
  EXPECT_GT(full, 3000);
}

// The lowest grid row a page's text reaches (tables' 14 pt lines included).
int last_row(const PageFacts& pg) {
  int row = -1;
  for (const Line& l : pg.lines)
    if (!page_number(l) && l.size > 13)
      row = std::max(row, static_cast<int>(std::floor((l.centre - kTop) / kPitch)));
  return row;
}

bool has_date_line(const PageFacts& pg) {
  static const std::regex date("^\\d{4}年[1-9]\\d?月[1-9]\\d?日$");
  for (const Line& l : pg.lines)
    if (std::regex_match(l.text, date) && l.left() > kLeft + 10 * kCell) return true;
  return false;
}

// 3. No page before the last ends with more than one empty row, unless what follows starts a
//    page of its own (an attachment, the 版记), is the seal block with the 正文 lines carried
//    to it, or a table row that needs more rows than are left (with the heading above it).
TEST(Corpus, NoPageEndsEarly) {
  int pages = 0;
  for (const Measured& m : measured()) {
    const auto& pg = m.facts.pages;
    for (std::size_t p = 0; p + 1 < pg.size(); ++p) {
      if (pg[p].lines.empty()) continue;
      ++pages;
      const int empty = 21 - last_row(pg[p]);
      if (empty <= 1) continue;
      const PageFacts& next = pg[p + 1];
      const bool attachment = !next.lines.empty() && next.lines.front().text.rfind("附件", 0) == 0;
      bool colophon_only = true;
      for (const Line& l : next.lines) colophon_only &= std::abs(l.size - 14) < 0.5 || page_number(l);
      // A table row (or a one-line heading kept with the table's first rows, corpus-100).
      bool table = false;
      for (std::size_t k = 0; k < std::min<std::size_t>(2, next.lines.size()); ++k)
        table |= std::abs(next.lines[k].size - 14) < 0.5;
      // The 署名 block (sealed or not) with the 正文 lines carried over to it.
      bool seal = has_date_line(next);
      for (const Line& l : next.lines) seal |= l.text.find(m.c.doc.issuers.back()) != std::string::npos;
      EXPECT_TRUE(attachment || colophon_only || table || seal)
          << m.c.name << " p" << p + 1 << ": " << empty << " empty rows at the foot; next page starts "
          << (next.lines.empty() ? "" : next.lines.front().text);
    }
  }
  EXPECT_GT(pages, 500);
}

// 4. The page with the seal (the date under it) carries 正文 above the 署名 block.
TEST(Corpus, SealPageCarriesText) {
  int sealed = 0;
  for (const Measured& m : measured()) {
    if (m.c.doc.seal != SealMode::Sealed) continue;
    for (std::size_t p = 0; p < m.facts.pages.size(); ++p) {
      const PageFacts& pg = m.facts.pages[p];
      if (!has_date_line(pg)) continue;
      ++sealed;
      int text = 0;
      bool notes = false;
      for (std::size_t li = p == 0 ? first_body_line(pg) : 0; li < pg.lines.size(); ++li) {
        const Line& l = pg.lines[li];
        if (!body_size(l) || page_number(l)) continue;
        if (l.text.rfind("附件：", 0) == 0) notes = true;
        if (!notes && l.left() < kLeft + 3 * kCell) ++text;
      }
      EXPECT_GT(text, 0) << m.c.name << ": seal on page " << p + 1 << " without 正文";
      break;
    }
  }
  EXPECT_GT(sealed, 150);
}

// ICU's word boundaries plus the generator's organ and place names, as a checker sees them.
bool breaks_a_word(const std::string& before, const std::string& after) {
  const std::string joined = before + after;
  const std::u32string a = utf8::decode(before), b = utf8::decode(after);
  if (a.empty() || b.empty() || !han(a.back()) || !han(b.front())) return false;
  for (const std::string& n : corpus_names()) {
    for (std::size_t at = joined.find(n); at != std::string::npos; at = joined.find(n, at + 1))
      if (at < before.size() && at + n.size() > before.size()) return true;
  }
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), st));
  if (U_FAILURE(st)) throw std::runtime_error("ICU word iterator");
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(joined);
  bi->setText(u);
  const icu::UnicodeString head = icu::UnicodeString::fromUTF8(before);
  return !bi->isBoundary(head.length());
}

// 5. Titles (the document's and the attachments') and headings break between words.
TEST(Corpus, TitlesAndHeadingsBreakBetweenWords) {
  int breaks = 0;
  for (const Measured& m : measured())
    for (std::size_t p = 0; p < m.facts.pages.size(); ++p) {
      const auto& ls = m.facts.pages[p].lines;
      for (std::size_t li = 0; li + 1 < ls.size(); ++li) {
        const Line& l = ls[li];
        const Line& next = ls[li + 1];
        const bool title = std::abs(l.size - 22) < 0.5 && std::abs(next.size - 22) < 0.5;
        const bool head = body_size(l) && body_size(next) &&
                          heading_kind(block_kind(m.c.doc, l.text)) &&
                          std::abs(l.left() - kLeft - 2 * kCell) < 1.5 &&
                          std::abs(next.left() - kLeft) < 1.5 && l.text.find("。") == std::string::npos;
        if (!title && !head) continue;
        ++breaks;
        EXPECT_FALSE(breaks_a_word(l.text, next.text)) << m.c.name << " p" << p + 1 << ": "
                                                       << l.text << " | " << next.text;
      }
    }
  EXPECT_GT(breaks, 30);
}

// 6. Numbers are not letter-spaced: pdftotext gives "12月20日" and "0878-6212106" back whole.
TEST(Corpus, PdftotextReadsNumbersWhole) {
  // Inside a number, or inside a phone number at its hyphen. (A space between a number and
  // the Han text beside it is the Asian–Latin space readers put there: docs/layout.md.)
  static const std::regex spaced("\\d [0-9]|\\d-\\s+\\d");
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "gongwen-corpus";
  std::filesystem::create_directories(dir);
  int checked = 0;
  for (const Measured& m : measured()) {
    if (++checked % 10 != 1) continue;  // every tenth document: pdftotext is a process each
    const auto pdf = dir / (m.c.name + ".pdf");
    std::ofstream(pdf, std::ios::binary) << m.pdf;
    const auto txt = dir / (m.c.name + ".txt");
    const std::string cmd = "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) must be installed";
    std::ifstream in(txt);
    for (std::string line; std::getline(in, line);)
      EXPECT_FALSE(std::regex_search(line, spaced)) << m.c.name << ": " << line;
  }
}

}  // namespace
}  // namespace gongwen::golden
