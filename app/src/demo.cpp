// gongwen demo: the whole pipeline once, on the samples, in a fresh workspace, with a fixed
// clock so that two runs give the same numbers and the same files.
#include <algorithm>
#include <map>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "demo_key.hpp"
#include "gongwen/archive/electronic_seal.hpp"
#include "gongwen/archive/auth.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/keys.hpp"
#include "gongwen/services/audit_verify.hpp"
#include "gongwen/services/clock_policy.hpp"
#include "gongwen/services/indexing.hpp"
#include "gongwen/services/search.hpp"
#include "gongwen/services/workflows.hpp"
#include "tokens.hpp"

namespace gongwen::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarker = ".gongwen-demo";
// Every sample user gets this password (printed by the demo; a demo is no secret).
constexpr const char* kDemoPassword = "gongwen-demo";

Instant at(const Date& d, int hour, int minute) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+08:00", d.iso().c_str(), hour, minute);
  return *parse_instant(buf);
}

std::vector<fs::path> drafts_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string first_with(const Profile& p, Role r) {
  for (const auto& u : p.users)
    if (u.has(r)) return u.id;
  fail(Code::BadInput, msg("demo.role.missing", {{"role", role_chinese(r)}}));
}

struct DemoSearch { std::string user, query; };

// A fresh workspace at `root` with the sample office, the demo's published signing key, and
// known passwords and week-long logins for every sample user (so that the commands of
// README.md work in it without typing a password).
std::unique_ptr<archive::Workspace> make_demo_workspace(Context& ctx, const fs::path& root) {
  if (fs::exists(root) && !fs::is_empty(root)) {
    if (!fs::exists(root / kMarker))
      fail(Code::Conflict, msg("demo.dir.other", {{"dir", root.string()}}), {msg("demo.dir.other.hint")});
    fs::remove_all(root);
  }
  const fs::path data = ctx.data_dir();
  const std::string profile_text = archive::read_file(data / "templates" / "profile.example.toml");
  auto ws = archive::Workspace::init(root, profile_text, data / "templates").take();
  archive::write_file_atomic(root / kMarker, "made by gongwen demo; `gongwen demo` may delete this folder\n");
  const Profile& p = ws->profile();
  // A fixed published key, so two runs sign byte-identically (see demo_key.hpp).
  const FixedClock setup_clock(*parse_instant("2026-01-05T08:00:00+08:00"));
  // A demo workspace: --clock may fix the time of its records (clock_policy.hpp).
  ctx.fixed_clock_permitted = true;
  // The subject is not the folder: every issued PDF signs the audit head (issue 13 #3), and two
  // demo runs in two folders give the same bytes.
  ws->registry().audit(setup_clock.now().iso8601(), "system", "init", "gongwen demo",
                       services::init_detail(p.office_name, true));
  archive::install_signing_key(*ws, load_signing_key_pem(kDemoKeyPem, kDemoCertPem).take(),
                               first_with(p, Role::Admin), setup_clock.now().iso8601());
  archive::ElectronicSeals::install(ws->keys_dir(),
                                    load_signing_key_pem(kDemoSm2SignerKeyPem, kDemoSm2SignerCertPem).take(),
                                    load_signing_key_pem(kDemoSealMakerKeyPem, kDemoSealMakerCertPem).take());
  // Each leader's 签名章 (samples/stamps/USER.png), pressed on the 令 and 议案 they sign off.
  std::vector<fs::path> stamps;
  for (const auto& e : fs::directory_iterator(data / "samples" / "stamps"))
    if (e.path().extension() == ".png") stamps.push_back(e.path());
  std::sort(stamps.begin(), stamps.end());
  for (const fs::path& f : stamps)
    services::Office(*ws, setup_clock)
        .register_stamp(f.stem().string(), archive::read_file(f), f.filename().string(), first_with(p, Role::Admin));
  archive::Auth auth(*ws, setup_clock);
  for (std::size_t i = 0; i < p.users.size(); ++i)
    auth.set_password(p.users[i].id, kDemoPassword, i == 0 ? "" : p.users[i].id);
  return ws;
}

// A login for each sample user, so that the commands of README.md work in the demo workspace
// without typing a password. Logins last in real time (they are sessions, not records), so
// they use the system clock; they come last, because each is an audit entry and every issued
// PDF signs the audit log's head (issue 13 #3): before the issues they would make two runs'
// PDFs differ.
void log_in_sample_users(archive::Workspace& ws) {
  const SystemClock real;
  archive::Auth session(ws, real);
  std::map<std::string, std::string> tokens;
  for (const auto& u : ws.profile().users) tokens[u.id] = session.login(u.id, kDemoPassword, 24 * 7).token;
  write_tokens(token_file_for(ws.root()), tokens);
}

// One sample draft through the whole workflow on its own 成文日期: submitted at 9:00, reviewed
// from 10:00 every half hour in the chain's order, signed from 14:00 (each organ's leader a quarter
// hour apart), issued at 16:00.
services::IssueResult issue_sample(archive::Workspace& ws, const fs::path& file) {
  const Profile& p = ws.profile();
  FixedClock draft_clock(Instant{});
  services::Office reader(ws, draft_clock);
  const Draft draft = reader.load_draft(file);
  const Date day = draft.doc.date;
  const std::string drafter = draft.drafter.empty() ? first_with(p, Role::Drafter) : draft.drafter;
  const FixedClock c1(at(day, 9, 0));
  services::Workflows(ws, c1).submit(file, drafter);
  int minute = 0;
  for (const auto& reviewer : p.chain_for(draft.doc_class)) {
    const FixedClock c2(at(day, 10, minute));
    minute += 30;
    services::Workflows(ws, c2).review(file.string(), reviewer, archive::Decision::Approve, "");
  }
  // Each issuing organ's leader signs off (a joint issue: 会签, lead organ first).
  std::vector<std::string> signed_by;
  for (const auto& id : draft.organ_ids) {
    const Organ* o = p.organ(id);
    if (!o || o->signer.empty() || std::find(signed_by.begin(), signed_by.end(), o->signer) != signed_by.end())
      continue;
    const FixedClock c3(at(day, 14, 15 * static_cast<int>(signed_by.size())));
    services::Workflows(ws, c3).sign(file.string(), o->signer, "");
    signed_by.push_back(o->signer);
  }
  const FixedClock c4(at(day, 16, 0));
  return services::Workflows(ws, c4).issue(file.string(), first_with(p, Role::SealKeeper));
}

// Last year's samples first (they are filed below), then this year's, each issued.
void issue_samples(Context& ctx, archive::Workspace& ws, std::ostringstream& out, nlohmann::json& report) {
  const fs::path data = ctx.data_dir();
  std::vector<fs::path> files = drafts_in(data / "samples" / "2025");
  for (const auto& f : drafts_in(data / "samples")) files.push_back(f);
  std::vector<std::string> warnings;
  for (const auto& file : files) {
    const auto issued = issue_sample(ws, file);
    for (const auto& w : issued.warnings)
      if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
    out << "  " << issued.issued.number << "  " << issued.issued.title << "  ("
        << msg("demo.pages", {{"pages", std::to_string(issued.issued.pages)}}) << ")\n";
    report["issued"].push_back({{"number", issued.issued.number}, {"title", issued.issued.title},
                                {"pdf", issued.issued.pdf_path}, {"docx", issued.issued.docx_path},
                                {"pages", issued.issued.pages}});
  }
  out << "\n"
      << msg("demo.issued", {{"count", std::to_string(report["issued"].size())},
                             {"reviewers", std::to_string(ws.profile().review_chain.size())}})
      << "\n";
  for (const auto& w : warnings) out << "  " << msg("demo.font_note", {{"text", w}}) << "\n";
}

// Year-end filing of last year, done in March by the archivist.
void file_last_year(archive::Workspace& ws, std::ostringstream& out, nlohmann::json& report) {
  const FixedClock filing_clock(*parse_instant("2026-03-16T09:00:00+08:00"));
  const auto filed = services::Workflows(ws, filing_clock).file_year(2025, first_with(ws.profile(), Role::Archivist)).filing;
  out << "\n" << msg("demo.filed", {{"count", std::to_string(filed.items.size())}, {"catalogue", filed.catalogue_csv}})
      << "\n";
  for (const auto& f : filed.items) out << "  " << f.archive_code << "  " << f.number << "  " << f.retention << "\n";
  report["filed"] = {{"year", 2025}, {"items", filed.items.size()}, {"catalogue", filed.catalogue_csv}};
}

// A few searches, as an uncleared clerk and as the cleared office director.
void run_searches(archive::Workspace& ws, std::ostringstream& out, nlohmann::json& report) {
  const std::string clerk = "wangfang", director = "chenzhiyong";
  const std::vector<DemoSearch> searches = {
      {clerk, "森林防火"},     {clerk, "档案归档"},        {clerk, "白政发[2026]1号"},
      {clerk, "征兵政治考核"}, {director, "征兵政治考核"}, {clerk, "年度:2025 纪要"}};
  auto index = search::SearchIndex::open_readonly(ws.index_dir()).take();
  out << "\n" << msg("demo.searches") << "\n";
  report["searches"] = nlohmann::json::array();
  for (const auto& s : searches) {
    if (!ws.profile().user(s.user)) continue;
    services::SearchQuery q;
    q.text = s.query;
    q.limit = 3;
    const auto res = services::search_documents(index, q, services::viewer_for(ws, s.user));
    out << "  " << msg("demo.search", {{"user", s.user}, {"query", s.query}, {"count", std::to_string(res.total_estimate)}})
        << "\n";
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : res.hits) {
      out << "      " << h.number << "  " << h.title << "\n";
      hits.push_back(h.number);
    }
    report["searches"].push_back({{"user", s.user}, {"query", s.query}, {"total", res.total_estimate}, {"hits", hits}});
  }
}

void run_demo(Context& ctx, const std::string& dir) {
  const fs::path root = fs::absolute(ctx.workspace_opt.empty() ? fs::path(dir) : fs::path(ctx.workspace_opt));
  auto ws = make_demo_workspace(ctx, root);
  const Profile& p = ws->profile();
  std::ostringstream out;
  nlohmann::json report = {{"workspace", root.string()}, {"issued", nlohmann::json::array()}};
  out << msg("demo.head", {{"office", p.office_name}, {"organs", std::to_string(p.organs.size())},
                           {"users", std::to_string(p.users.size())}, {"dir", root.string()},
                           {"password", kDemoPassword}})
      << "\n\n";
  issue_samples(ctx, *ws, out, report);
  file_last_year(*ws, out, report);
  run_searches(*ws, out, report);
  log_in_sample_users(*ws);
  // The whole audit check, as `gongwen audit verify` runs it (services/audit_verify.hpp).
  const services::AuditVerdict audit = services::verify_audit(*ws);
  const auto& log_check = audit.report;
  if (audit.ok()) {
    out << "\n"
        << msg("demo.audit.ok", {{"entries", std::to_string(log_check.entries)},
                                 {"checkpoints", std::to_string(log_check.checkpoints)},
                                 {"rows", std::to_string(log_check.rows)}})
        << "\n";
  } else {
    out << "\n" << msg("demo.audit.failed", {{"entries", std::to_string(log_check.entries)}}) << "\n";
    for (const auto& p : audit.problems()) out << "  " << p << "\n";
  }
  if (!audit.order_is_failure && !audit.out_of_order.empty())
    out << "  " << msg("demo.audit.order", {{"count", std::to_string(audit.out_of_order.size())}}) << "\n";
  out << msg("demo.seals", {{"count", std::to_string(ws->registry().seal_uses().size())}}) << "\n";
  out << msg("demo.documents", {{"dir", (root / "documents").string()}}) << "\n";
  report["audit_entries"] = log_check.entries;
  report["audit_ok"] = audit.ok();
  ctx.emit(report, out.str());
}

}  // namespace

void add_demo_command(CLI::App& app, Context& ctx, Action& action) {
  auto* demo = app.add_subcommand("demo", msg("cli.help.demo"));
  auto dir = std::make_shared<std::string>("demo-workspace");
  demo->add_option("dir", *dir, msg("cli.help.demo.dir"));
  demo->callback([&ctx, &action, dir] { action = [&ctx, dir] { run_demo(ctx, *dir); }; });
}

}  // namespace gongwen::app
