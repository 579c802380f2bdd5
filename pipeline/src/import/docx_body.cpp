// import_docx: word/document.xml (and the images its relationships name) into an
// ImportedBody. libxml2 parses with XML_PARSE_NONET and without entity substitution; any
// DOCTYPE is refused before parsing, so neither external entities nor entity expansion
// bombs can reach the parser.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <regex>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/import.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "draft/image_info.hpp"
#include "import/docx_xml.hpp"
#include "import/zip_reader.hpp"

namespace gongwen {
namespace {

using import::ZipReader;
using import::DocPtr;
using import::parse;

constexpr std::size_t kMaxRowCells = 64;  // cells kept per table row (the draft allows 14)

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kA = "http://schemas.openxmlformats.org/drawingml/2006/main";

bool is(const xmlNode* n, const char* ns, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string attr(const xmlNode* n, const char* ns, const char* name) {
  xmlChar* v = xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name),
                            reinterpret_cast<const xmlChar*>(ns));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

struct Walker {
  ZipReader& zip;
  const std::string& source;
  const ImportLimits& limits;
  std::map<std::string, std::string> rels;  // rId → target under word/
  ImportedBody out;
  std::vector<std::string> paragraphs;      // normalised text, in order
  std::vector<std::string> alignments;      // w:jc of each paragraph
  std::size_t chars = 0;
  std::size_t cells = 0;                    // table cells so far, all tables

  void text_of(const xmlNode* n, std::string& s) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, kW, "t")) {
        xmlChar* v = xmlNodeGetContent(c);
        if (v) {
          s += reinterpret_cast<const char*>(v);
          xmlFree(v);
        }
      } else if (is(c, kW, "tab")) {
        s += ' ';
      } else if (is(c, kW, "br") || is(c, kW, "cr")) {
        s += '\n';
      } else if (is(c, kW, "delText") || is(c, kW, "instrText") || is(c, kW, "del") ||
                 is(c, kW, "footnoteReference")) {
        continue;  // deleted text and field codes are not the document's text
      } else if (is(c, kW, "drawing") || is(c, kW, "pict")) {
        image_in(c);
      } else {
        text_of(c, s);  // runs, hyperlinks, smart tags, ins, sdt content …
      }
    }
  }

  void image_in(const xmlNode* n) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, kA, "blip")) {
        const std::string id = attr(c, kR, "embed");
        auto it = rels.find(id);
        if (it == rels.end()) continue;
        if (out.images.size() >= limits.max_images) {
          out.warnings.push_back(msg("import.picture.too_many", {{"max", std::to_string(limits.max_images)}}));
          continue;
        }
        const std::string part = "word/" + it->second;
        std::string type = part.ends_with(".png")                                 ? "png"
                           : part.ends_with(".jpg") || part.ends_with(".jpeg") ? "jpeg"
                                                                                  : "";
        if (type.empty()) {
          out.warnings.push_back(msg("import.picture.kind", {{"file", it->second}}));
          continue;
        }
        std::optional<std::string> bytes = zip.read(part);
        if (!bytes) continue;
        // The bytes decide, not the name: a renamed file or a damaged header is left out.
        if (bytes->size() > kMaxImageBytes || !sniff_image(*bytes)) {
          out.warnings.push_back(msg("import.picture.unreadable", {{"file", it->second}}));
          continue;
        }
        const std::string name = part.substr(part.find_last_of('/') + 1);
        out.image_at.push_back({paragraphs.size(), out.images.size()});
        out.images.push_back({name, type, std::move(*bytes)});
      } else {
        image_in(c);
      }
    }
  }

  void add_paragraph(const xmlNode* p) {
    std::string s;
    text_of(p, s);
    std::string jc;
    for (const xmlNode* c = p->children; c != nullptr; c = c->next)
      if (is(c, kW, "pPr"))
        for (const xmlNode* d = c->children; d != nullptr; d = d->next)
          if (is(d, kW, "jc")) jc = attr(d, kW, "val");
    // A manual line break inside a paragraph starts a new one: typists use it as Enter.
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t nl = s.find('\n', start);
      if (nl == std::string::npos) nl = s.size();
      std::string piece = normalize_paragraph(std::string_view(s).substr(start, nl - start));
      if (!piece.empty()) {
        chars += count_chars(piece);
        if (chars > limits.max_chars)
          fail(Code::BadInput, msg("import.docx.chars", {{"file", source}, {"max", std::to_string(limits.max_chars)}}),
               {msg("import.docx.split.hint")});
        paragraphs.push_back(std::move(piece));
        alignments.push_back(jc);
      }
      start = nl + 1;
    }
  }

  // The first child element of `n` named `name`, or nullptr.
  static const xmlNode* child(const xmlNode* n, const char* name) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next)
      if (is(c, kW, name)) return c;
    return nullptr;
  }

  // Empty cells cost no text, so they have a budget of their own (all tables together).
  void check_cells(std::size_t n) const {
    if (n > limits.max_chars)
      fail(Code::BadInput, msg("import.docx.cells", {{"file", source}, {"max", std::to_string(limits.max_chars)}}),
           {msg("import.docx.split.hint")});
  }

  void add_table(const xmlNode* tbl) {
    ImportedTable t;
    if (const xmlNode* grid = child(tbl, "tblGrid"))
      for (const xmlNode* c = grid->children; c != nullptr; c = c->next)
        if (is(c, kW, "gridCol") && t.widths.size() < kMaxRowCells) t.widths.push_back(std::max(0.0, std::atof(attr(c, kW, "w").c_str())));
    std::size_t columns = 0;
    for (const xmlNode* tr = tbl->children; tr != nullptr; tr = tr->next) {
      if (!is(tr, kW, "tr")) continue;
      if (t.rows.empty())
        if (const xmlNode* pr = child(tr, "trPr")) t.header = child(pr, "tblHeader") != nullptr;
      std::vector<std::string> row;
      for (const xmlNode* tc = tr->children; tc != nullptr; tc = tc->next) {
        if (!is(tc, kW, "tc")) continue;
        // A cell merged across n grid columns keeps its text in the first and leaves the
        // others empty: the draft's table has no merged cells.
        int span = 1;
        if (const xmlNode* pr = child(tc, "tcPr"))
          if (const xmlNode* gs = child(pr, "gridSpan"))
            span = std::clamp(std::atoi(attr(gs, kW, "val").c_str()), 1, 64);
        std::string cell;
        for (const xmlNode* p = tc->children; p != nullptr; p = p->next) {
          std::string s;
          if (is(p, kW, "p")) text_of(p, s);
          else if (is(p, kW, "tbl")) s = "（表格）";  // nested tables: rare, kept as a marker
          s = normalize_paragraph(s);
          if (!s.empty()) cell += (cell.empty() ? "" : "　") + s;
        }
        chars += count_chars(cell);
        // Past 64 columns a cell's text joins the last one: a hostile row cannot make
        // millions of empty cells.
        if (row.size() >= kMaxRowCells) {
          if (!cell.empty()) row.back() += (row.back().empty() ? "" : "　") + cell;
          continue;
        }
        row.push_back(std::move(cell));
        for (int k = 1; k < span && row.size() < kMaxRowCells; ++k) row.emplace_back();
      }
      columns = std::max(columns, row.size());
      t.rows.push_back(std::move(row));
      check_cells(cells + t.rows.size() * std::max<std::size_t>(columns, 1));
    }
    cells += t.rows.size() * columns;
    check_cells(cells);
    for (auto& row : t.rows) row.resize(columns);
    if (t.widths.size() != columns) t.widths.clear();
    if (columns == 0 || t.rows.empty()) return;
    if (columns > kMaxTableColumns) {
      // Too wide for the 版心: keep the text, one row a line, as before.
      out.warnings.push_back(msg("import.table.too_wide", {{"columns", std::to_string(columns)},
                                                           {"max", std::to_string(kMaxTableColumns)}}));
      t.widths.clear();
      for (auto& row : t.rows) {
        std::string line;
        for (const std::string& c : row) line += (line.empty() || c.empty() ? "" : "　") + c;
        row = {line};
      }
    }
    if (chars > limits.max_chars)
      fail(Code::BadInput, msg("import.docx.chars", {{"file", source}, {"max", std::to_string(limits.max_chars)}}),
           {msg("import.docx.split.hint")});
    out.table_at.push_back({paragraphs.size(), out.tables.size()});
    out.tables.push_back(std::move(t));
  }

  void walk(const xmlNode* n) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (is(c, kW, "p")) add_paragraph(c);
      else if (is(c, kW, "tbl")) add_table(c);
      else if (is(c, kW, "sdt") || is(c, kW, "sdtContent") || is(c, kW, "customXml")) walk(c);
    }
  }
};

const std::regex& date_re() {
  static const std::regex r("^(\\d{4})年(\\d{1,2})月(\\d{1,2})日$");
  return r;
}

// Title: a short first paragraph, centred or without sentence punctuation; 主送: a short
// line ending in "：" right after it; date: the last paragraph if it is one (the 署名
// above it is dropped with it: the organ's profile gives the 署名).
void split_head_and_tail(Walker& w) {
  auto& ps = w.paragraphs;
  std::size_t first = 0;
  if (!ps.empty()) {
    const std::string& t = ps[0];
    const bool centred = w.alignments[0] == "center";
    const bool sentence = t.find("。") != std::string::npos;
    if (count_chars(t) <= 60 && (centred || !sentence) && !t.ends_with("：")) {
      w.out.title = t;
      first = 1;
    }
  }
  if (first < ps.size() && ps[first].ends_with("：") && count_chars(ps[first]) <= 80) {
    w.out.main_recipients = ps[first].substr(0, ps[first].size() - std::strlen("："));
    ++first;
  }
  std::size_t last = ps.size();
  std::smatch m;
  if (last > first && std::regex_match(ps[last - 1], m, date_re())) {
    w.out.date = Date{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
    --last;
    // The 署名 just above a date: short and without punctuation.
    if (last > first && count_chars(ps[last - 1]) <= 30 &&
        ps[last - 1].find_first_of("，。；") == std::string::npos && w.alignments[last - 1] == "right")
      --last;
  }
  std::string text;
  for (std::size_t i = first; i < last; ++i) text += ps[i] + "\n";
  w.out.body = parse_body(text);
  // Tables and images were placed by paragraph count; shift them to body block indices.
  for (auto* v : {&w.out.table_at, &w.out.image_at})
    for (auto& p : *v) p.after_block = std::min(p.after_block > first ? p.after_block - first : 0,
                                                w.out.body.size());
}

}  // namespace

Result<ImportedBody> import_docx(std::string_view bytes, const std::string& source,
                                 const ImportLimits& limits) {
  try {
    ZipReader zip(bytes, source, limits);
    std::optional<std::string> xml = zip.read("word/document.xml");
    if (!xml)
      fail(Code::BadInput, msg("import.docx.not_word", {{"file", source}}), {msg("import.docx.save_as.hint")});
    Walker w{zip, source, limits, {}, {}, {}, {}, 0};
    if (std::optional<std::string> rels = zip.read("word/_rels/document.xml.rels")) {
      DocPtr r = parse(*rels, "word/_rels/document.xml.rels", source);
      for (const xmlNode* c = xmlDocGetRootElement(r.get())->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        xmlChar* id = xmlGetProp(c, reinterpret_cast<const xmlChar*>("Id"));
        xmlChar* target = xmlGetProp(c, reinterpret_cast<const xmlChar*>("Target"));
        xmlChar* mode = xmlGetProp(c, reinterpret_cast<const xmlChar*>("TargetMode"));
        // External targets (linked pictures, URLs) are never fetched.
        if (id && target && !mode) w.rels[reinterpret_cast<const char*>(id)] =
                                       reinterpret_cast<const char*>(target);
        xmlFree(id);
        xmlFree(target);
        xmlFree(mode);
      }
    }
    DocPtr doc = parse(*xml, "word/document.xml", source);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!is(root, kW, "document"))
      fail(Code::BadInput, msg("import.docx.not_wordml", {{"file", source}}), {msg("import.docx.save_as.hint")});
    for (const xmlNode* c = root->children; c != nullptr; c = c->next)
      if (is(c, kW, "body")) w.walk(c);
    split_head_and_tail(w);
    if (w.out.body.empty() && w.out.tables.empty())
      fail(Code::BadInput, msg("import.docx.no_body", {{"file", source}}), {msg("import.docx.no_body.hint")});
    return std::move(w.out);
  } catch (const Failure& f) {
    return f.error();
  } catch (const std::bad_alloc&) {
    return make_error(Code::BadInput, msg("import.docx.too_large", {{"file", source}}), {msg("import.docx.split.short_hint")});
  } catch (const std::exception& e) {
    return make_error(Code::BadInput, msg("import.docx.unreadable", {{"file", source}, {"why", e.what()}}),
                      {msg("import.docx.resave.hint")});
  }
}

}  // namespace gongwen
