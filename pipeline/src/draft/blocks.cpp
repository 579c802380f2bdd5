// read_body: 正文 text with tables (pipe rows) and pictures (![…](file)) as blocks of their
// own, the rest split into paragraphs by parse_body. Problems name the draft file, the line
// and the field, and each bad line is left out while the others are still read
// (docs/drafts.md, "Tables and pictures").
#include <fstream>
#include <regex>
#include <sstream>

#include "draft/draft_file.hpp"
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
  BodyReader(const BodySource& src, Diagnostics& diags) : m_src(src), m_diags(diags) {}

  // A problem of body line `body_line`: the message says the field and the line within it
  // (the web shows it so), the position is the line in the draft file when known.
  Diagnostic& problem(int body_line, std::string code, MessageArgs args = {}) const {
    const std::string label_code = "field." + m_src.field;
    Diagnostic d;
    d.code = code;
    d.kind = Code::BadInput;
    d.message = msg("body.line", {{"field", has_message(label_code) ? msg(label_code) : m_src.field},
                                  {"line", std::to_string(body_line)},
                                  {"problem", msg(code, args)}});
    if (!m_src.file.empty() && m_src.first_line > 0) {
      const std::size_t i = static_cast<std::size_t>(body_line - 1);
      d.at = SourcePos{m_src.file, m_src.first_line + body_line - 1, i < m_columns.size() ? m_columns[i] : 0};
    } else if (!m_src.file.empty()) {
      d.at = SourcePos{m_src.file, 0, 0};
    }
    d.field = m_src.field;
    return m_diags.add(std::move(d));
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

  // A table of the given lines; a bad row is reported and left out, the rest still read.
  std::optional<Block> table(const std::vector<std::pair<int, std::string>>& lines) const {
    Block b;
    b.kind = BlockKind::Table;
    Table& t = b.table;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& [ln, text] = lines[i];
      std::vector<std::string> row = cells(text);
      if (row.empty()) {
        problem(ln, "body.table.no_cells").hint("body.table.no_cells.hint");
        continue;
      }
      if (is_separator(row)) {
        if (i != 1) {
          problem(ln, "body.table.separator_place").hint("body.table.separator_place.hint");
          continue;
        }
        if (row.size() != t.columns()) {
          problem(ln, "body.table.separator_columns",
                  {{"n", std::to_string(row.size())}, {"header", std::to_string(t.columns())}})
              .hint("body.table.separator_columns.hint");
          continue;
        }
        t.header_rows = 1;
        // The dashes give relative column widths (|----|--| : 2 to 1).
        for (const std::string& c : row) {
          std::size_t dashes = 0;
          for (char ch : c) dashes += ch == '-';
          t.column_weights.push_back(static_cast<double>(dashes));
        }
        continue;
      }
      if (!t.rows.empty() && row.size() != t.columns()) {
        problem(ln, "body.table.row_cells",
                {{"row", std::to_string(t.rows.size() + 1)}, {"n", std::to_string(row.size())},
                 {"first", std::to_string(t.columns())}})
            .hint("body.table.row_cells.hint");
        continue;
      }
      if (row.size() > kMaxTableColumns) {
        problem(ln, "body.table.too_wide", {{"max", std::to_string(kMaxTableColumns)}, {"n", std::to_string(row.size())}})
            .hint("body.table.too_wide.hint");
        continue;
      }
      t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) return std::nullopt;
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

  std::optional<Block> image(int ln, const std::smatch& m) const {
    Block b;
    b.kind = BlockKind::Image;
    Image& img = b.image;
    img.alt = m[1].str();
    b.text = img.alt;
    img.file = trim_line(m[2].str());
    const fs::path rel(img.file);
    bool bad = img.file.empty() || rel.is_absolute() || img.file.find('\\') != std::string::npos;
    for (const auto& part : rel) bad = bad || part == "..";
    if (bad) {
      problem(ln, "body.picture.outside", {{"file", img.file}}).hint("body.picture.outside.hint");
      return std::nullopt;
    }
    if (m[3].matched) {
      img.width_mm = std::stod(m[3].str());
      if (img.width_mm < 10 || img.width_mm > 156) {
        // Reported, and the picture still read: its file may have a problem of its own.
        problem(ln, "body.picture.width", {{"width", m[3].str()}}).hint("body.picture.width.hint");
        img.width_mm = 0;
      }
    }
    draftfile::Read got = draftfile::read(m_src.base_dir, img.file, kMaxImageBytes);
    switch (got.problem) {
      case draftfile::Problem::None: break;
      case draftfile::Problem::Missing:
        problem(ln, "body.picture.unreadable", {{"file", img.file}}).hint("hint.relative_path");
        return std::nullopt;
      case draftfile::Problem::TooBig:
        problem(ln, "body.picture.too_big",
                {{"file", img.file}, {"mb", std::to_string(got.size >> 20)}, {"max", std::to_string(kMaxImageBytes >> 20)}})
            .hint("body.picture.too_big.hint");
        return std::nullopt;
      default:
        problem(ln, draftfile::message_code(got.problem), {{"file", img.file}}).hint("draft.file.hint");
        return std::nullopt;
    }
    img.bytes = std::move(got.bytes);
    const std::optional<ImageInfo> info = sniff_image(img.bytes);
    if (!info) {
      problem(ln, "body.picture.format", {{"file", img.file}}).hint("body.picture.format.hint");
      return std::nullopt;
    }
    // A small file can hold a huge picture (a 1.5 MB PNG of 23,000 × 23,000 took 2.2 GB to
    // decode): the pixel count is checked from the header, before anything decodes it.
    if (static_cast<std::uint64_t>(info->width) * info->height > kMaxImagePixels) {
      problem(ln, "body.picture.pixels",
              {{"file", img.file}, {"width", std::to_string(info->width)}, {"height", std::to_string(info->height)},
               {"max", std::to_string(kMaxImagePixels / 1000000)}})
          .hint("body.picture.too_big.hint");
      return std::nullopt;
    }
    img.format = info->format;
    img.pixel_width = info->width;
    img.pixel_height = info->height;
    return b;
  }

  std::vector<Block> read(std::string_view text) {
    // Where each line's text starts, for the column of its problems: the spaces the
    // drafter indented it with come before.
    for (std::size_t pos = 0; pos <= text.size();) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      const std::string_view raw = text.substr(pos, nl - pos);
      const std::string kept = trim_line(raw);
      const std::size_t lead = kept.empty() ? 0 : raw.find(kept);
      m_columns.push_back(1 + static_cast<int>(count_chars(raw.substr(0, lead))));
      pos = nl + 1;
    }
    std::vector<Block> out;
    std::vector<std::pair<int, std::string>> table_lines;
    std::size_t images = 0;
    auto flush_table = [&] {
      if (table_lines.empty()) return;
      if (std::optional<Block> t = table(table_lines)) out.push_back(std::move(*t));
      table_lines.clear();
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
      flush_table();
      if (line.empty()) continue;
      std::smatch m;
      if (line.rfind("![", 0) == 0) {
        if (!std::regex_match(line, m, picture_line())) {
          problem(ln, "body.picture.syntax");
          continue;
        }
        if (++images > kMaxDraftImages) {
          if (images == kMaxDraftImages + 1)  // once, not for every picture after the limit
            problem(ln, "body.picture.too_many", {{"max", std::to_string(kMaxDraftImages)}})
                .hint("body.picture.too_many.hint");
          continue;
        }
        if (std::optional<Block> img = image(ln, m)) out.push_back(std::move(*img));
        continue;
      }
      for (Block& b : parse_body(line, Enumerations::Leave)) out.push_back(std::move(b));
    }
    flush_table();
    mark_enumerations(out);
    return out;
  }

 private:
  const BodySource& m_src;
  Diagnostics& m_diags;
  std::vector<int> m_columns;  // 1-based column of each body line's text
};

}  // namespace

std::vector<Block> read_body(std::string_view text, const BodySource& source, Diagnostics& diags) {
  return BodyReader(source, diags).read(text);
}

Result<std::vector<Block>> read_body(std::string_view text, const BodySource& source) {
  Diagnostics diags;
  std::vector<Block> blocks = read_body(text, source, diags);
  if (diags.has_errors()) return diags.to_error();
  return blocks;
}

std::optional<std::string> picture_line_file(const std::string& line) {
  std::smatch m;
  if (line.rfind("![", 0) != 0 || !std::regex_match(line, m, picture_line())) return std::nullopt;
  return trim_line(m[2].str());
}

}  // namespace gongwen
