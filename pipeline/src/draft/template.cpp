// Loading 文种 templates from templates/*.toml and filling their {{placeholders}}.
#include "gongwen/pipeline/template.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "draft/toml_util.hpp"

namespace gongwen {

namespace {

Result<Direction> parse_direction(const std::string& s, const std::string& src,
                                  const toml::table& t) {
  if (s == "下行文" || s == "down") return Direction::Downward;
  if (s == "上行文" || s == "up") return Direction::Upward;
  if (s == "平行文" || s == "parallel") return Direction::Parallel;
  return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, "direction"), "direction",
                         "unknown direction '" + s + "'", {"use 下行文, 上行文 or 平行文"});
}

Result<Format> parse_format(const std::string& s, const std::string& src, const toml::table& t) {
  if (s == "文件" || s == "ordinary") return Format::Ordinary;
  if (s == "信函" || s == "letter") return Format::Letter;
  if (s == "命令" || s == "令" || s == "order") return Format::Order;
  if (s == "纪要" || s == "minutes") return Format::Minutes;
  return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, "format"), "format",
                         "unknown format '" + s + "'", {"use 文件, 信函, 命令 or 纪要"});
}

// A lone "{{" without "}}" is a template bug: say where.
std::optional<Error> check_braces(const std::string& text, const std::string& src,
                                  const toml::table& t, const std::string& key) {
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const std::size_t end = text.find("}}", pos);
    if (end == std::string::npos || text.find('\n', pos) < end)
      return tomlu::error_at(Code::BadInput, src, tomlu::region_of(t, key), key,
                             "'{{' without a closing '}}' in " + key);
    pos = end + 2;
  }
  return std::nullopt;
}

}  // namespace

Result<Template> parse_template(std::string_view text, const std::string& src) {
  TRY_ASSIGN(root, tomlu::parse(text, src));
  if (auto e = tomlu::check_known_keys(root,
                                       {"id", "kind", "name", "description", "direction", "format",
                                        "class", "code", "seal", "title", "required", "fields",
                                        "body"},
                                       src, "a template"))
    return *e;
  Template t;
  t.source = src;
  TRY_ASSIGN(id, tomlu::string_at(root, "id", src));
  TRY_ASSIGN(kind, tomlu::string_at(root, "kind", src));
  TRY_ASSIGN(name, tomlu::string_at(root, "name", src));
  TRY_ASSIGN(desc, tomlu::string_at(root, "description", src));
  TRY_ASSIGN(direction, tomlu::string_at(root, "direction", src));
  TRY_ASSIGN(format, tomlu::string_at(root, "format", src));
  TRY_ASSIGN(klass, tomlu::string_at(root, "class", src));
  TRY_ASSIGN(code, tomlu::string_at(root, "code", src));
  TRY_ASSIGN(seal, tomlu::bool_at(root, "seal", src));
  TRY_ASSIGN(title, tomlu::string_at(root, "title", src));
  TRY_ASSIGN(body, tomlu::string_at(root, "body", src));
  TRY_ASSIGN(required, tomlu::strings_at(root, "required", src));
  for (auto [key, v] : {std::pair{"id", &id}, {"kind", &kind}, {"code", &code}}) {
    if (!*v || (*v)->empty())
      return tomlu::error_at(Code::BadInput, src, root.source(), key,
                             std::string("a template needs '") + key + "'");
  }
  t.id = *id;
  t.kind = *kind;
  t.name = name.value_or(*kind);
  t.description = desc.value_or("");
  t.code = *code;
  t.doc_class = klass.value_or("普通");
  t.seal = seal.value_or(true);
  t.title_pattern = title.value_or("");
  t.body_pattern = body.value_or("");
  t.required = required;
  {
    TRY_ASSIGN(d, parse_direction(direction.value_or("下行文"), src, root));
    t.direction = d;
    TRY_ASSIGN(f, parse_format(format.value_or("文件"), src, root));
    t.format = f;
  }
  if (auto e = check_braces(t.title_pattern, src, root, "title")) return *e;
  if (auto e = check_braces(t.body_pattern, src, root, "body")) return *e;
  if (const toml::array* fields = root["fields"].as_array()) {
    for (const toml::node& n : *fields) {
      const toml::table* ft = n.as_table();
      if (!ft)
        return tomlu::error_at(Code::BadInput, src, n.source(), "fields",
                               "each [[fields]] entry must be a table");
      if (auto e = tomlu::check_known_keys(*ft, {"name", "label", "required"}, src, "[[fields]]"))
        return *e;
      TRY_ASSIGN(fname, tomlu::string_at(*ft, "name", src));
      TRY_ASSIGN(flabel, tomlu::string_at(*ft, "label", src));
      TRY_ASSIGN(freq, tomlu::bool_at(*ft, "required", src));
      if (!fname || fname->empty())
        return tomlu::error_at(Code::BadInput, src, ft->source(), "name",
                               "a [[fields]] entry needs a 'name'");
      t.fields.push_back(TemplateField{*fname, flabel.value_or(*fname), freq.value_or(false)});
    }
  }
  return t;
}

Result<std::vector<Template>> load_templates(const std::filesystem::path& dir) {
  std::vector<Template> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return make_error(Code::NotFound, "template folder " + dir.string() + " does not exist",
                      {"run from the gongwen checkout, or set templates = \"…\" in gongwen.toml"});
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
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    TRY_ASSIGN(t, parse_template(ss.str(), f.string()));
    if (t.id != stem)
      return make_error(Code::BadInput, f.string() + ": template id '" + t.id +
                                            "' differs from the file name '" + stem + "'");
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const Template& a, const Template& b) { return a.id < b.id; });
  return out;
}

const Template* find_template(const std::vector<Template>& all, std::string_view id) {
  for (const auto& t : all)
    if (t.id == id || t.kind == id || t.name == id) return &t;
  return nullptr;
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
    if (close == std::string_view::npos)
      return make_error(Code::BadInput, src + ": '{{' without a closing '}}'");
    out.append(pattern.substr(pos, open - pos));
    std::string name(pattern.substr(open + 2, close - open - 2));
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    auto it = values.find(name);
    if (it == values.end()) {
      Error e = make_error(Code::BadInput, "the template needs a value for '" + name + "'",
                           {"add " + name + " = \"…\" under [fields] in the draft"});
      e.at = SourcePos{src, 0, 0};
      e.field = name;
      return e;
    }
    out += it->second;
    pos = close + 2;
  }
}

}  // namespace gongwen
