#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/pipeline/messages.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>

namespace gongwen::archive {

namespace fs = std::filesystem;

std::string RetentionTable::retention_for(const std::string& kind, const std::string& title,
                                          const std::string& origin, const std::string& from) const {
  for (const auto& r : rules) {
    if (!r.kind.empty() && r.kind != kind) continue;
    if (!r.origin.empty() && r.origin != origin) continue;
    if (!r.from_contains.empty() &&
        std::none_of(r.from_contains.begin(), r.from_contains.end(),
                     [&](const std::string& w) { return from.find(w) != std::string::npos; }))
      continue;
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
      r.origin = (*rt)["origin"].value_or(std::string());
      if (!r.origin.empty() && r.origin != "发文" && r.origin != "收文")
        return bad(n, "rule has unknown origin '" + r.origin + "' (发文 or 收文)");
      if (const toml::array* words = (*rt)["from_contains"].as_array())
        for (const auto& w : *words)
          if (auto s = w.value<std::string>()) r.from_contains.push_back(*s);
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
    // The OFD the register holds is filed beside the PDF: it must be there, unchanged.
    if (r.ofd_path.empty()) continue;
    const fs::path ofd = ws.root() / r.ofd_path;
    if (!fs::exists(ofd, ec))
      out.push_back(msg("archive.ofd.blocker.missing", {{"number", r.number}, {"file", r.ofd_path}}));
    else if (sha256_hex(read_file(ofd)) != r.ofd_sha256)
      out.push_back(msg("archive.ofd.blocker.differs", {{"number", r.number}, {"file", r.ofd_path}}));
  }
  for (auto& b : receiving_blockers(ws, year)) out.push_back(std::move(b));
  return out;
}

}  // namespace gongwen::archive
