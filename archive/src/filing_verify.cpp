// 四性检测 of a filed year: authenticity (signatures, hashes against the manifest and the
// register, the audit chain), integrity (件号/文号 sequences, metadata, every 件 has its
// files), usability (Poppler opens and renders, fonts embedded, allowed formats) and
// security (nothing in the bag that the manifests do not list).
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <map>
#include <set>
#include <sstream>

#include "filing_package.hpp"
#include "filing_parallel.hpp"
#include "gongwen/archive/audit_check.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/electronic_seal.hpp"
#include "gongwen/archive/filing_correct.hpp"
#include "gongwen/archive/receiving.hpp"
#include "gongwen/pipeline/messages.hpp"
#include "gongwen/pipeline/ofd_read.hpp"
#include "gongwen/pipeline/ofd_seal.hpp"
#include "gongwen/pipeline/sign.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kTagFiles{"bagit.txt", "bag-info.txt", "manifest-sha256.txt",
                                      "tagmanifest-sha256.txt"};
const std::set<std::string> kAllowed{".pdf", ".xml", ".csv", ".docx", ".txt", ".ofd"};

// A finding in the catalogue's words, carrying its code ("archive.check.…").
VerifyFinding finding(std::string aspect, std::string file, std::string_view code, MessageArgs args = {}) {
  return {std::move(aspect), std::move(file), msg(code, args), std::string(code)};
}

std::map<std::string, std::string> read_manifest(const fs::path& file, std::vector<VerifyFinding>& bad,
                                                 const std::string& name) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    bad.push_back(finding("完整性", name, "archive.check.manifest.missing"));
    return out;
  }
  std::istringstream in(read_file(file));
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (line.size() < 67 || line.substr(64, 2) != "  ") {
      bad.push_back(finding("完整性", name, "archive.check.manifest.line", {{"line", std::to_string(no)}}));
      continue;
    }
    out[line.substr(66)] = line.substr(0, 64);
  }
  return out;
}

// Element text by local name under `node`, depth first (the EEP nests the 文件实体).
std::map<std::string, std::string> leaf_texts(xmlNode* node) {
  std::map<std::string, std::string> out;
  for (xmlNode* c = node; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (c->children && c->children->type == XML_TEXT_NODE && !c->children->next) {
      xmlChar* t = xmlNodeGetContent(c);
      out.emplace(reinterpret_cast<const char*>(c->name), t ? reinterpret_cast<const char*>(t) : "");
      xmlFree(t);
    } else {
      for (auto& [k, v] : leaf_texts(c->children)) out.emplace(k, v);
    }
  }
  return out;
}

void check_pdf(const std::string& rel, const std::string& bytes, VerifyReport& r) {
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d || d->is_locked()) {
    r.failures.push_back(finding("可用性", rel, "archive.check.pdf.unopenable"));
    return;
  }
  if (d->is_encrypted()) r.failures.push_back(finding("可用性", rel, "archive.check.pdf.encrypted"));
  if (d->pages() < 1) {
    r.failures.push_back(finding("可用性", rel, "archive.check.pdf.no_page"));
    return;
  }
  std::unique_ptr<poppler::page> p(d->create_page(0));
  poppler::page_renderer renderer;
  const poppler::image img = renderer.render_page(p.get(), 9, 9);  // a thumbnail proves it renders
  if (!img.is_valid()) r.failures.push_back(finding("可用性", rel, "archive.check.pdf.unrenderable"));
  for (const auto& f : d->fonts())
    if (!f.is_embedded())
      r.failures.push_back(finding("可用性", rel, "archive.check.pdf.font", {{"font", f.name()}}));
}

// Usability, the PDF/A mark, the issued signature and the original as first revision.
void check_document(Workspace& ws, const FiledRecord& f, const std::string& rel, const std::string& bytes,
                    VerifyReport& r) {
  auto& bad = r.failures;
  check_pdf(rel, bytes, r);
  if (bytes.find("<pdfaid:part>2</pdfaid:part>") == std::string::npos)
    bad.push_back(finding("可用性", rel, "archive.check.pdf.no_pdfa"));
  const SignatureReport sig = verify_pdf_signature(bytes);
  if (sig.status == SignatureStatus::Unsigned)
    r.notes.push_back(msg("archive.check.note.unsigned", {{"number", f.number}}));
  else if (!sig.valid())
    bad.push_back(finding("真实性", rel, "archive.check.signature", {{"why", sig.message}}));
  // The issued original must still be the copy's first revision, byte for byte.
  std::optional<IssuedRecord> issued;
  {
    static std::mutex registry_mutex;  // one SQLite connection, used from the workers
    std::lock_guard<std::mutex> lock(registry_mutex);
    issued = ws.registry().issued_by_number(f.number);
  }
  if (issued) {
    std::error_code ec;
    const fs::path orig = ws.root() / issued->pdf_path;
    const auto n = fs::file_size(orig, ec);
    if (!ec && (bytes.size() < n || sha256_hex(std::string_view(bytes).substr(0, n)) != issued->pdf_sha256))
      bad.push_back(finding("真实性", rel, "archive.check.original", {{"number", f.number}}));
  }
}

// Corrections after the lock: every recorded version is in the package with the register's
// hashes, numbered 2, 3, … without gaps, and nothing under data/corrections is unrecorded.
void check_versions(Workspace& ws, int year, const std::vector<FiledRecord>& filed,
                    const std::map<std::string, std::string>& manifest, const fs::path& bag, VerifyReport& r) {
  auto& bad = r.failures;
  const std::string prefix = "archive/" + std::to_string(year) + "/";
  auto rel_of = [&](const std::string& p) { return p.rfind(prefix, 0) == 0 ? p.substr(prefix.size()) : p; };
  std::set<std::string> codes, recorded;
  for (const auto& f : filed) codes.insert(f.archive_code);
  std::map<std::string, int> last;
  for (const auto& v : filed_versions(ws, year)) {
    r.versions.push_back(msg("archive.check.version.line",
                             {{"code", v.archive_code}, {"version", std::to_string(v.version)}, {"at", v.corrected_at},
                              {"by", v.corrected_by}, {"fields", v.fields}, {"reason", v.reason}}));
    if (!codes.count(v.archive_code))
      bad.push_back(finding("完整性", v.archive_code, "archive.check.version.unfiled"));
    if (v.version != last[v.archive_code] + (last[v.archive_code] ? 1 : 2))
      bad.push_back(finding("完整性", v.archive_code, "archive.check.version.sequence",
                            {{"version", std::to_string(v.version)},
                             {"previous", std::to_string(last[v.archive_code] ? last[v.archive_code] : 1)}}));
    last[v.archive_code] = v.version;
    std::vector<std::pair<std::string, std::string>> files{{rel_of(v.metadata_path), v.metadata_sha256}};
    if (!v.path.empty()) files.push_back({rel_of(v.path), v.sha256});
    for (const auto& [rel, sha] : files) {
      recorded.insert(rel);
      auto it = manifest.find(rel);
      if (it == manifest.end())
        bad.push_back(finding("完整性", rel, "archive.check.version.unlisted",
                              {{"version", std::to_string(v.version)}, {"code", v.archive_code}}));
      else if (it->second != sha)
        bad.push_back(finding("真实性", rel, "archive.check.version.hash",
                              {{"version", std::to_string(v.version)}, {"code", v.archive_code},
                               {"expected", sha}, {"actual", it->second}}));
    }
    std::error_code ec;
    const fs::path meta = bag / rel_of(v.metadata_path);
    if (fs::is_regular_file(meta, ec)) {
      const std::string xml = read_file(meta);
      libxml_ready();
      xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "v.xml", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      if (!doc) {
        bad.push_back(finding("可用性", rel_of(v.metadata_path), "archive.check.xml"));
        continue;
      }
      const auto t = leaf_texts(xmlDocGetRootElement(doc));
      xmlFreeDoc(doc);
      if (!t.count("封装包类型") || t.at("封装包类型") != "修改型")
        bad.push_back(finding("完整性", rel_of(v.metadata_path), "archive.check.version.not_revision"));
      if (!t.count("档号") || t.at("档号") != v.archive_code || !t.count("版本号") ||
          t.at("版本号") != std::to_string(v.version))
        bad.push_back(finding("真实性", rel_of(v.metadata_path), "archive.check.version.mismatch"));
      for (const char* k : {"修改原因", "修改人", "修改时间"})
        if (!t.count(k) || t.at(k).empty())
          bad.push_back(finding("完整性", rel_of(v.metadata_path), "archive.check.metadata.element", {{"element", k}}));
    }
  }
  for (const auto& [rel, sha] : manifest)
    if (rel.starts_with("data/corrections/") && !recorded.count(rel))
      bad.push_back(finding("真实性", rel, "archive.check.correction.unrecorded"));
}

}  // namespace

namespace {

using Manifest = std::map<std::string, std::string>;
using Findings = std::vector<VerifyFinding>;

// What a filed OFD must show: an issued one its seals, made by the workspace's 制章者; a 来文
// the seals that verified when it was registered (one that did not is a note, not a failure:
// the archive keeps what was received).
struct OfdExpect {
  std::string number;                // 文号 or 收文号, for the notes
  std::vector<std::string> trusted;  // 制章者 certificates (PEM); empty: any maker
  bool must_verify = true;
  std::string at_receipt;            // a 来文's seal check when registered, when it did not verify
  bool open_only = false;            // a 来文 without a kept seal check (unsealed, or from before schema 5)
};
using OfdExpectations = std::map<std::string, OfdExpect>;  // by path in the bag

// 可用性: the package opens (read_ofd: structure, every referenced part); 真实性: every SES
// signature, the seal's own and the files against the References (a changed byte anywhere).
// An unsealed document's OFD (a 纪要) has no signature to check; its bytes are held by the
// manifest and the register's hash.
void check_ofd(const std::string& rel, const std::string& bytes, const OfdExpect& e, VerifyReport& r) {
  auto opened = read_ofd(bytes, rel);
  if (!opened.ok()) {
    r.failures.push_back(finding("可用性", rel, "archive.ofd.unreadable", {{"why", opened.error().message}}));
    return;
  }
  if (e.open_only) return;
  if (!e.must_verify) {
    r.notes.push_back(msg("archive.ofd.seal_at_receipt", {{"number", e.number}, {"why", e.at_receipt}}));
    return;
  }
  const OfdVerifyReport v = verify_ofd(bytes, e.trusted);
  if (v.seals.empty()) return;  // an unsealed document's OFD: nothing signed to check
  for (const std::string& p : v.problems)
    r.failures.push_back(finding("真实性", rel, "archive.ofd.package", {{"why", p}}));
  for (const OfdSealCheck& seal : v.seals) {
    if (seal.ok()) continue;
    std::string why;
    for (const std::string& p : seal.problems) why += (why.empty() ? "" : "；") + p;
    r.failures.push_back(finding("真实性", rel, "archive.ofd.seal", {{"seal", seal.seal_name}, {"why", why}}));
  }
}

std::string in_bag(const FiledRecord& f, int year) {
  const std::string prefix = "archive/" + std::to_string(year) + "/";
  return f.path.rfind(prefix, 0) == 0 ? f.path.substr(prefix.size()) : f.path;
}

// 安全性: nothing unlisted (and no links pointing outside); 可用性: only allowed formats.
void check_unlisted(const fs::path& bag, const Manifest& manifest, const Manifest& tags, Findings& bad) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(bag, ec); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = fs::relative(it->path(), bag).generic_string();
    if (it->is_symlink()) {
      bad.push_back(finding("安全性", rel, "archive.check.symlink"));
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (kTagFiles.count(rel)) continue;
    if (!manifest.count(rel) && !tags.count(rel))
      bad.push_back(finding("安全性", rel, "archive.check.added"));
    if (!kAllowed.count(it->path().extension().string()))
      bad.push_back(finding("可用性", rel, "archive.check.format", {{"format", it->path().extension().string()}}));
  }
}

// One listed file: present, unchanged, and (a document) sound.
void check_listed_file(Workspace& ws, const fs::path& bag, const std::string& rel, const std::string& sha,
                       const std::map<std::string, const FiledRecord*>& by_rel, const OfdExpectations& ofds,
                       VerifyReport& part) {
  std::error_code e;
  const fs::path p = bag / rel;
  if (!fs::is_regular_file(p, e)) {
    part.failures.push_back(finding("完整性", rel, "archive.check.deleted"));
    return;
  }
  const std::string b = read_file(p);
  part.files = 1;
  if (const std::string actual = sha256_hex(b); actual != sha)
    part.failures.push_back(finding("真实性", rel, "archive.check.changed", {{"expected", sha}, {"actual", actual}}));
  auto f = by_rel.find(rel);
  if (f != by_rel.end() && rel.ends_with(".pdf")) check_document(ws, *f->second, rel, b, part);
  else if (rel.starts_with("data/corrections/") && rel.ends_with(".pdf")) check_pdf(rel, b, part);
  if (auto o = ofds.find(rel); o != ofds.end()) check_ofd(rel, b, o->second, part);
  // Corrected versions and the 发文稿纸 are archival PDFs too (PDF/A-2b markers, no stamp).
  if (rel.ends_with(".pdf") && f == by_rel.end() && b.find("<pdfaid:part>2</pdfaid:part>") == std::string::npos &&
      (rel.starts_with("data/corrections/") || rel.ends_with(".发文稿纸.pdf")))
    part.failures.push_back(finding("可用性", rel, "archive.check.pdf.no_pdfa"));
}

// 真实性 + 完整性: every listed file present and unchanged; each document is checked while
// its bytes are in memory, a few at a time on the machine's cores (a year of thousands
// stays small in memory); findings are merged in manifest order.
void check_listed(Workspace& ws, int year, const std::vector<FiledRecord>& filed, const fs::path& bag,
                  const Manifest& manifest, const Manifest& tags, const OfdExpectations& ofds, VerifyReport& r) {
  std::map<std::string, const FiledRecord*> by_rel;
  for (const auto& f : filed) by_rel[in_bag(f, year)] = &f;
  std::vector<std::pair<std::string, std::string>> listed;
  for (const auto* m : {&manifest, &tags}) listed.insert(listed.end(), m->begin(), m->end());
  std::vector<VerifyReport> parts(listed.size());
  parallel_for(listed.size(), [&](std::size_t i) { check_listed_file(ws, bag, listed[i].first, listed[i].second, by_rel, ofds, parts[i]); });
  for (auto& part : parts) {
    r.files += part.files;
    for (auto& f : part.failures) r.failures.push_back(std::move(f));
    for (auto& n : part.notes) r.notes.push_back(std::move(n));
  }
}

// A 件's metadata (DA/T 48 封装包): well-formed, the required elements, matching the register.
void check_metadata(const fs::path& bag, const FiledRecord& f, const Manifest& manifest, Findings& bad) {
  const std::string meta_rel = "data/metadata/" + f.archive_code + ".xml";
  if (!manifest.count(meta_rel))
    bad.push_back(finding("完整性", meta_rel, "archive.check.metadata.missing", {{"code", f.archive_code}}));
  std::error_code ec;
  if (!fs::is_regular_file(bag / meta_rel, ec)) return;
  const std::string xml = read_file(bag / meta_rel);
  libxml_ready();
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), meta_rel.c_str(), nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    bad.push_back(finding("可用性", meta_rel, "archive.check.xml"));
    return;
  }
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || !root->ns || std::string(reinterpret_cast<const char*>(root->ns->href)) != kEepNamespace)
    bad.push_back(finding("完整性", meta_rel, "archive.check.metadata.namespace"));
  const auto t = leaf_texts(root);
  for (const char* k : {"档号", "题名", "责任者", "日期", "保管期限", "密级", "格式信息", "计算机文件名",
                        "计算机文件大小", "数字摘要", "业务行为"})
    if (!t.count(k) || t.at(k).empty())
      bad.push_back(finding("完整性", meta_rel, "archive.check.metadata.element", {{"element", k}}));
  if (t.count("数字摘要") && t.at("数字摘要") != f.sha256)
    bad.push_back(finding("真实性", meta_rel, "archive.check.metadata.digest",
                          {{"code", f.archive_code}, {"expected", f.sha256}, {"actual", t.at("数字摘要")}}));
  if (t.count("档号") && t.at("档号") != f.archive_code)
    bad.push_back(finding("真实性", meta_rel, "archive.check.metadata.code",
                          {{"expected", f.archive_code}, {"actual", t.at("档号")}}));
  xmlFreeDoc(doc);
}

// The register against the package, 件 by 件; then 件号 from 0001 without gaps in every class.
void check_register(int year, const std::vector<FiledRecord>& filed, const fs::path& bag, const Manifest& manifest,
                    Findings& bad) {
  std::map<std::string, std::vector<int>> classes;
  for (const auto& f : filed) {
    const std::string rel = in_bag(f, year);
    classes[f.archive_code.substr(0, f.archive_code.rfind('-'))].push_back(f.item_no);
    auto it = manifest.find(rel);
    if (it == manifest.end()) {
      bad.push_back(finding("完整性", rel, "archive.check.item.unlisted", {{"code", f.archive_code}, {"number", f.number}}));
    } else if (it->second != f.sha256) {
      bad.push_back(finding("真实性", rel, "archive.check.item.hash",
                            {{"code", f.archive_code}, {"expected", f.sha256}, {"actual", it->second}}));
    }
    check_metadata(bag, f, manifest, bad);
  }
  for (auto& [cls, nos] : classes) {
    std::sort(nos.begin(), nos.end());
    for (std::size_t i = 0; i < nos.size(); ++i)
      if (nos[i] != static_cast<int>(i + 1)) {
        bad.push_back(finding("完整性", cls, "archive.check.item_no.gap", {{"item", std::to_string(nos[i])}}));
        break;
      }
  }
}

// 文号: every number of the year is filed or explained by a void record.
void check_numbers(Registry& reg, int year, const std::vector<FiledRecord>& filed, Findings& bad) {
  std::set<std::string> filed_numbers;
  for (const auto& f : filed) filed_numbers.insert(f.number);
  std::map<std::string, std::set<int>> serials;
  for (const auto& n : reg.numbers(year)) {
    serials[n.code].insert(n.serial);
    const std::string num = n.code + "〔" + std::to_string(year) + "〕" + std::to_string(n.serial) + "号";
    if (n.status != "void" && !filed_numbers.count(num))
      bad.push_back(finding("完整性", num, "archive.check.number.unfiled"));
  }
  for (const auto& [code, set] : serials)
    for (int s = 1; s < *set.rbegin(); ++s)
      if (!set.count(s))
        bad.push_back(finding("完整性", code + "〔" + std::to_string(year) + "〕" + std::to_string(s) + "号",
                              "archive.check.number.missing"));
}

// Every filed OFD and what it must show: an issued 件's (<档号>.ofd beside the PDF/A copy, when
// the register holds one) and a 来文 received as OFD (its main file).
OfdExpectations ofd_expectations(Workspace& ws, int year, const std::vector<FiledRecord>& filed) {
  OfdExpectations out;
  Registry& reg = ws.registry();
  std::vector<std::string> ours;
  const std::string maker = ElectronicSeals::maker_certificate(ws.keys_dir());
  if (!maker.empty()) ours.push_back(maker);
  std::map<std::string, ReceivedRecord> received;
  for (auto& r : reg.received_list(year)) received.emplace(r.registration(), std::move(r));
  for (const auto& f : filed) {
    if (auto issued = reg.issued_by_number(f.number); issued && !issued->ofd_sha256.empty()) {
      out["data/documents/" + f.archive_code + ".ofd"] = OfdExpect{f.number, ours, true, ""};
    } else if (auto r = received.find(f.number); r != received.end() && r->second.format == "OFD") {
      const ReceivedSealCheck& c = r->second.seal_check;
      OfdExpect e{f.number, {}, c.result == "verified", ""};
      // Unsealed, or registered before the check was kept: it must open, nothing more.
      if (c.result != "verified" && c.result != "failed") e.open_only = true;
      if (c.result == "failed") {
        auto add = [&](const std::string& why) { e.at_receipt += (e.at_receipt.empty() ? "" : "；") + why; };
        for (const auto& s : c.seals)
          if (!s.valid) add(s.seal_name + "：" + s.problem);
        for (const auto& p : c.problems) add(p);
      }
      out[in_bag(f, year)] = e;
    }
  }
  return out;
}

// The OFD of every issued 件 whose register holds one is in the package, the very file issued.
void check_ofds(Registry& reg, const std::vector<FiledRecord>& filed, const Manifest& manifest, Findings& bad) {
  for (const auto& f : filed) {
    std::optional<IssuedRecord> issued = reg.issued_by_number(f.number);
    if (!issued || issued->ofd_sha256.empty()) continue;
    const std::string rel = "data/documents/" + f.archive_code + ".ofd";
    auto it = manifest.find(rel);
    if (it == manifest.end())
      bad.push_back(finding("完整性", rel, "archive.ofd.missing", {{"code", f.archive_code}}));
    else if (it->second != issued->ofd_sha256)
      bad.push_back(finding("真实性", rel, "archive.ofd.differs", {{"code", f.archive_code}}));
  }
}

// The 发文稿纸 (drafting record) of every issued 件 is in the package beside it.
void check_sheets(Registry& reg, const std::vector<FiledRecord>& filed, const Manifest& manifest, Findings& bad) {
  for (const auto& f : filed) {
    std::optional<IssuedRecord> issued = reg.issued_by_number(f.number);
    if (!issued || issued->sheet_path.empty()) continue;
    const std::string sheet = "data/documents/" + f.archive_code + ".发文稿纸.pdf";
    if (!manifest.count(sheet))
      bad.push_back(finding("完整性", sheet, "archive.check.sheet.missing", {{"code", f.archive_code}}));
  }
}

}  // namespace

VerifyReport verify_year(Workspace& ws, int year) {
  Registry& reg = ws.registry();
  const auto filed = reg.filed(year);
  if (filed.empty()) fail(Code::NotFound, msg("filing.year.not_filed", {{"year", std::to_string(year)}}),
                          {msg("filing.year.not_filed.hint", {{"year", std::to_string(year)}})});
  VerifyReport r;
  r.year = year;
  r.items = static_cast<int>(filed.size());
  const fs::path bag = ws.archive_dir() / std::to_string(year);
  std::error_code ec;
  if (!fs::is_directory(bag, ec)) {
    r.failures.push_back(finding("完整性", ws.relative(bag), "archive.check.bag.missing"));
    return r;
  }
  auto& bad = r.failures;
  const auto manifest = read_manifest(bag / "manifest-sha256.txt", bad, "manifest-sha256.txt");
  const auto tags = read_manifest(bag / "tagmanifest-sha256.txt", bad, "tagmanifest-sha256.txt");
  check_unlisted(bag, manifest, tags, bad);
  check_listed(ws, year, filed, bag, manifest, tags, ofd_expectations(ws, year, filed), r);
  if (!tags.count("manifest-sha256.txt"))
    bad.push_back(finding("完整性", "tagmanifest-sha256.txt", "archive.check.tagmanifest"));
  check_register(year, filed, bag, manifest, bad);
  check_numbers(reg, year, filed, bad);
  check_versions(ws, year, filed, manifest, bag, r);
  check_sheets(reg, filed, manifest, bad);
  check_ofds(reg, filed, manifest, bad);
  // The whole audit check of `gongwen audit verify` (chain, MACs, head, signed checkpoints,
  // sealed rows), not the bare hash chain: a re-chained or forged entry fails here too. The
  // entries' time order is added by services::verify_year_for (the clock policy is there).
  for (const auto& problem : check_audit(ws).problems)
    bad.push_back({"安全性", msg("archive.check.audit_log"), problem, "archive.check.audit"});
  return r;
}

}  // namespace gongwen::archive
