#include "serve/draft_form.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "gongwen/pipeline/diagnostics.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::app::serve {

namespace {

// One code point of a TOML basic string, escaped; a multi-line string keeps its newlines.
std::string escaped(char32_t c, bool multiline) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return multiline ? "\n" : "\\n";
    case '\r':
      return "";  // browsers send CRLF in textareas
    case '\t':
      return multiline ? "\t" : "\\t";
    default:
      if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
        return buf;
      }
      return utf8::encode(std::u32string(1, c));
  }
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The TOML text being written, counting code points so each value's place is known.
class TomlWriter {
 public:
  explicit TomlWriter(FormLayout* layout) : m_layout(layout) {}
  void raw(std::string_view s) {
    m_text += s;
    m_cps += code_points(s);
  }
  // `key = "value"` (or a multi-line """ string) on a line of its own.
  void string(const std::string& key, const std::string& field, const std::string& value,
              bool multiline = false) {
    FormSpan span;
    span.field = field;
    span.key_at = m_cps;
    raw(key + " = " + (multiline ? "\"\"\"\n" : "\""));
    span.value = utf8::valid(value) ? utf8::decode(value) : std::u32string{};
    for (char32_t c : span.value) {
      span.at.push_back(m_cps);
      raw(escaped(c, multiline));
    }
    span.at.push_back(m_cps);
    raw(multiline ? "\"\"\"\n" : "\"\n");
    if (m_layout) m_layout->push_back(std::move(span));
  }
  // `key = value` written bare (a date, a number), still placed in the form.
  void bare(const std::string& key, const std::string& field, const std::string& value) {
    FormSpan span;
    span.field = field;
    span.key_at = m_cps;
    raw(key + " = ");
    span.value = utf8::decode(value);
    for (std::size_t i = 0; i < span.value.size(); ++i) span.at.push_back(m_cps + i);
    span.at.push_back(m_cps + span.value.size());
    raw(value + "\n");
    if (m_layout) m_layout->push_back(std::move(span));
  }
  const std::string& text() const { return m_text; }

 private:
  FormLayout* m_layout;
  std::string m_text;
  std::size_t m_cps = 0;
};

}  // namespace

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char32_t c : utf8::valid(s) ? utf8::decode(s) : std::u32string{}) out += escaped(c, false);
  return out + "\"";
}

bool attachment_name(const std::string& name) {
  static const std::regex re(R"(^att-[0-9a-f]{24}\.txt$)");
  return std::regex_match(name, re);
}

namespace {

const std::set<std::string> kKnown = {
    "template", "organ",     "title", "to",      "date", "secrecy", "secrecy_term", "urgency",
    "copies",   "copies_to", "note",  "signers", "body", "fields",  "attachments"};

// A problem of the form itself; it has no place in a file, only its field.
Diagnostic& problem(Diagnostics& diags, const std::string& code, const std::string& field,
                    MessageArgs args = {}) {
  return diags.add(Code::BadInput, code, SourcePos{}, field, args);
}

std::string text_of(const nlohmann::json& form, const std::string& key, Diagnostics& diags) {
  if (!form.contains(key) || form[key].is_null()) return {};
  if (!form[key].is_string()) {
    problem(diags, "form.not_text", key, {{"key", key}});
    return {};
  }
  return form[key].get<std::string>();
}

// 签发人: a list of names, or one text with the names parted by 、，, ; or spaces.
std::vector<std::string> signers_of(const nlohmann::json& form, Diagnostics& diags) {
  std::vector<std::string> out;
  if (!form.contains("signers") || form["signers"].is_null()) return out;
  const auto& v = form["signers"];
  if (v.is_array()) {
    for (const auto& s : v) {
      if (s.is_string() && !s.get<std::string>().empty())
        out.push_back(s.get<std::string>());
      else if (!s.is_string())
        problem(diags, "form.not_text", "signers", {{"key", "signers"}});
    }
    return out;
  }
  if (!v.is_string()) {
    problem(diags, "form.not_text", "signers", {{"key", "signers"}});
    return out;
  }
  std::u32string name;
  auto flush = [&] {
    if (!name.empty()) out.push_back(utf8::encode(name));
    name.clear();
  };
  const std::string text = v.get<std::string>();
  for (char32_t c : utf8::valid(text) ? utf8::decode(text) : std::u32string{}) {
    if (std::u32string_view(U"、，,;； \t\n\r　").find(c) != std::u32string_view::npos)
      flush();
    else
      name += c;
  }
  flush();
  return out;
}

void write_attachments(const nlohmann::json& form, TomlWriter& t, Diagnostics& diags,
                       const StoredAttachment& stored) {
  if (!form.contains("attachments") || form["attachments"].is_null()) return;
  if (!form["attachments"].is_array()) {
    problem(diags, "form.attachments", "attachments");
    return;
  }
  int n = 0;
  for (const auto& a : form["attachments"]) {
    const std::string where = "attachments." + std::to_string(n);
    const std::string number = std::to_string(++n);
    if (!a.is_object()) {
      problem(diags, "form.attachments", where);
      continue;
    }
    bool good = true;
    for (const auto& [k, v] : a.items())
      if (k != "title" && k != "file" && k != "body") {
        problem(diags, "form.unknown_field", where + "." + k, {{"key", k}});
        good = false;
      }
    const auto text = [&](const char* key) -> std::optional<std::string> {
      if (!a.contains(key) || a[key].is_null()) return std::nullopt;
      if (!a[key].is_string()) {
        problem(diags, "form.not_text", where + "." + key, {{"key", key}});
        good = false;
        return std::nullopt;
      }
      return a[key].get<std::string>();
    };
    const auto title = text("title"), file = text("file"), body = text("body");
    if (!title || title->empty()) {
      problem(diags, "form.attachment.title", where + ".title", {{"n", number}})
          .hint("form.attachment.title.hint");
      good = false;
    }
    if (file && (!attachment_name(*file) || (stored && !stored(*file)))) {
      problem(diags, "form.attachment.file", where + ".file", {{"n", number}})
          .hint("form.attachment.file.hint");
      good = false;
    }
    if (!file && (!body || body->empty())) {
      problem(diags, "form.attachment.empty", where + ".file", {{"n", number}})
          .hint("form.attachment.file.hint");
      good = false;
    }
    if (!good) continue;
    t.raw("\n[[attachments]]\n");
    t.string("title", where + ".title", *title);
    if (file)
      t.string("file", where + ".file", *file);
    else
      t.string("body", where + ".body", *body, true);
  }
}

}  // namespace

std::string draft_toml(const nlohmann::json& form, const std::string& drafter, Diagnostics& diags,
                       FormLayout* layout, const StoredAttachment& stored) {
  for (const auto& [k, v] : form.items())
    if (!kKnown.count(k)) problem(diags, "form.unknown_field", k, {{"key", k}});
  TomlWriter t(layout);
  t.raw("# 网页拟稿\n");
  t.string("template", "template", text_of(form, "template", diags));
  if (form.contains("organ") && form["organ"].is_array()) {
    std::vector<std::string> ids;
    for (const auto& o : form["organ"]) {
      if (o.is_string())
        ids.push_back(o.get<std::string>());
      else
        problem(diags, "form.organ_list", "organ");
    }
    std::string line = "organ = [";
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? ", " : "") + toml_string(ids[i]);
    t.raw(line + "]\n");
  } else {
    t.string("organ", "organ", text_of(form, "organ", diags));
  }
  for (const char* key :
       {"title", "to", "secrecy", "secrecy_term", "urgency", "copies_to", "note"}) {
    const std::string v = text_of(form, key, diags);
    if (!v.empty() || std::string(key) == "title") t.string(key, key, v);
  }
  // A date the form could not send is reported here and left out of the TOML (the draft
  // reader does not report it missing again: diags mention "date").
  const std::string date = text_of(form, "date", diags);
  static const std::regex date_re(R"(^\d{4}-\d{2}-\d{2}$)");
  if (std::regex_match(date, date_re))
    t.bare("date", "date", date);
  else if (!diags.mentions("date"))
    problem(diags, "form.date", "date").hint("form.date.hint");
  t.raw("drafter = " + toml_string(drafter) + "\n");
  if (form.contains("copies") && !form["copies"].is_null()) {
    int copies = 0;
    if (form["copies"].is_number_integer())
      copies = form["copies"].get<int>();
    else if (form["copies"].is_string() && !form["copies"].get<std::string>().empty())
      copies = std::atoi(form["copies"].get<std::string>().c_str());
    if (copies > 0) t.raw("copies = " + std::to_string(copies) + "\n");
  }
  if (const auto signers = signers_of(form, diags); !signers.empty()) {
    std::string line = "signers = [";
    for (std::size_t i = 0; i < signers.size(); ++i)
      line += (i ? ", " : "") + toml_string(signers[i]);
    t.raw(line + "]\n");
  }
  // The body as a multi-line string: each line of the 正文 box is a line of the file, so the
  // reader and the clerk's checks report real lines and columns, as for a draft file.
  t.string("body", "body", text_of(form, "body", diags), true);
  if (form.contains("fields") && form["fields"].is_object() && !form["fields"].empty()) {
    t.raw("\n[fields]\n");
    static const std::regex key_re("^[a-z][a-z0-9_]{0,40}$");
    for (const auto& [k, v] : form["fields"].items()) {
      if (!std::regex_match(k, key_re) || !v.is_string()) {
        problem(diags, "form.bad_field", k, {{"key", k}});
        continue;
      }
      if (!v.get<std::string>().empty()) t.string(k, k, v.get<std::string>());
    }
  }
  write_attachments(form, t, diags, stored);
  return t.text();
}

Diagnostics in_form_positions(const Diagnostics& diags, const std::string& toml,
                              const std::string& source, const FormLayout& layout) {
  std::vector<std::size_t> line_starts{0};
  {
    std::size_t cp = 0;
    for (char c : toml) {
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
      ++cp;
      if (c == '\n') line_starts.push_back(cp);
    }
  }
  Diagnostics out;
  for (Diagnostic d : diags.items()) {
    if (d.at.file != source || d.at.line < 1 ||
        static_cast<std::size_t>(d.at.line) > line_starts.size()) {
      out.add(std::move(d));
      continue;
    }
    const std::size_t off =
        line_starts[d.at.line - 1] + static_cast<std::size_t>(std::max(1, d.at.column) - 1);
    // The last value whose line starts at or before the place, if the place is inside it.
    const FormSpan* span = nullptr;
    for (const FormSpan& s : layout)
      if (s.key_at <= off && off <= s.at.back() + 1) span = &s;
    if (!span) {
      d.at.line = d.at.column = 0;
      d.fix.reset();
      out.add(std::move(d));
      continue;
    }
    const auto index = [&](std::size_t o) {
      return static_cast<std::size_t>(std::lower_bound(span->at.begin(), span->at.end(), o) -
                                      span->at.begin());
    };
    const std::size_t k = std::min(index(off), span->value.size());
    int line = 1;
    std::size_t line_begin = 0;
    for (std::size_t i = 0; i < k; ++i)
      if (span->value[i] == U'\n') ++line, line_begin = i + 1;
    d.at.line = line;
    d.at.column = static_cast<int>(k - line_begin) + 1;
    if (d.fix) d.fix->length = std::min(index(off + d.fix->length), span->value.size()) - k;
    if (span->field.rfind("attachments.", 0) == 0) d.field = span->field;
    out.add(std::move(d));
  }
  return out;
}

}  // namespace gongwen::app::serve
