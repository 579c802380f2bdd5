// Corrections after the lock (filing_correct.hpp). The live bag is never edited in place:
// the new version is assembled in archive/.<Y>.correcting, a copy of the bag made of hard
// links (no payload byte is copied), whose manifests are rewritten; renameat2
// (RENAME_EXCHANGE) then swaps it with the live bag as the last step of the registry
// transaction, so a reader sees the old complete bag or the new complete bag. A run killed
// after the swap but before the commit is undone by the next correction (the bag-info.txt
// of the live bag counts its versions; the register decides which bag is true).
#include "gongwen/archive/filing_correct.hpp"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>

#include "filing_package.hpp"
#include "filing_stamp.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/registry.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Leaf texts of an EEP by element name (first occurrence).
std::map<std::string, std::string> xml_leaves(const std::string& xml) {
  std::map<std::string, std::string> out;
  libxml_ready();
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "metadata.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return out;
  std::vector<xmlNode*> stack{xmlDocGetRootElement(doc)};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    for (; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      if (n->children && n->children->type == XML_TEXT_NODE && !n->children->next) {
        xmlChar* t = xmlNodeGetContent(n);
        out.emplace(reinterpret_cast<const char*>(n->name), t ? reinterpret_cast<const char*>(t) : "");
        xmlFree(t);
      } else if (n->children) {
        stack.push_back(n->children);
      }
    }
  }
  xmlFreeDoc(doc);
  return out;
}

struct Change {
  std::string field, before, after;
};

std::string correction_xml(const CorrectionRecord& r, const std::vector<Change>& changes,
                           const std::string& previous_sha, const std::string& office, const std::string& file_name,
                           const std::string& format, std::size_t size) {
  EepWriter x("修改型", "本封装包记录归档后的更正；原始封装包及其文件未经改动", r.corrected_at, office);
  x.open("修改封装内容");
  x.el("档号", r.archive_code);
  x.el("版本号", std::to_string(r.version));
  x.el("上一版本数字摘要", previous_sha);
  x.el("修改原因", r.reason);
  x.el("修改人", r.corrected_by);
  x.el("修改时间", r.corrected_at);
  for (const auto& c : changes) {
    x.open("修改项");
    x.el("字段", c.field);
    x.el("原值", c.before);
    x.el("新值", c.after);
    x.close();
  }
  if (!r.path.empty()) {
    x.open("文件数据");
    x.el("格式信息", format);
    x.el("计算机文件名", file_name);
    x.el("计算机文件大小", std::to_string(size));
    x.el("数字摘要算法", "SHA-256");
    x.el("数字摘要", r.sha256);
    x.close();
  }
  x.close();  // 修改封装内容
  x.close();  // 被签名对象
  x.open("锁定签名");
  x.el("锁定方式", "BagIt manifest-sha256.txt 与登记簿 filed_versions 表中的 SHA-256");
  x.close();
  x.close();
  return x.finish();
}

std::map<std::string, std::string> read_manifest_map(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(file));
  std::string line;
  while (std::getline(in, line))
    if (line.size() > 66 && line.substr(64, 2) == "  ") out[line.substr(66)] = line.substr(0, 64);
  return out;
}

// "Gongwen-Versions: N" of a bag's bag-info.txt (0 when absent).
int bag_versions(const fs::path& bag) {
  std::error_code ec;
  if (!fs::exists(bag / "bag-info.txt", ec)) return -1;
  const std::string info = read_file(bag / "bag-info.txt");
  const auto p = info.find("Gongwen-Versions: ");
  return p == std::string::npos ? 0 : std::atoi(info.c_str() + p + 18);
}

void exchange(const fs::path& a, const fs::path& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
    fail(Code::Io, msg("correct.exchange", {{"a", a.string()}, {"b", b.string()}, {"why", std::strerror(errno)}}));
}

// Undoes what an interrupted correction left: a swapped but unregistered bag goes back.
void recover(Workspace& ws, int year, int registered) {
  const fs::path live = ws.archive_dir() / std::to_string(year);
  const fs::path side = ws.archive_dir() / ("." + std::to_string(year) + ".correcting");
  std::error_code ec;
  if (!fs::exists(side, ec)) return;
  if (bag_versions(live) > registered && bag_versions(side) == registered) exchange(side, live);
  fs::remove_all(side, ec);
}

std::string versions_csv(const std::vector<CorrectionRecord>& all) {
  std::string csv = "档号,版本,修改内容,修改原因,修改人,修改时间,文件\n";
  for (const auto& r : all)
    csv += csv_field(r.archive_code) + "," + std::to_string(r.version) + "," + csv_field(r.fields) + "," +
           csv_field(r.reason) + "," + csv_field(r.corrected_by) + "," + r.corrected_at + "," +
           csv_field(r.path.empty() ? "" : fs::path(r.path).filename().string()) + "\n";
  return csv;
}

}  // namespace

std::pair<std::string, std::string> parse_field_assignment(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    fail(Code::BadInput, msg("correct.field.syntax", {{"text", text}}), {msg("correct.field.syntax.hint")});
  return {trim(text.substr(0, eq)), trim(text.substr(eq + 1))};
}

std::vector<CorrectionRecord> filed_versions(Workspace& ws, int year) { return ws.registry().filed_versions(year); }

namespace {

// The 档案员 correcting, the request's reason and the filed 件 it names: refusals first.
const User& correcting_archivist(Workspace& ws, const std::string& user) {
  const User* u = ws.profile().user(user);
  if (!u) fail(Code::NotFound, msg("workflow.user.unknown", {{"id", user}}));
  if (!u->has(Role::Archivist))
    fail(Code::Forbidden, msg("archive.role.missing", {{"name", u->name}, {"action", msg("archive.action.correct")},
                                                       {"role", role_chinese(Role::Archivist)}}));
  return *u;
}

FiledRecord filed_item(Workspace& ws, const CorrectionRequest& req) {
  if (trim(req.reason).empty())
    fail(Code::BadInput, msg("correct.reason.missing"), {msg("correct.reason.missing.hint")});
  if (req.file.empty() && req.fields.empty())
    fail(Code::BadInput, msg("correct.nothing"), {msg("correct.nothing.hint")});
  const auto filed = ws.registry().filed(req.year);
  if (filed.empty())
    fail(Code::NotFound, msg("filing.year.not_filed", {{"year", std::to_string(req.year)}}), {msg("correct.not_filed.hint")});
  auto item = std::find_if(filed.begin(), filed.end(), [&](const FiledRecord& f) { return f.archive_code == req.item; });
  if (item == filed.end())
    fail(Code::NotFound, msg("correct.item.none", {{"code", req.item}, {"year", std::to_string(req.year)}}),
         {msg("correct.item.none.hint", {{"year", std::to_string(req.year)}})});
  return *item;
}

// The correctable fields' values as the latest version left them (a field corrected twice
// shows the last value): the filed metadata, then each version's 修改项 (字段/原值/新值 in
// document order; the 新值 follow their 字段).
std::map<std::string, std::string> current_values(Workspace& ws, const fs::path& bag, const std::string& meta_rel,
                                                  const std::vector<CorrectionRecord>& versions,
                                                  const std::string& code) {
  auto leaves = xml_leaves(read_file(bag / meta_rel));
  std::map<std::string, std::string> current;
  for (const auto& f : kCorrectableFields) current[f] = leaves.count(f) ? leaves[f] : "";
  for (const auto& v : versions) {
    if (v.archive_code != code) continue;
    const std::string xml = read_file(ws.root() / v.metadata_path);
    std::size_t p = 0;
    while ((p = xml.find("<字段>", p)) != std::string::npos) {
      const auto e = xml.find("</字段>", p);
      const std::string field = xml.substr(p + 8, e - p - 8);
      const auto nv = xml.find("<新值>", e);
      const auto nve = xml.find("</新值>", nv);
      if (nv != std::string::npos && nve != std::string::npos) {
        auto val = xml_leaves("<a><新值>" + xml.substr(nv + 8, nve - nv - 8) + "</新值></a>");
        current[field] = val["新值"];
      }
      p = e;
    }
  }
  return current;
}

void add_to_summary(std::string& summary, const std::string& part) { summary += (summary.empty() ? "" : "；") + part; }

// Each field the request changes, checked (a known field, a real value, a change).
std::vector<Change> field_changes(const CorrectionRequest& req, std::map<std::string, std::string>& current,
                                  std::string& summary) {
  std::vector<Change> changes;
  for (const auto& [field, given] : req.fields) {
    std::string value = given;
    if (std::find(kCorrectableFields.begin(), kCorrectableFields.end(), field) == kCorrectableFields.end())
      fail(Code::BadInput, msg("correct.field.fixed", {{"field", field}}), {msg("correct.field.fixed.hint")});
    if (value.empty()) fail(Code::BadInput, msg("correct.value.empty", {{"field", field}}));
    if (field == "日期" && !parse_date(value))
      fail(Code::BadInput, msg("correct.date.invalid", {{"value", value}}), {msg("archive.date.hint")});
    if (field == "密级") {
      // The archive's metadata (DA/T 46) names the open level 非密; the one table reads 无 too.
      const auto level = parse_secrecy(value);
      if (!level) fail(Code::BadInput, msg("correct.secrecy.invalid", {{"value", value}}));
      value = *level == Secrecy::None ? "非密" : to_chinese(*level);
    }
    if (current[field] == value) fail(Code::BadInput, msg("correct.value.same", {{"field", field}, {"value", value}}));
    changes.push_back({field, current[field], value});
    add_to_summary(summary, field + "：" + current[field] + " → " + value);
  }
  return changes;
}

struct NewFile {
  std::string bytes, ext, format;
};

// The corrected file, checked by its content; a PDF becomes an archival one like the filed
// ones: the file as given plus one update with the PDF/A-2b markers (a signature the file
// carries still verifies for its revision).
NewFile corrected_file(const CorrectionRequest& req, const std::string& previous_sha,
                       const std::map<std::string, std::string>& current, const std::vector<Change>& changes) {
  NewFile f;
  std::error_code ec;
  if (!fs::is_regular_file(req.file, ec)) fail(Code::NotFound, msg("correct.file.missing", {{"file", req.file}}));
  f.bytes = read_file(req.file);
  std::string lower = fs::path(req.file).extension().string();
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (f.bytes.rfind("%PDF-", 0) == 0) f.ext = ".pdf", f.format = "PDF";
  else if (f.bytes.rfind("PK\x03\x04", 0) == 0 && lower == ".docx") f.ext = ".docx", f.format = "DOCX";
  else if (f.bytes.rfind("PK\x03\x04", 0) == 0 && lower == ".ofd") f.ext = ".ofd", f.format = "OFD";
  else
    fail(Code::BadInput, msg("correct.file.format", {{"file", req.file}}), {msg("correct.file.format.hint")});
  if (sha256_hex(f.bytes) == previous_sha)
    fail(Code::BadInput, msg("correct.file.same", {{"file", req.file}}));
  if (f.ext == ".pdf") {
    std::map<std::string, std::string> after = current;
    for (const auto& c : changes) after[c.field] = c.after;
    const PdfaInfo info{after["题名"], after["责任者"], after["日期"], load_srgb_profile()};
    f.bytes = make_pdfa_copy(f.bytes, info, req.file).bytes;
  }
  return f;
}

// The bag's tag files after `manifest` changed: the manifest, bag-info (Payload-Oxum and
// Gongwen-Versions) and the tag manifest.
void write_bag_tags(const fs::path& side, const fs::path& bag, const std::map<std::string, std::string>& manifest,
                    std::size_t version_count) {
  std::string m;
  std::uintmax_t octets = 0;
  for (const auto& [rel, sha] : manifest) {
    m += sha + "  " + rel + "\n";
    octets += fs::file_size(side / rel);
  }
  write_file_atomic(side / "manifest-sha256.txt", m);
  std::string info = read_file(bag / "bag-info.txt"), next;
  std::istringstream in(info);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Payload-Oxum: ", 0) == 0)
      line = "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(manifest.size());
    if (line.rfind("Gongwen-Versions: ", 0) == 0) continue;
    next += line + "\n";
  }
  next += "Gongwen-Versions: " + std::to_string(version_count) + "\n";
  write_file_atomic(side / "bag-info.txt", next);
  std::string tags;
  for (const char* t : {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"})
    tags += sha256_hex(read_file(side / t)) + "  " + t + "\n";
  write_file_atomic(side / "tagmanifest-sha256.txt", tags);
}

// The next bag beside the live one: hard links to every file of it, then the new version's
// files and the tags; swapped in as the last step of the transaction recording the version,
// so the commit and the new bag land together (or neither does).
void commit_next_bag(Workspace& ws, const fs::path& bag, const fs::path& side, const CorrectionRecord& rec,
                     const std::string& vdir, const std::string& stem, const NewFile& file, const std::string& xml,
                     const std::vector<CorrectionRecord>& versions, const std::string& audit_detail) {
  fs::create_directories(side / vdir);
  auto manifest = read_manifest_map(bag / "manifest-sha256.txt");
  auto put = [&](const std::string& rel, const std::string& bytes) {
    write_file_atomic(side / rel, bytes);  // a new inode: the live bag's link is untouched
    manifest[rel] = sha256_hex(bytes);
  };
  if (!file.bytes.empty()) put(vdir + stem + file.ext, file.bytes);
  put(vdir + stem + ".xml", xml);
  put("data/更正记录.csv", versions_csv(versions));
  write_bag_tags(side, bag, manifest, versions.size());
  Registry& reg = ws.registry();
  bool swapped = false;
  try {
    reg.transaction([&] {
      reg.add_filed_version(rec);
      reg.audit(rec.corrected_at, rec.corrected_by, "archive-correct", rec.archive_code, audit_detail);
      exchange(side, bag);
      swapped = true;
    });
  } catch (...) {
    if (swapped) exchange(side, bag);  // the commit failed after the swap: put the old bag back
    throw;
  }
}

}  // namespace

CorrectionRecord correct_filed_item(Workspace& ws, const CorrectionRequest& req, const Clock& clock,
                                    const std::string& user) {
  const User& u = correcting_archivist(ws, user);
  const FiledRecord item = filed_item(ws, req);
  const std::string reason = trim(req.reason);
  const std::string y = std::to_string(req.year);
  const fs::path bag = ws.archive_dir() / y;
  const std::string meta_rel = "data/metadata/" + item.archive_code + ".xml";
  std::error_code ec;
  if (!fs::is_regular_file(bag / meta_rel, ec))
    fail(Code::Conflict, msg("correct.package.lacks", {{"year", y}, {"file", meta_rel}}), {msg("correct.package.lacks.hint", {{"year", y}})});
  auto versions = filed_versions(ws, req.year);
  std::string previous_sha = item.sha256;
  int version = 1;
  for (const auto& v : versions)
    if (v.archive_code == item.archive_code) {
      if (!v.path.empty()) previous_sha = v.sha256;
      version = std::max(version, v.version);
    }
  ++version;
  auto current = current_values(ws, bag, meta_rel, versions, item.archive_code);
  std::string summary;
  const std::vector<Change> changes = field_changes(req, current, summary);
  NewFile file;
  if (!req.file.empty()) {
    file = corrected_file(req, previous_sha, current, changes);
    add_to_summary(summary, "文件：" + fs::path(req.file).filename().string());
  }
  recover(ws, req.year, static_cast<int>(versions.size()));

  CorrectionRecord rec;
  rec.year = req.year;
  rec.archive_code = item.archive_code;
  rec.version = version;
  rec.fields = summary;
  rec.reason = reason;
  rec.corrected_by = u.id;
  rec.corrected_at = clock.now().iso8601();
  const std::string vdir = "data/corrections/" + item.archive_code + "/v" + std::to_string(version) + "/";
  const std::string stem = item.archive_code + ".v" + std::to_string(version);
  const std::string prefix = "archive/" + y + "/";
  if (!file.bytes.empty()) {
    rec.path = prefix + vdir + stem + file.ext;
    rec.sha256 = sha256_hex(file.bytes);
  }
  const std::string xml = correction_xml(rec, changes, previous_sha, ws.profile().office_name, stem + file.ext,
                                         file.format, file.bytes.size());
  rec.metadata_path = prefix + vdir + stem + ".xml";
  rec.metadata_sha256 = sha256_hex(xml);
  versions.push_back(rec);
  std::sort(versions.begin(), versions.end(), [](const CorrectionRecord& a, const CorrectionRecord& b) {
    return std::tie(a.archive_code, a.version) < std::tie(b.archive_code, b.version);
  });

  const fs::path side = ws.archive_dir() / ("." + y + ".correcting");
  fs::remove_all(side, ec);
  try {
    fs::copy(bag, side, fs::copy_options::recursive | fs::copy_options::create_hard_links);
    commit_next_bag(ws, bag, side, rec, vdir, stem, file, xml, versions,
                    "v" + std::to_string(version) + ": " + summary + "; 原因：" + reason);
  } catch (...) {
    fs::remove_all(side, ec);
    throw;
  }
  fs::remove_all(side, ec);  // now the previous bag's links
  return rec;
}

}  // namespace gongwen::archive
