// read_body: 正文 text with tables (pipe rows) and pictures (![…](file)) as blocks of their
// own, the rest split into paragraphs by parse_body. Errors name the draft file, the line
// and the field (docs/drafts.md, "Tables and pictures").
#include <fstream>
#include <regex>
#include <sstream>

#include "draft/image_info.hpp"
#include "gongwen/pipeline/draft.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// ![说明](file.png) or ![说明](file.jpg){width=80mm}, alone on its line.
const std::regex& picture_line() {
  static const std::regex re(
      R"(^!\[([^\]]*)\]\(([^)]*)\)(?:\{\s*width\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*mm\s*\})?$)");
  return re;
}

class BodyReader {
 public:
  BodyReader(const BodySource& src) : m_src(src) {}

  Error error(int body_line, std::string message, std::vector<std::string> hints = {}) const {
    Error e = make_error(Code::BadInput, m_src.field + " line " + std::to_string(body_line) +
                                             ": " + std::move(message),
                         std::move(hints));
    if (!m_src.file.empty())
      e.at = SourcePos{m_src.file, m_src.first_line > 0 ? m_src.first_line + body_line - 1 : 0, 0};
    e.field = m_src.field;
    return e;
  }

  // Cells of one "| a | b |" line; "\|" is a literal bar.
  static std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 1; i < line.size(); ++i) {  // line[0] is the leading '|'
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
        cur += '|';
        ++i;
      } else if (line[i] == '|') {
        out.push_back(trim_line(cur));
        cur.clear();
      } else {
        cur += line[i];
      }
    }
    // Text after the last bar is a cell too when the row does not end with '|'.
    if (!trim_line(cur).empty()) out.push_back(trim_line(cur));
    return out;
  }

  static bool is_separator(const std::vector<std::string>& row) {
    static const std::regex sep(R"(^:?-+:?$)");
    if (row.empty()) return false;
    for (const std::string& c : row)
      if (!std::regex_match(c, sep)) return false;
    return true;
  }

  Result<Block> table(const std::vector<std::pair<int, std::string>>& lines) const {
    Block b;
    b.kind = BlockKind::Table;
    Table& t = b.table;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& [ln, text] = lines[i];
      std::vector<std::string> row = cells(text);
      if (row.empty())
        return error(ln, "a table row has no cells", {"write cells between bars: | 甲 | 乙 |"});
      if (is_separator(row)) {
        if (i != 1)
          return error(ln, "the line |---| may only follow the table's first row (the header row)",
                       {"put the header row first, then |---|---|"});
        if (row.size() != t.columns())
          return error(ln, "the separator has " + std::to_string(row.size()) +
                               " columns, the header row " + std::to_string(t.columns()),
                       {"give every column one -- cell"});
        t.header_rows = 1;
        // The dashes give relative column widths (|----|--| : 2 to 1).
        for (const std::string& c : row) {
          std::size_t dashes = 0;
          for (char ch : c) dashes += ch == '-';
          t.column_weights.push_back(static_cast<double>(dashes));
        }
        continue;
      }
      if (!t.rows.empty() && row.size() != t.columns())
        return error(ln, "table row " + std::to_string(t.rows.size() + 1) + " has " +
                             std::to_string(row.size()) + " cells, the first row " +
                             std::to_string(t.columns()),
                     {"every row needs the same number of | cells |; leave a cell empty with | |"});
      if (row.size() > kMaxTableColumns)
        return error(ln, "a table may have at most " + std::to_string(kMaxTableColumns) +
                             " columns (2 字 each across the 版心), this row has " +
                             std::to_string(row.size()),
                     {"split the table or move columns into an attachment"});
      t.rows.push_back(std::move(row));
    }
    for (const auto& row : t.rows) {
      std::string line;
      for (const std::string& c : row) line += (line.empty() ? "" : "　") + c;
      b.text += (b.text.empty() ? "" : "\n") + line;
    }
    bool all_equal = true;
    for (double w : t.column_weights) all_equal = all_equal && w == t.column_weights.front();
    if (all_equal) t.column_weights.clear();
    return b;
  }

  Result<Block> image(int ln, const std::smatch& m) const {
    Block b;
    b.kind = BlockKind::Image;
    Image& img = b.image;
    img.alt = m[1].str();
    b.text = img.alt;
    img.file = trim_line(m[2].str());
    const fs::path rel(img.file);
    bool bad = img.file.empty() || rel.is_absolute() || img.file.find('\\') != std::string::npos;
    for (const auto& part : rel) bad = bad || part == "..";
    if (bad)
      return error(ln, "picture file '" + img.file + "' must be a file beside the draft",
                   {"copy the picture into the draft's folder and write ![说明](photo.png)"});
    if (m[3].matched) {
      img.width_mm = std::stod(m[3].str());
      if (img.width_mm < 10 || img.width_mm > 156)
        return error(ln, "picture width " + m[3].str() + " mm is outside 10–156 mm (the 版心 is 156 mm wide)",
                     {"write {width=80mm} or leave it out to fit the picture"});
    }
    const fs::path p = m_src.base_dir / rel;
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec)
      return error(ln, "picture file '" + img.file + "' cannot be read",
                   {"the path is relative to the draft's folder"});
    if (size > kMaxImageBytes)
      return error(ln, "picture file '" + img.file + "' has " + std::to_string(size >> 20) +
                           " MB, more than " + std::to_string(kMaxImageBytes >> 20) + " MB",
                   {"save it smaller (a 版心-wide picture needs about 1800 pixels)"});
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    img.bytes = s.str();
    const std::optional<ImageInfo> info = sniff_image(img.bytes);
    if (!in || !info)
      return error(ln, "picture file '" + img.file + "' is not a PNG or JPEG picture",
                   {"save it as .png or .jpg"});
    img.format = info->format;
    img.pixel_width = info->width;
    img.pixel_height = info->height;
    return b;
  }

  Result<std::vector<Block>> read(std::string_view text) const {
    std::vector<Block> out;
    std::vector<std::pair<int, std::string>> table_lines;
    std::size_t images = 0;
    auto flush_table = [&]() -> std::optional<Error> {
      if (table_lines.empty()) return std::nullopt;
      Result<Block> t = table(table_lines);
      table_lines.clear();
      if (!t) return t.error();
      out.push_back(std::move(t).value());
      return std::nullopt;
    };
    std::size_t pos = 0;
    int ln = 0;
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      const std::string line = trim_line(text.substr(pos, nl - pos));
      pos = nl + 1;
      ++ln;
      if (!line.empty() && line[0] == '|') {
        table_lines.emplace_back(ln, line);
        continue;
      }
      if (auto e = flush_table()) return *e;
      if (line.empty()) continue;
      std::smatch m;
      if (line.rfind("![", 0) == 0) {
        if (!std::regex_match(line, m, picture_line()))
          return error(ln, "a picture line must read ![说明](file.png) or ![说明](file.png){width=80mm}");
        if (++images > kMaxDraftImages)
          return error(ln, "more than " + std::to_string(kMaxDraftImages) + " pictures",
                       {"put the pictures into an attachment document"});
        Result<Block> img = image(ln, m);
        if (!img) return img.error();
        out.push_back(std::move(img).value());
        continue;
      }
      for (Block& b : parse_body(line)) out.push_back(std::move(b));
    }
    if (auto e = flush_table()) return *e;
    return out;
  }

 private:
  const BodySource& m_src;
};

}  // namespace

Result<std::vector<Block>> read_body(std::string_view text, const BodySource& source) {
  return BodyReader(source).read(text);
}

std::optional<std::string> picture_line_file(const std::string& line) {
  std::smatch m;
  if (line.rfind("![", 0) != 0 || !std::regex_match(line, m, picture_line())) return std::nullopt;
  return trim_line(m[2].str());
}

}  // namespace gongwen
