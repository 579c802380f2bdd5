// Builds the golden documents from samples/, tests/golden/cases/ and the shared corpus.
#include "cases.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "gongwen/pipeline/template.hpp"

namespace gongwen::golden {
namespace fs = std::filesystem;
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Env {
  std::vector<Template> templates;
  Profile profile;
};

const Env& env() {
  static const Env e = [] {
    Env e;
    const fs::path src = GONGWEN_SOURCE_DIR;
    auto t = load_templates(src / "templates");
    if (!t) throw std::runtime_error("templates: " + t.error().message);
    e.templates = t.value();
    const fs::path prof = src / "templates/profile.example.toml";
    auto p = parse_profile(slurp(prof), prof.string());
    if (!p) throw std::runtime_error("profile: " + p.error().message);
    e.profile = p.value();
    return e;
  }();
  return e;
}

Document from_draft(const fs::path& file, int serial) {
  auto d = read_draft(slurp(file), file.string(), file.parent_path(), env().templates,
                      env().profile);
  if (!d) throw std::runtime_error(file.string() + ": " + d.error().message);
  Document doc = d.value().doc;
  if (doc.number.empty()) doc.number = d.value().code + "〔2026〕" + std::to_string(serial) + "号";
  return doc;
}

// The 2025 government work report cut to about 40 pages.
Document work_report() {
  const fs::path p = fs::path(GONGWEN_SAMPLES_DIR) / "corpus/government_work_reports.jsonl";
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  // Paragraphs of the reports in corpus order, each report cut before the Wikisource
  // licence note at its end.
  std::string body;
  std::size_t chars = 0;
  for (std::string line; chars < 23000 && std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    std::istringstream s(j.at("content").get<std::string>());
    for (std::string para; chars < 23000 && std::getline(s, para);) {
      if (para.find("本作品") != std::string::npos || para.find("公有领域") != std::string::npos)
        break;
      // Skip empty lines and fragments the corpus split off after a sentence end ("。会议…").
      if (para.empty() || para == "各位代表：" || para.rfind("。", 0) == 0) continue;
      body += para + "\n";
      chars += count_chars(para);
    }
  }
  Document d;
  d.template_id = "report";
  d.kind = "报告";
  d.direction = Direction::Upward;
  d.issuers = {"白路乡人民政府"};
  d.issuer_mark = "白路乡人民政府文件";
  d.number = "白政〔2026〕20号";
  d.signers = {"张建国"};
  d.title = "白路乡人民政府关于2025年政府工作情况的报告";
  d.main_recipients = "县人民政府";
  d.body = parse_body(body);
  d.signature = "白路乡人民政府";
  d.date = {2026, 1, 20};
  d.seal_text = "白路乡人民政府";
  d.printer = "白路乡党政综合办公室";
  d.print_date = {2026, 1, 20};
  return d;
}

}  // namespace

std::string golden_dir() { return std::string(GONGWEN_SOURCE_DIR) + "/tests/golden"; }

RenderOptions golden_options() {
  RenderOptions o;
  o.created = Instant{1788224400, 8 * 60};  // 2026-09-01 09:00 +08:00
  o.fonts = env().profile.fonts;
  return o;
}

std::vector<Case> golden_cases() {
  const fs::path src = GONGWEN_SOURCE_DIR;
  std::vector<Case> out;
  int serial = 1;
  auto add = [&](std::string name, const fs::path& f) {
    out.push_back({std::move(name), from_draft(f, serial++)});
  };
  add("notice-joint", src / "samples/01-rules-notice.toml");
  add("meeting-notice", src / "samples/02-meeting-notice.toml");
  add("request", src / "samples/03-funds-request.toml");
  add("report", src / "samples/04-work-report.toml");
  add("letter", src / "samples/05-letter.toml");
  add("minutes", src / "samples/06-weekly-minutes.toml");
  add("circular", src / "samples/07-circular.toml");
  add("forward", src / "samples/2025/01-forward-notice.toml");
  add("secret-urgent", src / "samples/08-secret-notice.toml");
  add("seal-overflow", src / "tests/golden/cases/seal-overflow.toml");
  add("three-attachments", src / "tests/golden/cases/three-attachments.toml");
  add("rare-name", src / "tests/golden/cases/rare-name.toml");
  add("tables-images", src / "tests/golden/cases/tables-images.toml");
  // One case per 文种 of 条例 第八条 not covered above (issue 15).
  add("resolution", src / "samples/10-resolution.toml");
  add("decision", src / "samples/11-decision.toml");
  add("order", src / "samples/12-order.toml");
  add("bulletin", src / "samples/13-bulletin.toml");
  add("announcement", src / "samples/14-announcement.toml");
  add("public-notice", src / "samples/15-public-notice.toml");
  add("opinion", src / "samples/16-opinion.toml");
  add("reply", src / "samples/17-reply.toml");
  add("motion", src / "samples/18-motion.toml");
  out.push_back({"work-report-40", work_report()});
  return out;
}

}  // namespace gongwen::golden
