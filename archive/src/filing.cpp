#include "gongwen/archive/filing.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>

namespace gongwen::archive {

namespace fs = std::filesystem;

std::string RetentionTable::retention_for(const std::string& kind, const std::string& title) const {
  for (const auto& r : rules) {
    if (!r.kind.empty() && r.kind != kind) continue;
    if (!r.title_contains.empty() &&
        std::none_of(r.title_contains.begin(), r.title_contains.end(),
                     [&](const std::string& w) { return title.find(w) != std::string::npos; }))
      continue;
    return r.retention;
  }
  return fallback;
}

std::string retention_code(const std::string& retention) {
  if (retention == "永久") return "Y";
  if (retention == "定期30年" || retention == "30年") return "D30";
  if (retention == "定期10年" || retention == "10年") return "D10";
  return "";
}

Result<RetentionTable> parse_retention_table(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    Error err = make_error(Code::BadInput, "not valid TOML: " + std::string(e.description()));
    err.at = SourcePos{source, static_cast<int>(e.source().begin.line),
                       static_cast<int>(e.source().begin.column)};
    return err;
  }
  RetentionTable t;
  auto bad = [&](const toml::node& n, const std::string& msg) {
    Error e = make_error(Code::BadInput, msg, {"保管期限 is one of 永久, 定期30年, 定期10年"});
    e.at = SourcePos{source, static_cast<int>(n.source().begin.line),
                     static_cast<int>(n.source().begin.column)};
    return e;
  };
  if (auto d = root["default"].value<std::string>()) {
    if (retention_code(*d).empty()) return bad(*root.get("default"), "unknown 保管期限 '" + *d + "'");
    t.fallback = *d;
  }
  if (const toml::array* rules = root["rules"].as_array()) {
    for (const toml::node& n : *rules) {
      const toml::table* rt = n.as_table();
      if (!rt) return bad(n, "each rule must be a [[rules]] table");
      RetentionRule r;
      r.kind = (*rt)["kind"].value_or(std::string());
      r.retention = (*rt)["retention"].value_or(std::string());
      if (const toml::array* words = (*rt)["title_contains"].as_array())
        for (const auto& w : *words)
          if (auto s = w.value<std::string>()) r.title_contains.push_back(*s);
      if (retention_code(r.retention).empty())
        return bad(n, "rule has unknown retention '" + r.retention + "'");
      t.rules.push_back(std::move(r));
    }
  }
  return t;
}

std::vector<IssuedRecord> valid_issued(Registry& reg, int year) {
  // A voided number's document is spoiled: it is accounted for in the number book, but it is
  // not a 件 of the archive.
  std::set<std::string> voided;
  for (const auto& n : reg.numbers(year))
    if (n.status == "void")
      voided.insert(n.code + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号");
  std::vector<IssuedRecord> out;
  for (auto& r : reg.issued(year))
    if (!voided.count(r.number)) out.push_back(std::move(r));
  return out;
}

std::vector<std::string> filing_blockers(Workspace& ws, int year) {
  std::vector<std::string> out;
  Registry& reg = ws.registry();
  for (const auto& d : reg.drafts())
    if (d.year == year && d.state != DraftState::Issued && d.state != DraftState::Voided)
      out.push_back("draft #" + std::to_string(d.id) + " " + d.title + " is " + state_chinese(d.state) +
                    ", not issued: issue it or void it");
  std::map<std::string, std::set<int>> serials;
  for (const auto& n : reg.numbers(year)) serials[n.code].insert(n.serial);
  for (const auto& [code, set] : serials) {
    const int highest = *set.rbegin();
    for (int s = 1; s < highest; ++s)
      if (!set.count(s))
        out.push_back(code + "〔" + std::to_string(year) + "〕" + std::to_string(s) +
                      "号 is missing from the number book");
  }
  for (const auto& r : valid_issued(reg, year)) {
    std::error_code ec;
    const fs::path pdf = ws.root() / r.pdf_path;
    if (!fs::exists(pdf, ec)) {
      out.push_back(r.number + ": file " + r.pdf_path + " is missing");
    } else if (sha256_hex(read_file(pdf)) != r.pdf_sha256) {
      out.push_back(r.number + ": file " + r.pdf_path + " differs from the issued original");
    }
  }
  return out;
}

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string four_digits(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

}  // namespace

FilingResult file_year(Workspace& ws, int year, const Clock& clock, const std::string& user) {
  const User* u = ws.profile().user(user);
  if (!u) fail(Code::NotFound, "unknown user '" + user + "'");
  if (!u->has(Role::Archivist))
    fail(Code::Forbidden, u->name + " may not file the archive: it needs the role 档案员");
  Registry& reg = ws.registry();
  if (!reg.filed(year).empty())
    fail(Code::Conflict, "the year " + std::to_string(year) + " is already filed and locked",
         {"a correction is recorded as a new version (gongwen archive verify shows the state)"});
  auto blockers = filing_blockers(ws, year);
  if (!blockers.empty()) {
    std::vector<std::string> hints = blockers;
    fail(Code::Conflict, std::to_string(blockers.size()) + " problem(s) stop the filing of " +
                             std::to_string(year),
         hints);
  }
  const auto issued = valid_issued(reg, year);
  if (issued.empty()) fail(Code::NotFound, "nothing was issued in " + std::to_string(year));

  const fs::path rules_file = ws.templates_dir() / "retention.toml";
  RetentionTable table;
  std::error_code ec;
  if (fs::exists(rules_file, ec))
    table = parse_retention_table(read_file(rules_file), rules_file.string()).take();

  // 年度–机构–保管期限: class by the lead organ's unit code and the retention; inside a class,
  // by date (the registry returns them ordered by date).
  struct Item { const IssuedRecord* rec; std::string unit, retention; };
  std::map<std::pair<std::string, std::string>, std::vector<Item>> classes;
  for (const auto& r : issued) {
    std::string unit = "BGS";
    const std::string lead = r.issuer.substr(0, r.issuer.find("、"));
    for (const auto& o : ws.profile().organs)
      if (o.name == lead) unit = o.unit_code;
    const std::string retention = table.retention_for(r.kind, r.title);
    classes[{unit, retention_code(retention)}].push_back(Item{&r, unit, retention});
  }

  const std::string at = clock.now().iso8601();
  const fs::path final_dir = ws.archive_dir() / std::to_string(year);
  const fs::path staging = ws.archive_dir() / ("." + std::to_string(year) + ".staging");
  if (fs::exists(final_dir, ec))
    fail(Code::Conflict, final_dir.string() + " exists but the year is not registered as filed",
         {"move that folder away and run the filing again"});
  fs::remove_all(staging, ec);  // a previous run that was interrupted
  fs::create_directories(staging / "documents");

  FilingResult result;
  result.year = year;
  std::string csv = "序号,档号,文号,责任者,题名,日期,密级,页数,备注\n";
  std::string manifest;
  int seq = 0;
  for (auto& [key, items] : classes) {
    int item_no = 0;
    for (const auto& it : items) {
      ++item_no;
      ++seq;
      const IssuedRecord& r = *it.rec;
      const std::string code = ws.profile().fonds + "-WS·" + std::to_string(year) + "-" +
                               key.second + "-" + it.unit + "-" + four_digits(item_no);
      const std::string name = code + ".pdf";
      const std::string bytes = read_file(ws.root() / r.pdf_path);
      write_file_atomic(staging / "documents" / name, bytes);
      FiledRecord f{year, r.number, code, item_no, it.retention,
                    "archive/" + std::to_string(year) + "/documents/" + name, sha256_hex(bytes), at};
      result.items.push_back(f);
      const Date d = parse_date(r.date).value_or(Date{});
      csv += std::to_string(seq) + "," + csv_field(code) + "," + csv_field(r.number) + "," +
             csv_field(r.issuer) + "," + csv_field(r.title) + "," + d.digits8() + "," +
             csv_field(r.secrecy) + "," + std::to_string(r.pages) + ",\n";
      manifest += f.sha256 + "  documents/" + name + "\n";
    }
  }
  write_file_atomic(staging / "归档文件目录.csv", csv);
  write_file_atomic(staging / "manifest-sha256.txt", manifest);
  reg.transaction([&] {
    for (const auto& f : result.items) reg.add_filed(f);
    reg.audit(at, u->id, "file-year", std::to_string(year),
              std::to_string(result.items.size()) + " items, manifest sha256 " + sha256_hex(manifest));
    fs::rename(staging, final_dir);  // last step inside the transaction: both land or neither
  });
  result.catalogue_csv = ws.relative(final_dir / "归档文件目录.csv");
  return result;
}

}  // namespace gongwen::archive
