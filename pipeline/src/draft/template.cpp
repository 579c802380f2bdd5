// Loading 文种 templates from templates/*.toml and filling their {{placeholders}}.
#include "gongwen/pipeline/template.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "draft/toml_util.hpp"

namespace gongwen {

namespace {

Direction parse_direction(const std::string& s, tomlu::Reader& in, const toml::table& t) {
  if (s == "下行文" || s == "down") return Direction::Downward;
  if (s == "上行文" || s == "up") return Direction::Upward;
  if (s == "平行文" || s == "parallel") return Direction::Parallel;
  in.problem_at(t, "direction", "template.direction.unknown", {{"value", s}}).hint("template.direction.unknown.hint");
  return Direction::Downward;
}

Format parse_format(const std::string& s, tomlu::Reader& in, const toml::table& t) {
  if (s == "文件" || s == "ordinary") return Format::Ordinary;
  if (s == "信函" || s == "letter") return Format::Letter;
  if (s == "命令" || s == "令" || s == "order") return Format::Order;
  if (s == "纪要" || s == "minutes") return Format::Minutes;
  in.problem_at(t, "format", "template.format.unknown", {{"value", s}}).hint("template.format.unknown.hint");
  return Format::Ordinary;
}

// A lone "{{" without "}}" is a template bug: say where.
void check_braces(const std::string& text, tomlu::Reader& in, const toml::table& t, const std::string& key) {
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const std::size_t end = text.find("}}", pos);
    if (end == std::string::npos || text.find('\n', pos) < end) {
      in.problem_at(t, key, "template.braces", {{"key", key}});
      return;
    }
    pos = end + 2;
  }
}

}  // namespace

std::optional<Template> parse_template(std::string_view text, const std::string& src, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  tomlu::Reader in(src, diags);
  const std::optional<toml::table> parsed = in.parse(text);
  if (!parsed) return std::nullopt;
  const toml::table& root = *parsed;
  in.set_root(root);
  in.known_keys(root,
                {"id", "kind", "name", "description", "direction", "format", "class", "code", "seal", "title",
                 "required", "fields", "body", "recipients", "title_note", "signature"},
                "where.template");
  Template t;
  t.source = src;
  const auto id = in.text(root, "id");
  const auto kind = in.text(root, "kind");
  const auto name = in.text(root, "name");
  const auto desc = in.text(root, "description");
  const auto direction = in.text(root, "direction");
  const auto format = in.text(root, "format");
  const auto klass = in.text(root, "class");
  const auto code = in.text(root, "code");
  const auto seal = in.flag(root, "seal");
  const auto title = in.text(root, "title");
  const auto body = in.text(root, "body");
  const auto recipients = in.text(root, "recipients");
  const auto title_note = in.text(root, "title_note");
  const auto signature = in.text(root, "signature");
  t.required = in.texts(root, "required");
  for (auto [key, v] : {std::pair{"id", &id}, {"kind", &kind}, {"code", &code}}) {
    if (!root.contains(key) || (*v && (*v)->empty()))  // a value of the wrong type is reported already
      in.problem(Code::BadInput, "template.key.missing", root.source(), key, {{"key", key}});
  }
  t.id = id.value_or("");
  t.kind = kind.value_or("");
  t.name = name.value_or(t.kind);
  t.description = desc.value_or("");
  t.code = code.value_or("");
  t.doc_class = klass.value_or("普通");
  t.seal = seal.value_or(true);
  t.title_pattern = title.value_or("");
  t.body_pattern = body.value_or("");
  t.direction = parse_direction(direction.value_or("下行文"), in, root);
  t.format = parse_format(format.value_or("文件"), in, root);
  if (recipients && *recipients != "none" && *recipients != "required")
    in.problem_at(root, "recipients", "template.recipients.unknown", {{"value", *recipients}});
  t.no_recipients = recipients.value_or("") == "none";
  if (signature && *signature != "signer" && *signature != "organ")
    in.problem_at(root, "signature", "template.signature.unknown", {{"value", *signature}});
  t.signed_by_signer = signature.value_or("") == "signer";
  t.title_note_pattern = title_note.value_or("");
  check_braces(t.title_note_pattern, in, root, "title_note");
  check_braces(t.title_pattern, in, root, "title");
  check_braces(t.body_pattern, in, root, "body");
  if (const toml::array* fields = root["fields"].as_array()) {
    for (const toml::node& n : *fields) {
      const toml::table* ft = n.as_table();
      if (!ft) {
        in.problem(Code::BadInput, "template.field.not_table", n.source(), "fields");
        continue;
      }
      in.known_keys(*ft, {"name", "label", "required"}, "where.template_field");
      const auto fname = in.text(*ft, "name");
      const auto flabel = in.text(*ft, "label");
      const auto freq = in.flag(*ft, "required");
      if (!fname || fname->empty()) {
        in.problem(Code::BadInput, "template.field.no_name", ft->source(), "name");
        continue;
      }
      t.fields.push_back(TemplateField{*fname, flabel.value_or(*fname), freq.value_or(false)});
    }
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return t;
}

Result<Template> parse_template(std::string_view text, const std::string& src) {
  Diagnostics diags;
  std::optional<Template> t = parse_template(text, src, diags);
  if (!t) return diags.to_error();
  return std::move(*t);
}

std::optional<std::vector<Template>> load_templates(const std::filesystem::path& dir, Diagnostics& diags) {
  std::vector<Template> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    diags.add(Code::NotFound, "template.dir.missing", SourcePos{}, "", {{"dir", dir.string()}})
        .hint("template.dir.missing.hint");
    return std::nullopt;
  }
  const std::size_t errors_before = diags.error_count();
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  // Data tables that live beside the templates but are not templates.
  static const std::vector<std::string> not_templates = {"profile.example", "retention", "archive", "fonts"};
  for (const auto& f : files) {
    const std::string stem = f.stem().string();
    if (std::find(not_templates.begin(), not_templates.end(), stem) != not_templates.end())
      continue;
    std::ifstream file(f, std::ios::binary);
    std::stringstream ss;
    ss << file.rdbuf();
    std::optional<Template> t = parse_template(ss.str(), f.string(), diags);
    if (!t) continue;
    if (t->id != stem) {
      diags.add(Code::BadInput, "template.id.mismatch", SourcePos{f.string(), 0, 0}, "id", {{"id", t->id}, {"stem", stem}});
      continue;
    }
    out.push_back(std::move(*t));
  }
  // One template per (文种, variant) name: a name two files share could pick either.
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = i + 1; j < out.size(); ++j) {
      if (out[i].name == out[j].name)
        diags.add(Code::BadInput, "template.name.ambiguous", SourcePos{out[i].source, 0, 0}, "name",
                  {{"name", out[i].name}, {"other", out[j].id}})
            .hint("template.name.ambiguous.hint");
    }
  if (diags.error_count() > errors_before) return std::nullopt;
  std::sort(out.begin(), out.end(), [](const Template& a, const Template& b) { return a.id < b.id; });
  return out;
}

Result<std::vector<Template>> load_templates(const std::filesystem::path& dir) {
  Diagnostics diags;
  auto t = load_templates(dir, diags);
  if (!t) return diags.to_error();
  return std::move(*t);
}

const Template* find_template(const std::vector<Template>& all, std::string_view id) {
  for (const auto& t : all)
    if (t.id == id) return &t;
  // A 文种 with several variants asks which, even when one variant is named like the 文种.
  const std::vector<const Template*> of_kind = templates_of_kind(all, id);
  if (of_kind.size() > 1) return nullptr;
  for (const auto& t : all)
    if (t.name == id) return &t;
  return of_kind.size() == 1 ? of_kind.front() : nullptr;
}

std::vector<const Template*> templates_of_kind(const std::vector<Template>& all, std::string_view kind) {
  std::vector<const Template*> out;
  for (const auto& t : all)
    if (t.kind == kind) out.push_back(&t);
  return out;
}

Result<std::string> fill_placeholders(std::string_view pattern,
                                      const std::map<std::string, std::string>& values,
                                      const std::string& src) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = pattern.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(pattern.substr(pos));
      return out;
    }
    const std::size_t close = pattern.find("}}", open);
    if (close == std::string_view::npos) {
      Error e = make_error(Code::BadInput, msg("template.placeholder.unclosed"));
      e.id = "template.placeholder.unclosed";
      e.at = SourcePos{src, 0, 0};
      return e;
    }
    out.append(pattern.substr(pos, open - pos));
    std::string name(pattern.substr(open + 2, close - open - 2));
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    auto it = values.find(name);
    if (it == values.end()) {
      Error e = make_error(Code::BadInput, msg("template.placeholder.no_value", {{"name", name}}),
                           {msg("template.placeholder.no_value.hint", {{"name", name}})});
      e.id = "template.placeholder.no_value";
      e.at = SourcePos{src, 0, 0};
      e.field = name;
      return e;
    }
    out += it->second;
    pos = close + 2;
  }
}

}  // namespace gongwen
