// Reading a TOML draft into the document model, checked against its template and the
// organ profile. Every problem names the file, line and key, and says what to do.
#include "gongwen/pipeline/draft.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "draft/toml_util.hpp"

namespace gongwen {

namespace {

const std::vector<std::string> kDraftKeys = {
    "template", "organ",  "title",   "to",        "date",    "drafter",   "secrecy",
    "secrecy_term", "urgency", "copies", "copies_to", "note", "seal",   "signers",
    "body",     "present", "absent", "attending", "fields",  "attachments", "mark"};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

Result<Date> read_date(const toml::table& root, const std::string& src) {
  const toml::node* n = root.get("date");
  if (n->is_date()) {
    const toml::date d = *n->value<toml::date>();
    Date out{d.year, d.month, d.day};
    if (out.valid()) return out;
  } else if (n->is_string()) {
    if (auto d = parse_date(*n->value<std::string>())) return *d;
  }
  return tomlu::error_at(Code::BadInput, src, n->source(), "date",
                         "成文日期 (date) is not a valid calendar date",
                         {"write it as date = 2026-09-01"});
}

Result<std::string> read_file_text(const std::filesystem::path& p, const std::string& src,
                                   const toml::source_region& where) {
  std::ifstream in(p, std::ios::binary);
  if (!in)
    return tomlu::error_at(Code::NotFound, src, where, "file",
                           "attachment file " + p.string() + " cannot be read",
                           {"the path is relative to the draft's folder"});
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (auto bad = find_invalid_utf8(text)) {
    Error e = make_error(Code::BadInput, "attachment is not valid UTF-8 text",
                         {"save the file as UTF-8"});
    e.at = SourcePos{p.string(), bad->line, bad->column};
    return e;
  }
  return text;
}

// File line of a string value's first line of text: a multi-line string's text starts on
// the line after its opening """ (TOML drops that newline).
int body_first_line(const toml::table& t, const std::string& key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return 0;
  const auto& r = n->source();
  return static_cast<int>(r.begin.line) + (r.end.line > r.begin.line ? 1 : 0);
}

// Attachments: each a title and either inline `body` or a `file` beside the draft.
Result<std::vector<Attachment>> read_attachments(const toml::table& root, const std::string& src,
                                                 const std::filesystem::path& base_dir) {
  std::vector<Attachment> out;
  const toml::node* n = root.get("attachments");
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr)
    return tomlu::error_at(Code::BadInput, src, n->source(), "attachments",
                           "attachments must be written as [[attachments]] tables");
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t)
      return tomlu::error_at(Code::BadInput, src, item.source(), "attachments",
                             "each attachment must be a [[attachments]] table");
    if (auto e = tomlu::check_known_keys(*t, {"title", "file", "body"}, src, "[[attachments]]"))
      return *e;
    TRY_ASSIGN(title, tomlu::string_at(*t, "title", src));
    TRY_ASSIGN(file, tomlu::string_at(*t, "file", src));
    TRY_ASSIGN(body, tomlu::string_at(*t, "body", src));
    if (!title || title->empty())
      return tomlu::error_at(Code::BadInput, src, t->source(), "title",
                             "an attachment needs a 'title'");
    if (file.has_value() == body.has_value())
      return tomlu::error_at(Code::BadInput, src, t->source(), "file",
                             "attachment '" + *title + "' needs exactly one of 'file' or 'body'");
    std::string text;
    if (file) {
      TRY_ASSIGN(read, read_file_text(base_dir / *file, src, tomlu::region_of(*t, "file")));
      text = std::move(read);
    } else {
      text = *body;
    }
    Attachment a;
    a.title = *title;
    BodySource bs{file ? (base_dir / *file).string() : src, file ? 1 : body_first_line(*t, "body"),
                  file ? "file" : "body", base_dir};
    TRY_ASSIGN(blocks, read_body(text, bs));
    a.body = std::move(blocks);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Result<Draft> read_draft(std::string_view text, const std::string& src,
                         const std::filesystem::path& base_dir,
                         const std::vector<Template>& templates, const Profile& profile) {
  if (auto bad = find_invalid_utf8(text)) {
    Error e = make_error(Code::BadInput, "the draft is not valid UTF-8 text",
                         {"save the file as UTF-8 (not GBK)"});
    e.at = SourcePos{src, bad->line, bad->column};
    return e;
  }
  TRY_ASSIGN(root, tomlu::parse(text, src));
  if (auto e = tomlu::check_known_keys(root, kDraftKeys, src, "the draft")) return *e;

  TRY_ASSIGN(template_id, tomlu::string_at(root, "template", src));
  if (!template_id)
    return tomlu::error_at(Code::BadInput, src, root.source(), "template",
                           "the draft does not say which template it uses",
                           {"add template = \"notice\" (see: gongwen template list)"});
  const Template* tpl = find_template(templates, *template_id);
  if (!tpl) {
    std::vector<std::string> ids;
    for (const auto& t : templates) ids.push_back(t.id);
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "template"), "template",
                           "unknown template '" + *template_id + "'",
                           {"known templates: " + join(ids, ", ")});
  }
  for (const auto& key : tpl->required) {
    if (key == "title" && !tpl->title_pattern.empty()) continue;
    if (!root.contains(key))
      return tomlu::error_at(Code::BadInput, src, root.source(), key,
                             "'" + key + "' is required by template " + tpl->id + " but missing",
                             {"add " + key + " = … to the draft"});
  }

  Draft d;
  d.source = src;
  Document& doc = d.doc;
  doc.template_id = tpl->id;
  doc.kind = tpl->kind;
  doc.direction = tpl->direction;
  doc.format = tpl->format;
  d.doc_class = tpl->doc_class;

  // Organs: lead first; a list is a joint issue.
  TRY_ASSIGN(organ_ids, tomlu::strings_at(root, "organ", src));
  if (organ_ids.empty()) organ_ids.push_back(profile.organs.front().id);
  std::vector<const Organ*> organs;
  for (const auto& id : organ_ids) {
    const Organ* o = profile.organ(id);
    if (!o) {
      std::vector<std::string> ids;
      for (const auto& x : profile.organs) ids.push_back(x.id);
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "organ"), "organ",
                             "unknown organ '" + id + "'", {"organs in gongwen.toml: " + join(ids, ", ")});
    }
    organs.push_back(o);
    doc.issuers.push_back(o->name);
  }
  d.organ_ids = organ_ids;
  const Organ& lead = *organs.front();
  d.code = lead.code_prefix + tpl->code;

  TRY_ASSIGN(drafter, tomlu::string_at(root, "drafter", src));
  if (drafter) {
    if (!profile.user(*drafter))
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "drafter"), "drafter",
                             "unknown user '" + *drafter + "'",
                             {"users are listed in gongwen.toml under [[users]]"});
    d.drafter = *drafter;
  }

  // Template fields.
  std::map<std::string, std::string> values;
  if (const toml::node* fn = root.get("fields")) {
    const toml::table* ft = fn->as_table();
    if (!ft)
      return tomlu::error_at(Code::BadInput, src, fn->source(), "fields", "[fields] must be a table");
    for (const auto& [k, v] : *ft) {
      if (!v.is_string())
        return tomlu::error_at(Code::BadInput, src, v.source(), std::string(k.str()),
                               "field '" + std::string(k.str()) + "' must be text in quotes");
      values[std::string(k.str())] = *v.value<std::string>();
    }
  }
  for (const auto& f : tpl->fields) {
    if (f.required && (values.count(f.name) == 0 || values[f.name].empty()))
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "fields"), f.name,
                             f.label + " (" + f.name + ") is required by template " + tpl->id,
                             {"add " + f.name + " = \"…\" under [fields]"});
  }

  TRY_ASSIGN(title, tomlu::string_at(root, "title", src));
  if (title) {
    doc.title = *title;
  } else if (!tpl->title_pattern.empty()) {
    TRY_ASSIGN(t, fill_placeholders(tpl->title_pattern, values, src));
    doc.title = t;
  }
  if (doc.title.empty())
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "title"), "title",
                           "标题 (title) is empty");

  TRY_ASSIGN(to, tomlu::string_at(root, "to", src));
  doc.main_recipients = to.value_or("");
  while (doc.main_recipients.size() >= 3 &&
         (doc.main_recipients.ends_with("：") || doc.main_recipients.ends_with(":"))) {
    doc.main_recipients.resize(doc.main_recipients.size() - (doc.main_recipients.ends_with(":") ? 1 : 3));
  }

  if (!root.contains("date"))
    return tomlu::error_at(Code::BadInput, src, root.source(), "date", "成文日期 (date) is missing",
                           {"add date = 2026-09-01"});
  TRY_ASSIGN(date, read_date(root, src));
  doc.date = date;
  doc.print_date = date;

  TRY_ASSIGN(secrecy, tomlu::string_at(root, "secrecy", src));
  if (secrecy) {
    auto s = parse_secrecy(*secrecy);
    if (!s)
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "secrecy"), "secrecy",
                             "unknown 密级 '" + *secrecy + "'", {"use 秘密, 机密 or 绝密"});
    doc.secrecy = *s;
  }
  TRY_ASSIGN(term, tomlu::string_at(root, "secrecy_term", src));
  doc.secrecy_term = term.value_or("");
  TRY_ASSIGN(urgency, tomlu::string_at(root, "urgency", src));
  if (urgency) {
    if (*urgency == "加急") doc.urgency = Urgency::Urgent;
    else if (*urgency == "特急") doc.urgency = Urgency::VeryUrgent;
    else if (!urgency->empty())
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "urgency"), "urgency",
                             "unknown 紧急程度 '" + *urgency + "'", {"use 加急 or 特急"});
  }
  TRY_ASSIGN(copies, tomlu::int_at(root, "copies", src));
  if (copies) {
    if (*copies < 1 || *copies > 9999)
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "copies"), "copies",
                             "印数 (copies) must be between 1 and 9999");
    d.copies = static_cast<int>(*copies);
  }
  TRY_ASSIGN(copies_to, tomlu::string_at(root, "copies_to", src));
  doc.copies_to = copies_to.value_or("");
  if (doc.copies_to.ends_with("。")) doc.copies_to.resize(doc.copies_to.size() - 3);
  TRY_ASSIGN(note, tomlu::string_at(root, "note", src));
  doc.note = note.value_or("");
  TRY_ASSIGN(seal, tomlu::bool_at(root, "seal", src));
  doc.seal = seal.value_or(tpl->seal) ? SealMode::Sealed : SealMode::Unsealed;
  doc.seal_text = lead.seal_text;

  TRY_ASSIGN(signers, tomlu::strings_at(root, "signers", src));
  if (doc.direction == Direction::Upward) {
    if (signers.empty())
      for (const Organ* o : organs)
        if (const User* u = profile.user(o->signer)) signers.push_back(u->name);
    doc.signers = signers;
  }
  TRY_ASSIGN(present, tomlu::strings_at(root, "present", src));
  TRY_ASSIGN(absent, tomlu::strings_at(root, "absent", src));
  TRY_ASSIGN(attending, tomlu::strings_at(root, "attending", src));
  doc.present = present;
  doc.absent = absent;
  doc.attending = attending;
  if (doc.format == Format::Minutes && doc.present.empty())
    return tomlu::error_at(Code::BadInput, src, root.source(), "present",
                           "a 纪要 needs the list of those present (出席)",
                           {"add present = [\"张建国\", …]"});

  // 发文机关标志 and 署名.
  TRY_ASSIGN(mark, tomlu::string_at(root, "mark", src));
  std::vector<std::string> names;
  for (const Organ* o : organs) names.push_back(o->name);
  if (mark) doc.issuer_mark = *mark;
  else if (doc.format == Format::Minutes) doc.issuer_mark = lead.name + "纪要";
  else if (doc.format == Format::Letter) doc.issuer_mark = lead.name;
  else if (organs.size() == 1) doc.issuer_mark = lead.mark;
  else doc.issuer_mark = join(names, "") + "文件";
  doc.signature = join(names, "　");
  doc.printer = profile.office_name.empty() ? lead.name : profile.office_name;

  // 正文: the template's boilerplate around the drafter's text.
  TRY_ASSIGN(body, tomlu::string_at(root, "body", src));
  std::string body_text = body.value_or("");
  if (!tpl->body_pattern.empty()) {
    values["body"] = body_text;
    TRY_ASSIGN(filled, fill_placeholders(tpl->body_pattern, values, src));
    body_text = filled;
  }
  // Line numbers in the file are exact only when no template text surrounds the body.
  BodySource bs{src, tpl->body_pattern.empty() ? body_first_line(root, "body") : 0, "body", base_dir};
  TRY_ASSIGN(blocks, read_body(body_text, bs));
  doc.body = std::move(blocks);
  if (doc.body.empty())
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "body"), "body",
                           "正文 (body) is empty", {"write the text under body = \"\"\" … \"\"\""});

  TRY_ASSIGN(attachments, read_attachments(root, src, base_dir));
  doc.attachments = std::move(attachments);
  for (const auto& a : doc.attachments) doc.attachment_notes.push_back(a.title);

  std::size_t chars = count_chars(body_text);
  for (const auto& a : doc.attachments)
    for (const auto& b : a.body) chars += count_chars(b.text);
  if (chars > kMaxDraftChars)
    return tomlu::error_at(Code::BadInput, src, tomlu::region_of(root, "body"), "body",
                           "the draft has " + std::to_string(chars) + " characters, more than the " +
                               std::to_string(kMaxDraftChars) + " one document may carry",
                           {"split it into several documents or attachments"});
  return d;
}

}  // namespace gongwen
