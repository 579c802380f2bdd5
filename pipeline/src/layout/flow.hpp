#pragma once
// The middle stage of the layout: the document as a sequence of grid rows ("flow items")
// before pagination. Positions inside an item are relative to the top of its first row.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geometry.hpp"
#include "linebreak.hpp"
#include "page.hpp"

namespace gongwen::layout {

struct FlowItem {
  int rows = 1;
  std::vector<TextRun> runs;          // baselines relative to the item's first row top
  std::vector<Rule> rules;            // y relative likewise
  std::vector<SealPlacement> seals;   // cy relative likewise; one per organ
  std::vector<VRule> vrules;          // y relative likewise (table rulings)
  std::vector<ImagePlacement> images; // y relative likewise
  // A table row: the item holding the table's header row, repeated at the top of every
  // page the table runs onto (index into the same item list).
  std::optional<std::size_t> repeat_header;
  bool table_header = false;          // a header row never ends a page without a data row
  bool blank = false;                 // an empty line: dropped at the top of a page
  bool page_break_before = false;     // 附件 start on a new page
  bool keep_with_next = false;        // headings do not end a page
  int pull_lines = 0;                 // the signature block carries text lines along
  // First line of a paragraph whose lines never split over two pages (the last 正文
  // paragraph before the 署名 block: the DOCX gives it "keep with next", and LibreOffice
  // never splits such a paragraph, sw widorp.cxx): its line count, 0 for any other item.
  int keep_rows = 0;
  bool para_start = false;            // first line of a paragraph (a DOCX paragraph)
  int body_block = -1;                // index into Document::body of a 正文 text line
  bool with_seal = false;             // 附件说明 (and its blank line): part of the seal block
};

// Text with a font role per code point.
struct Styled {
  std::vector<char32_t> cps;
  std::vector<FontRole> roles;
  Styled& add(std::string_view utf8, FontRole role);
};

enum class Align { Left, Center, Right };

struct LineStyle {
  double size = kSize3;
  double cell = 0;          // 0: the body grid pitch
  Color color = kBlack;
  double left = 0;          // the measure's left edge on the page
  double width = 0;         // the measure
  double first_indent = 0;  // points
  double rest_indent = 0;
  Align align = Align::Left;
  Justify justify = Justify::Spread;
  bool balanced = false;    // titles
  // Titles and headings: no break inside a word or a name among the first `whole_words`
  // code points (words.hpp); 0: anywhere, as body text breaks on the grid.
  std::size_t whole_words = 0;
  // With whole_words: receives the code points (indexes into the text) that start a line
  // with a word that went whole to the next line.
  std::vector<std::size_t>* kept = nullptr;
};

LineStyle body_style();  // 3号 on the 28-character grid, full 版心 width

// The font metrics of the layout running on this thread, for add_lines (Latin runs take their
// natural width, see BreakParams::latin). Set for the duration of layout_main; threading them
// through every element writer would touch every call site for one number per character.
// `names` (organ and place names a title never splits) likewise.
class MetricsScope {
 public:
  MetricsScope(const AdvanceFn* advance, const std::vector<std::string>* names);
  ~MetricsScope();
  MetricsScope(const MetricsScope&) = delete;
  MetricsScope& operator=(const MetricsScope&) = delete;

 private:
  const AdvanceFn* m_previous;
  const std::vector<std::string>* m_previous_names;
};

// The letter spacing the DOCX gives every character (docx/grid.hpp kLetterSpacing, −5
// twips): a reader's Han advance is the type size plus this.
inline constexpr double kReaderTracking = -0.25;

// Natural advance in points of each code point of `s` at `size` (half-width ones only; 0 for
// the others), or an empty vector when no metrics are set.
std::vector<double> latin_advances(const Styled& s, double size);

// Runs of one line: consecutive code points of one role become one run.
std::vector<TextRun> make_runs(const Styled& s, std::size_t begin, std::size_t end,
                               const std::vector<double>& x, double size, Color color,
                               double baseline);

// Breaks `s` into lines and appends one item per line.
void add_lines(std::vector<FlowItem>& out, const Styled& s, const LineStyle& style);
void add_blank(std::vector<FlowItem>& out, int count = 1);

// One unbroken line starting at page x `left` (em-box left of the first character).
std::vector<TextRun> single_line(const Styled& s, double left, double cell, double size,
                                 Color color, double baseline);
double styled_width(const Styled& s, double cell);

// Marks runs as showing one element of the 公文 (page.hpp): `runs` returned as given, or
// every run of the items from `first` on.
std::vector<TextRun> tagged(std::vector<TextRun> runs, Element e);
void tag_items(std::vector<FlowItem>& items, std::size_t first, Element e);

}  // namespace gongwen::layout
