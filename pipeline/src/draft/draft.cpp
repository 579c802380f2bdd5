// Reading a TOML draft into the document model, checked against its template and the
// organ profile. Every problem names the file, line and key, and says what to do; reading
// goes on after a problem (with a placeholder where a later check needs the value), so one
// run reports them all.
#include "gongwen/pipeline/draft.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "gongwen/pipeline/utf8.hpp"
#include "draft/draft_file.hpp"
#include "gongwen/pipeline/clerk_checks.hpp"
#include "gongwen/pipeline/number.hpp"
#include "draft/toml_util.hpp"

namespace gongwen {

namespace {

using tomlu::join;

const std::vector<std::string> kDraftKeys = {
    "template", "organ",  "title",   "to",        "date",    "drafter",   "secrecy",
    "secrecy_term", "urgency", "copies", "copies_to", "note", "seal",   "signers",
    "body",     "present", "absent", "attending", "fields",  "attachments", "mark"};

// A draft key as messages name it: 主送机关 for "to".
std::string label(const std::string& key) {
  const std::string code = "field." + key;
  return has_message(code) ? msg(code) : key;
}

std::optional<Date> read_date(const toml::table& root, tomlu::Reader& in) {
  const toml::node* n = root.get("date");
  std::string written;
  if (n->is_date()) {
    const toml::date d = *n->value<toml::date>();
    Date out{d.year, d.month, d.day};
    if (out.valid()) return out;
    std::ostringstream s;
    s << d;
    written = s.str();
  } else if (n->is_string()) {
    written = *n->value<std::string>();
    if (auto d = parse_date(written)) return *d;
    if (auto d = parse_chinese_numeral_date(written)) return *d;  // the clerk's check offers the fix
  } else {
    written = msg(n->is_integer() ? "toml.type.integer" : n->is_array() ? "toml.type.array" : "toml.type.other");
  }
  in.problem_at(root, "date", "draft.date.invalid", {{"value", written}}).hint("draft.date.invalid.hint");
  return std::nullopt;
}

// An attachment's text: 4 MB is about 1.3 million characters, far beyond any 公文's 附件.
constexpr std::uintmax_t kMaxAttachmentBytes = 4u << 20;

std::optional<std::string> read_file_text(const std::filesystem::path& base_dir, const std::string& name,
                                          tomlu::Reader& in, const toml::source_region& where) {
  const std::filesystem::path p = base_dir / name;
  draftfile::Read got = draftfile::read(base_dir, name, kMaxAttachmentBytes);
  if (got.problem == draftfile::Problem::Missing) {
    in.problem(Code::NotFound, "draft.attachment.unreadable", where, "file", {{"path", p.string()}})
        .hint("hint.relative_path");
    return std::nullopt;
  }
  if (got.problem != draftfile::Problem::None) {
    in.problem(Code::BadInput, draftfile::message_code(got.problem), where, "file",
               {{"file", name}, {"mb", std::to_string(got.size >> 20)}, {"max", std::to_string(kMaxAttachmentBytes >> 20)}})
        .hint("draft.file.hint");
    return std::nullopt;
  }
  std::string text = std::move(got.bytes);
  if (auto bad = find_invalid_utf8(text)) {
    in.diags()
        .add(Code::BadInput, "draft.attachment.utf8", SourcePos{p.string(), bad->line, bad->column}, "file")
        .hint("draft.attachment.utf8.hint");
    return std::nullopt;
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
std::vector<Attachment> read_attachments(const toml::table& root, tomlu::Reader& in,
                                         const std::filesystem::path& base_dir) {
  std::vector<Attachment> out;
  const toml::node* n = root.get("attachments");
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    in.problem(Code::BadInput, "draft.attachments.not_array", n->source(), "attachments");
    return out;
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) {
      in.problem(Code::BadInput, "draft.attachment.not_table", item.source(), "attachments");
      continue;
    }
    in.known_keys(*t, {"title", "file", "body"}, "where.attachment");
    const auto title = in.text(*t, "title");
    const auto file = in.text(*t, "file");
    const auto body = in.text(*t, "body");
    if (!title || title->empty())
      in.problem(Code::BadInput, "draft.attachment.no_title", t->source(), "title");
    if (file.has_value() == body.has_value()) {
      in.problem(Code::BadInput, "draft.attachment.file_or_body", t->source(), "file",
                 {{"title", title.value_or("")}});
      continue;
    }
    std::optional<std::string> text = body;
    if (file) text = read_file_text(base_dir, *file, in, t->get("file")->source());
    if (!text) continue;
    Attachment a;
    a.title = title.value_or("");
    BodySource bs{file ? (base_dir / *file).string() : in.source(), file ? 1 : body_first_line(*t, "body"),
                  file ? "file" : "body", base_dir};
    a.body = read_body(*text, bs, in.diags());
    out.push_back(std::move(a));
  }
  return out;
}

// The draft's template, or nullptr after reporting why there is none.
const Template* read_template(const toml::table& root, tomlu::Reader& in, const std::vector<Template>& templates) {
  const auto id = in.text(root, "template");
  if (!id) {
    if (!root.contains("template"))
      in.problem_at(root, "template", "draft.template.missing").hint("draft.template.missing.hint");
    return nullptr;
  }
  const Template* tpl = find_template(templates, *id);
  if (const auto variants = templates_of_kind(templates, *id); !tpl && variants.size() > 1) {
    std::vector<std::string> ids;
    for (const Template* t : variants) ids.push_back(t->id + "（" + t->name + "）");
    in.problem_at(root, "template", "draft.template.ambiguous", {{"kind", *id}, {"ids", join(ids, msg("list.sep"))}})
        .hint("draft.template.ambiguous.hint", {{"id", variants.front()->id}});
  } else if (!tpl) {
    std::vector<std::string> ids;
    for (const auto& t : templates) ids.push_back(t.id);
    in.problem_at(root, "template", "draft.template.unknown", {{"id", *id}})
        .hint("draft.template.unknown.hint", {{"ids", join(ids, ", ")}});
  }
  return tpl;
}

// The keys the template requires, each present and (for text) not blank.
void check_required(const toml::table& root, tomlu::Reader& in, const Template& tpl) {
  for (const auto& key : tpl.required) {
    if (key == "title" && !tpl.title_pattern.empty()) continue;
    const toml::node* n = root.get(key);
    if (!n) {
      if (in.diags().mentions(key)) continue;  // e.g. the web form's date, reported already
      in.problem_at(root, key, "draft.required.missing", {{"key", key}, {"label", label(key)}, {"template", tpl.id}})
          .hint("draft.required.missing.hint", {{"key", key}});
      continue;
    }
    // title, body and drafter have checks of their own below.
    if (key == "title" || key == "body" || key == "drafter") continue;
    if (auto s = n->value<std::string>(); s && n->is_string() && trim_line(*s).empty())
      in.problem_at(root, key, "draft.required.empty", {{"key", key}, {"label", label(key)}, {"template", tpl.id}})
          .hint("draft.required.empty.hint", {{"label", label(key)}});
  }
}

// The names a pattern's {{placeholders}} use.
void placeholder_names(const std::string& pattern, std::set<std::string>& names) {
  std::size_t pos = 0;
  while ((pos = pattern.find("{{", pos)) != std::string::npos) {
    const std::size_t end = pattern.find("}}", pos);
    if (end == std::string::npos) return;
    names.insert(trim_line(pattern.substr(pos + 2, end - pos - 2)));
    pos = end + 2;
  }
}

// [fields]: text values, each known to the template, the required ones given.
std::map<std::string, std::string> read_fields(const toml::table& root, tomlu::Reader& in, const Template* tpl) {
  std::map<std::string, std::string> values;
  const toml::node* fn = root.get("fields");
  const toml::table* ft = fn ? fn->as_table() : nullptr;
  if (fn && !ft) in.problem(Code::BadInput, "draft.fields.not_table", fn->source(), "fields");
  std::set<std::string> known;
  if (tpl) {
    for (const auto& f : tpl->fields) known.insert(f.name);
    placeholder_names(tpl->title_pattern, known);
    placeholder_names(tpl->body_pattern, known);
    placeholder_names(tpl->title_note_pattern, known);
    known.erase("date");  // the 成文日期, from the draft's date
  }
  if (ft) {
    for (const auto& [k, v] : *ft) {
      const std::string name(k.str());
      if (!v.is_string()) {
        in.problem(Code::BadInput, "draft.field.not_text", v.source(), name, {{"name", name}});
        values[name] = "";  // placeholder: reported, not asked for again
        continue;
      }
      if (tpl && !known.count(name)) {
        std::vector<std::string> names;
        for (const auto& f : tpl->fields) names.push_back(f.name);
        Diagnostic& p = in.problem(Code::BadInput, "draft.field.unknown", k.source(), name,
                                   {{"name", name}, {"template", tpl->id}});
        if (names.empty()) p.hint("draft.field.unknown.none", {{"template", tpl->id}});
        else p.hint("draft.field.unknown.hint", {{"template", tpl->id}, {"names", join(names, ", ")}});
      }
      values[name] = *v.value<std::string>();
    }
  }
  if (tpl) {
    for (const auto& f : tpl->fields) {
      if (values.count(f.name) && !values[f.name].empty()) continue;
      if (!values.count(f.name) || !in.diags().mentions(f.name))
        in.problem(Code::BadInput, "draft.field.required", ft ? ft->source() : root.source(), f.name,
                   {{"label", f.label}, {"name", f.name}, {"template", tpl->id}})
            .hint("draft.field.required.hint", {{"name", f.name}});
      values[f.name];  // placeholder: the patterns below need not report it again
    }
  }
  return values;
}

// A pattern filled; a placeholder without a value is reported once and left empty.
std::string fill(const std::string& pattern, std::map<std::string, std::string>& values, tomlu::Reader& in) {
  auto filled = fill_placeholders(pattern, values, in.source());
  while (!filled) {
    in.diags().add(filled.error());
    if (filled.error().field.empty() || values.count(filled.error().field)) return "";
    values[filled.error().field] = "";
    filled = fill_placeholders(pattern, values, in.source());
  }
  return filled.value();
}

// 发文机关: lead first; a list is a joint issue. Unknown ones are reported and left out.
std::vector<const Organ*> read_organs(const toml::table& root, tomlu::Reader& in, const Profile& profile) {
  std::vector<const Organ*> organs;
  for (const auto& id : in.texts(root, "organ")) {
    if (const Organ* o = profile.organ(id)) {
      organs.push_back(o);
      continue;
    }
    std::vector<std::string> ids;
    for (const auto& x : profile.organs) ids.push_back(x.id);
    in.problem_at(root, "organ", "draft.organ.unknown", {{"id", id}})
        .hint("draft.organ.unknown.hint", {{"ids", join(ids, ", ")}});
  }
  return organs;
}

void read_markings(const toml::table& root, tomlu::Reader& in, Draft& d) {
  Document& doc = d.doc;
  if (const auto secrecy = in.text(root, "secrecy")) {
    if (auto s = parse_secrecy(*secrecy))
      doc.secrecy = *s;
    else
      in.problem_at(root, "secrecy", "draft.secrecy.unknown", {{"value", *secrecy}}).hint("draft.secrecy.unknown.hint");
  }
  doc.secrecy_term = in.text(root, "secrecy_term").value_or("");
  if (const auto urgency = in.text(root, "urgency")) {
    if (*urgency == "加急") doc.urgency = Urgency::Urgent;
    else if (*urgency == "特急") doc.urgency = Urgency::VeryUrgent;
    else if (!urgency->empty())
      in.problem_at(root, "urgency", "draft.urgency.unknown", {{"value", *urgency}}).hint("draft.urgency.unknown.hint");
  }
  if (const auto copies = in.whole(root, "copies")) {
    if (*copies < 1 || *copies > 9999)
      in.problem_at(root, "copies", "draft.copies.range", {{"value", std::to_string(*copies)}});
    else
      d.copies = static_cast<int>(*copies);
  }
  doc.copies_to = in.text(root, "copies_to").value_or("");
  if (doc.copies_to.ends_with("。")) doc.copies_to.resize(doc.copies_to.size() - 3);
  doc.note = in.text(root, "note").value_or("");
}

// 批复: the 请示 it answers must be named by a 文号 the registers can match (白村请〔2026〕3号),
// and by its title.
void read_answered_request(const toml::table& root, tomlu::Reader& in, std::map<std::string, std::string>& values,
                           Draft& d) {
  const std::string number = trim_line(values["request_number"]);
  d.answers_title = trim_line(values["request_title"]);
  if (number.empty()) return;  // reported as a required field
  const std::optional<DocNumber> parsed = parse_doc_number(number);
  if (!parsed) {
    const toml::table* fields = root["fields"].as_table();
    in.problem(Code::BadInput, "draft.reply.number", fields ? fields->get("request_number")->source() : root.source(),
               "request_number", {{"value", number}})
        .hint("draft.reply.number.hint");
    return;
  }
  d.answers_number = parsed->text();
  values["request_number"] = d.answers_number;  // printed in the normal form
}

}  // namespace

std::optional<Draft> read_draft(std::string_view text, const std::string& src, const std::filesystem::path& base_dir,
                                const std::vector<Template>& templates, const Profile& profile, Diagnostics& diags) {
  if (auto bad = find_invalid_utf8(text)) {
    diags.add(Code::BadInput, "draft.utf8", SourcePos{src, bad->line, bad->column}, "").hint("draft.utf8.hint");
    return std::nullopt;
  }
  const std::size_t errors_before = diags.error_count();
  const std::size_t first_new = diags.items().size();
  tomlu::Reader in(src, diags);
  const std::optional<toml::table> parsed = in.parse(text);
  if (!parsed) return std::nullopt;
  const toml::table& root = *parsed;
  in.set_root(root);
  in.known_keys(root, kDraftKeys, "where.draft");

  // Without a known template the draft is still read against an empty one (no required
  // keys, no fields, no boilerplate), so its other problems are found too.
  const Template* tpl = read_template(root, in, templates);
  static const Template kNone;
  const Template& t = tpl ? *tpl : kNone;
  if (tpl) check_required(root, in, *tpl);

  Draft d;
  d.source = src;
  Document& doc = d.doc;
  doc.template_id = t.id;
  doc.kind = t.kind;
  doc.direction = t.direction;
  doc.format = t.format;
  d.doc_class = t.doc_class;
  d.signed_in_person = t.signed_by_signer;

  std::vector<const Organ*> organs = read_organs(root, in, profile);
  const bool organ_reported = in.diags().mentions("organ");
  static const Organ kNoOrgan;
  if (organs.empty() && !organ_reported && !profile.organs.empty()) organs.push_back(&profile.organs.front());
  if (organs.empty()) organs.push_back(&kNoOrgan);  // placeholder: reported above, or a profile without organs
  for (const Organ* o : organs) {
    d.organ_ids.push_back(o->id);
    doc.issuers.push_back(o->name);
  }
  const Organ& lead = *organs.front();
  d.code = lead.code_prefix + t.code;

  if (const auto drafter = in.text(root, "drafter")) {
    if (profile.user(*drafter))
      d.drafter = *drafter;
    else
      in.problem_at(root, "drafter", "draft.drafter.unknown", {{"id", *drafter}}).hint("draft.drafter.unknown.hint");
  }

  std::map<std::string, std::string> values = read_fields(root, in, tpl);

  if (const auto title = in.text(root, "title")) doc.title = *title;
  else if (!t.title_pattern.empty()) doc.title = fill(t.title_pattern, values, in);
  // A title left out is reported as required above when the template asks for it.
  if (doc.title.empty() && !in.diags().mentions("title") && (tpl || root.contains("title")))
    in.problem_at(root, "title", "draft.title.empty");
  if (const std::size_t chars = utf8::count_code_points(doc.title); chars > kMaxTitleChars)
    in.problem_at(root, "title", "trust.title.too_long", {{"chars", std::to_string(chars)}, {"max", std::to_string(kMaxTitleChars)}})
        .hint("trust.title.too_long.hint");

  doc.main_recipients = in.text(root, "to").value_or("");
  while (doc.main_recipients.size() >= 3 &&
         (doc.main_recipients.ends_with("：") || doc.main_recipients.ends_with(":"))) {
    doc.main_recipients.resize(doc.main_recipients.size() - (doc.main_recipients.ends_with(":") ? 1 : 3));
  }
  if (t.no_recipients && !doc.main_recipients.empty())
    in.problem_at(root, "to", "draft.to.none", {{"kind", t.kind}}).hint("draft.to.none.hint");

  if (!root.contains("date")) {
    if (!in.diags().mentions("date")) in.problem_at(root, "date", "draft.date.missing").hint("draft.date.missing.hint");
  } else if (const auto date = read_date(root, in)) {
    doc.date = *date;
    doc.print_date = *date;
  }

  if (t.kind == "批复") read_answered_request(root, in, values, d);
  if (!t.title_note_pattern.empty()) {
    values["date"] = doc.date.valid() ? doc.date.chinese() : "";
    doc.title_note = fill(t.title_note_pattern, values, in);
  }

  read_markings(root, in, d);
  doc.seal = in.flag(root, "seal").value_or(t.seal) ? SealMode::Sealed : SealMode::Unsealed;
  doc.seal_text = lead.seal_text;

  std::vector<std::string> signers = in.texts(root, "signers");
  if (doc.direction == Direction::Upward) {
    if (signers.empty())
      for (const Organ* o : organs)
        if (const User* u = profile.user(o->signer)) signers.push_back(u->name);
    doc.signers = signers;
  }
  doc.present = in.texts(root, "present");
  doc.absent = in.texts(root, "absent");
  doc.attending = in.texts(root, "attending");
  if (doc.format == Format::Minutes && doc.present.empty() && !in.diags().mentions("present"))
    in.problem_at(root, "present", "draft.present.missing").hint("draft.present.missing.hint");

  // 发文机关标志 and 署名.
  const auto mark = in.text(root, "mark");
  std::vector<std::string> names;
  for (const Organ* o : organs) names.push_back(o->name);
  if (mark) doc.issuer_mark = *mark;
  else if (doc.format == Format::Minutes) doc.issuer_mark = lead.name + "纪要";
  else if (doc.format == Format::Letter) doc.issuer_mark = lead.name;
  else if (doc.format == Format::Order) doc.issuer_mark = lead.name + "令";  // 白路乡人民政府令
  else if (organs.size() == 1) doc.issuer_mark = lead.mark;
  else doc.issuer_mark = join(names, "") + "文件";
  doc.signature = join(names, "　");
  // Joint issue: each organ signs and seals for itself (its seal text from the profile).
  if (organs.size() > 1)
    for (const Organ* o : organs) doc.joint_signers.push_back({o->name, o->seal_text});
  // 令 and 议案 are signed by the 签发人 (乡长) in person: post and name, not the organ.
  if (t.signed_by_signer)
    if (const User* u = profile.user(lead.signer)) doc.signature = u->title + "　" + u->name;
  doc.printer = profile.office_name.empty() ? lead.name : profile.office_name;

  // 正文: the template's boilerplate around the drafter's text.
  std::string body_text = in.text(root, "body").value_or("");
  if (!t.body_pattern.empty()) {
    values["body"] = body_text;
    body_text = fill(t.body_pattern, values, in);
  }
  // Line numbers in the file are exact only when no template text surrounds the body.
  const std::size_t before_body = diags.items().size();
  BodySource bs{src, t.body_pattern.empty() ? body_first_line(root, "body") : 0, "body", base_dir};
  doc.body = read_body(body_text, bs, diags);
  const bool body_lines_reported = diags.items().size() > before_body;
  if (doc.body.empty() && !body_lines_reported && !in.diags().mentions("body") && (tpl || root.contains("body")))
    in.problem_at(root, "body", "draft.body.empty").hint("draft.body.empty.hint");

  doc.attachments = read_attachments(root, in, base_dir);
  for (const auto& a : doc.attachments) doc.attachment_notes.push_back(a.title);

  std::size_t chars = count_chars(body_text);
  for (const auto& a : doc.attachments)
    for (const auto& b : a.body) chars += count_chars(b.text);
  if (chars > kMaxDraftChars)
    in.problem_at(root, "body", "draft.too_long",
                  {{"chars", std::to_string(chars)}, {"max", std::to_string(kMaxDraftChars)}})
        .hint("draft.too_long.hint");

  clerk_checks(text, src, tpl, diags);
  diags.sort_from(first_new);  // in the order of the file, as a compiler reports
  if (!tpl || diags.error_count() > errors_before) return std::nullopt;
  return d;
}

Result<Draft> read_draft(std::string_view text, const std::string& src, const std::filesystem::path& base_dir,
                         const std::vector<Template>& templates, const Profile& profile) {
  Diagnostics diags;
  std::optional<Draft> d = read_draft(text, src, base_dir, templates, profile, diags);
  if (!d) return diags.to_error();
  return std::move(*d);
}

}  // namespace gongwen
