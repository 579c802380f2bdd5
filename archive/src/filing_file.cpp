// `archive plan` and `archive file`: the plan (what will be filed, with 保管期限), and the
// filing itself — 件号/档号, archival copies with the 归档章, metadata XML, catalogue, 备考表 and
// the BagIt bag — staged in a hidden folder and renamed into place inside the registry
// transaction that records the `filed` rows and locks the year.
#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "filing_dates.hpp"
#include "filing_package.hpp"
#include "filing_parallel.hpp"
#include "filing_stamp.hpp"
#include "gongwen/archive/filing.hpp"
#include "gongwen/archive/receiving.hpp"

namespace gongwen::archive {

namespace fs = std::filesystem;

namespace {

RetentionTable load_table(Workspace& ws) {
  const fs::path rules = ws.templates_dir() / "retention.toml";
  std::error_code ec;
  if (!fs::exists(rules, ec)) return {};
  return parse_retention_table(read_file(rules), rules.string()).take();
}

std::string unit_of(const Workspace& ws, const std::string& issuer) {
  const std::string lead = issuer.substr(0, issuer.find("、"));
  for (const auto& o : ws.profile().organs)
    if (o.name == lead) return o.unit_code;
  return ws.profile().organs.empty() ? "BGS" : ws.profile().organs.front().unit_code;
}

// A 件 with what the filing needs beyond the plan row.
struct Source {
  PlanItem plan;
  std::string file;           // relative to the workspace
  std::string sha256;         // as registered
  std::string ext = ".pdf";
  int pages = 0;
  std::string display_number;  // 文号 column of the catalogue
  std::vector<HandlingStep> history;
  std::string sheet;  // 发文稿纸 or 文件处理签 PDF (relative to the workspace), filed beside the original
  std::string sheet_name = "发文稿纸";
  // An issued document's OFD with its electronic seal (relative to the workspace; "" when the
  // register has none: issued before schema 5), filed byte for byte beside the PDF/A copy.
  std::string ofd, ofd_sha256;
};

std::vector<Source> sources(Workspace& ws, int year, const RetentionOverrides& overrides,
                            const FilingScheme& scheme) {
  const RetentionTable table = load_table(ws);
  Registry& reg = ws.registry();
  std::vector<Source> out;
  std::multimap<std::string, SealUseRecord> seals;  // read once: a year has thousands
  for (auto& u : reg.seal_uses()) seals.emplace(u.number, std::move(u));
  for (const auto& r : valid_issued(reg, year)) {
    Source s;
    s.plan = PlanItem{"发文", r.number, r.title, r.kind, r.issuer, r.date, to_chinese(r.secrecy),
                      unit_of(ws, r.issuer), table.retention_for(r.kind, r.title, "发文"), false};
    s.file = r.pdf_path;
    s.sha256 = r.pdf_sha256;
    s.pages = r.pages;
    s.display_number = r.number;
    // 发文稿纸: the drafting history goes with the original.
    if (auto d = reg.draft(r.draft_id)) s.history.push_back({"拟稿", d->drafter, d->created_at, d->title});
    for (const auto& v : reg.reviews(r.draft_id))
      s.history.push_back({"审核", v.reviewer, v.at,
                           (v.decision == Decision::Approve ? "同意" : "退回") +
                               (v.opinion.empty() ? "" : "：" + v.opinion)});
    if (auto so = reg.signoff(r.draft_id)) s.history.push_back({"签发", so->signer, so->at, so->opinion});
    for (auto [a, b] = seals.equal_range(r.number); a != b; ++a)
      s.history.push_back({"用印", a->second.keeper, a->second.at, a->second.seal_text});
    s.history.push_back({"登记", "", r.issued_at, r.number});
    s.sheet = r.sheet_path;
    s.ofd = r.ofd_path;
    s.ofd_sha256 = r.ofd_sha256;
    out.push_back(std::move(s));
  }
  const FixedClock no_clock(Instant{});  // listing reads no time
  Receiving rec(ws, no_clock);
  for (const auto& r : rec.list(year)) {
    if (r.secrecy != Secrecy::None) continue;  // secret copies are returned (清退), not kept
    Source s;
    s.plan = PlanItem{"收文", r.registration(), r.title, r.kind, r.sender, r.date, to_chinese(r.secrecy),
                      unit_of(ws, ""), table.retention_for(r.kind, r.title, "收文", r.sender), false};
    s.file = r.file_path;
    s.sha256 = r.sha256;
    s.ext = r.format == "PDF" ? ".pdf" : r.format == "DOCX" ? ".docx" : ".ofd";
    s.display_number = r.their_number;
    s.sheet = r.slip_path;  // the 文件处理签 goes with the 来文
    s.sheet_name = "文件处理签";
    s.history.push_back({"收文登记", r.registered_by, r.received_at, "签收人 " + r.signed_by});
    if (!r.proposal.empty()) s.history.push_back({"拟办", "", "", r.proposal});
    if (!r.instruction.empty()) s.history.push_back({"批示", "", "", r.instruction});
    for (const auto& c : rec.circulation(r.id))
      s.history.push_back({"传阅", c.person, c.sent_at, "阅毕 " + c.read_at + " 退回 " + c.returned_at});
    out.push_back(std::move(s));
  }
  for (auto& s : out) {
    auto o = overrides.find(s.plan.number);
    if (o != overrides.end() && o->second != s.plan.retention) {
      s.plan.retention = o->second;
      s.plan.overridden = true;
    }
  }
  // The scheme's levels (年度–机构–保管期限 by default), by date inside the lowest class (then
  // 文号 for a stable order). A scheme without 机构 puts every unit into one class.
  auto key = [&](const Source& s) {
    std::vector<std::string> k;
    for (auto l : scheme.levels) k.push_back(l == ClassLevel::Unit ? s.plan.unit : s.plan.retention);
    k.push_back(s.plan.date.iso());
    k.push_back(s.plan.number);
    return k;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Source& a, const Source& b) { return key(a) < key(b); });
  if (!scheme.has_unit())
    for (auto& s : out) s.plan.unit.clear();
  return out;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Ours when bag-info.txt says so: a bag renamed into place whose commit did not happen.
bool is_our_unregistered_bag(const fs::path& dir, int year) {
  std::error_code ec;
  if (!fs::exists(dir / "bag-info.txt", ec)) return false;
  const std::string info = read_file(dir / "bag-info.txt");
  return info.find("Bagging-Software: gongwen") != std::string::npos &&
         info.find("Gongwen-Filing-Year: " + std::to_string(year)) != std::string::npos;
}

std::string manifest_of(const fs::path& root, const std::vector<std::string>& rel) {
  std::string m;
  for (const auto& r : rel) m += sha256_hex(read_file(root / r)) + "  " + r + "\n";
  return m;
}

}  // namespace

FilingScheme load_filing_scheme(const Workspace& ws) {
  const fs::path file = ws.templates_dir() / "archive.toml";
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};  // a workspace made before the setting existed
  return parse_filing_scheme(read_file(file), file.string()).take();
}

std::vector<PlanItem> filing_plan(Workspace& ws, int year, const RetentionOverrides& overrides) {
  std::vector<PlanItem> out;
  for (auto& s : sources(ws, year, overrides, load_filing_scheme(ws))) out.push_back(std::move(s.plan));
  return out;
}

std::string plan_csv(const std::vector<PlanItem>& plan) {
  std::string csv = "文号,来源,题名,责任者,日期,密级,机构,保管期限,改定\n";
  for (const auto& p : plan)
    csv += csv_field(p.number) + "," + p.origin + "," + csv_field(p.title) + "," + csv_field(p.author) +
           "," + p.date.iso() + "," + p.secrecy + "," + p.unit + "," + p.retention + "," +
           (p.overridden ? "是" : "") + "\n";
  return csv;
}

Result<RetentionOverrides> parse_plan_overrides(std::string_view csv, const std::string& source) {
  RetentionOverrides out;
  std::istringstream in{std::string(csv)};
  std::string line;
  int no = 0;
  int col_number = -1, col_retention = -1;
  while (std::getline(in, line)) {
    ++no;
    if (line.empty()) continue;
    const auto cols = split_csv_line(line);
    if (col_number < 0) {
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i] == "文号") col_number = static_cast<int>(i);
        if (cols[i] == "保管期限") col_retention = static_cast<int>(i);
      }
      if (col_number < 0 || col_retention < 0) {
        Error e = make_error(Code::BadInput, msg("filing.plan.header"), {msg("filing.plan.header.hint")});
        e.at = SourcePos{source, no, 1};
        return e;
      }
      continue;
    }
    if (static_cast<int>(cols.size()) <= std::max(col_number, col_retention)) {
      Error e = make_error(Code::BadInput, msg("filing.plan.columns"));
      e.at = SourcePos{source, no, 1};
      return e;
    }
    const std::string& ret = cols[col_retention];
    if (retention_code(ret).empty()) {
      Error e = make_error(Code::BadInput, msg("filing.plan.retention", {{"value", ret}, {"number", cols[col_number]}}),
                           {msg("filing.retention.hint")});
      e.at = SourcePos{source, no, col_retention + 1};
      return e;
    }
    out[cols[col_number]] = ret;
  }
  return out;
}

void require_open_year(Workspace& ws, int year, const std::string& what) {
  if (!ws.registry().filed(year).empty())
    fail(Code::Conflict, msg("filing.year.locked", {{"year", std::to_string(year)}, {"what", what}}),
         {msg("filing.year.locked.hint")});
}

int days_to_deadline(const Workspace& ws, int year, const Date& today) {
  const Date deadline{year + 1, ws.profile().filing_deadline_month, ws.profile().filing_deadline_day};
  return static_cast<int>(days_from_civil(deadline) - days_from_civil(today));
}

namespace {

// The staged result of one 件: its 类别号, 档号, where its files go in the bag and their hashes.
struct Staged {
  std::string cls, code, rel, sha, sheet_rel, sheet_sha, meta_sha, box;
  std::string ofd_rel, ofd_sha;
  std::size_t ofd_size = 0;
  int item_no = 0;
  bool outside_blank = false;
  int pages = 0;
  std::size_t size = 0;
};

// One run of `file_year`, step by step: each step one job, the state they share here. The
// package is staged in a hidden folder and renamed into place inside the registry
// transaction that records the `filed` rows.
class YearFiling {
 public:
  YearFiling(Workspace& ws, int year, const Clock& clock, const User& user, const FilingOptions& options,
             FilingScheme scheme, std::vector<Source> items)
      : m_ws(ws), m_year(year), m_clock(clock), m_user(user), m_options(options), m_scheme(std::move(scheme)),
        m_items(std::move(items)), m_now(clock.now()), m_at(m_now.iso8601()), m_y(std::to_string(year)),
        m_fonds(ws.profile().fonds), m_final_dir(ws.archive_dir() / m_y),
        m_staging(ws.archive_dir() / ("." + m_y + ".staging")), m_staged(m_items.size()), m_box_of(m_items.size()) {}

  FilingResult run() {
    prepare_folders();
    m_result.year = m_year;
    m_result.bag_dir = m_ws.relative(m_final_dir);
    assign_codes();
    stage_copies();
    pack_boxes();
    write_metadata();
    const auto rows = catalogue_rows();
    write_forms(rows);
    const std::string manifest = write_bag();
    if (m_options.progress) m_options.progress(static_cast<int>(rows.size()), static_cast<int>(rows.size()));
    commit(manifest);
    m_result.catalogue_csv = m_ws.relative(m_final_dir / "data" / "归档文件目录.csv");
    m_result.boxes = static_cast<int>(m_boxes.size());
    return m_result;
  }

 private:
  // A bag left by a run killed before its commit is redone; any other folder is not ours.
  void prepare_folders() {
    std::error_code ec;
    if (fs::exists(m_final_dir, ec)) {
      if (!is_our_unregistered_bag(m_final_dir, m_year))
        fail(Code::Conflict, msg("filing.dir.exists", {{"dir", m_final_dir.string()}}), {msg("filing.dir.exists.hint")});
      fs::remove_all(m_final_dir, ec);
    }
    fs::remove_all(m_staging, ec);  // a previous run that was interrupted
    fs::create_directories(m_staging / "data" / "documents");
    fs::create_directories(m_staging / "data" / "metadata");
  }

  // 件号 and 档号 in filing order (sequential, cheap).
  void assign_codes() {
    std::map<std::string, int> item_counter;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      const auto& s = m_items[i];
      Staged& st = m_staged[i];
      st.cls = m_scheme.class_code(m_fonds, m_y, retention_code(s.plan.retention), s.plan.unit);
      st.item_no = ++item_counter[st.cls];
      st.code = st.cls + m_scheme.separators.item + four_digits(st.item_no);
      st.rel = "data/documents/" + st.code + s.ext;
    }
  }

  // The archival copies (归档章, PDF/A) on the machine's cores, each result in its own slot so
  // the package is the same whatever the scheduling.
  void stage_copies() {
    std::mutex progress_mutex;
    int done = 0;
    const std::string icc = load_srgb_profile();
    parallel_for(m_items.size(), [&](std::size_t i) {
      stage_copy(m_items[i], m_staged[i], icc);
      if (m_options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        m_options.progress(++done, static_cast<int>(m_items.size()));
      }
    });
  }

  void stage_copy(const Source& s, Staged& st, const std::string& icc) const {
    const std::string original = read_file(m_ws.root() / s.file);
    std::string bytes;
    if (s.ext == ".pdf") {
      StampFields f{m_fonds, m_y, four_digits(st.item_no), s.plan.unit, retention_short(s.plan.retention),
                    s.pages ? std::to_string(s.pages) : ""};
      PdfaInfo info{s.plan.title, s.plan.author, s.plan.date.iso(), icc};
      ArchivalCopy copy = make_archival_copy(original, f, info, s.file);
      st.outside_blank = !copy.in_blank;
      st.pages = s.pages ? s.pages : copy.pages;
      bytes = std::move(copy.bytes);
    } else {
      bytes = original;
    }
    write_file_atomic(m_staging / st.rel, bytes);
    st.sha = sha256_hex(bytes);
    st.size = bytes.size();
    // 发文稿纸 / 文件处理签: the handling record is filed with the original, as its own file.
    std::error_code e;
    if (!s.sheet.empty() && fs::is_regular_file(m_ws.root() / s.sheet, e)) {
      // Archival like the document itself: the same PDF/A-2b markers, no 归档章.
      const PdfaInfo sheet_info{s.plan.title + "（" + s.sheet_name + "）", s.plan.author, s.plan.date.iso(), icc};
      const std::string sheet = make_pdfa_copy(read_file(m_ws.root() / s.sheet), sheet_info, s.sheet).bytes;
      st.sheet_rel = "data/documents/" + st.code + "." + s.sheet_name + ".pdf";
      write_file_atomic(m_staging / st.sheet_rel, sheet);
      st.sheet_sha = sha256_hex(sheet);
    }
    // The OFD as issued, byte for byte: its SES signatures cover every file of the package, so
    // no 归档章 is drawn into it (the PDF/A copy carries the stamp); `archive verify` checks
    // its seals and that it is still the registered original.
    if (!s.ofd.empty()) {
      const std::string ofd = read_file(m_ws.root() / s.ofd);
      st.ofd_rel = "data/documents/" + st.code + ".ofd";
      write_file_atomic(m_staging / st.ofd_rel, ofd);
      st.ofd_sha = sha256_hex(ofd);
      st.ofd_size = ofd.size();
    }
  }

  // 装盒 (DA/T 22 §8): each class fills boxes in 件号 order; a box closes when the next 件
  // would pass the item or page limit of archive.toml.
  void pack_boxes() {
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      const Staged& st = m_staged[i];
      const int pages = std::max(st.pages, 1);
      if (m_boxes.empty() || m_boxes.back().class_code != st.cls || m_boxes.back().items >= m_scheme.box_items ||
          m_boxes.back().pages + pages > m_scheme.box_pages) {
        BoxInfo b;
        b.fonds = m_fonds;
        b.year = m_y;
        b.retention = m_items[i].plan.retention;
        b.unit = m_items[i].plan.unit;
        b.class_code = st.cls;
        b.box_no = m_boxes.empty() || m_boxes.back().class_code != st.cls ? 1 : m_boxes.back().box_no + 1;
        b.first_item = st.item_no;
        m_boxes.push_back(b);
      }
      BoxInfo& b = m_boxes.back();
      b.last_item = st.item_no;
      ++b.items;
      b.pages += pages;
      m_box_of[i] = m_boxes.size() - 1;
      m_staged[i].box = b.box_code();
    }
  }

  ItemMetadata metadata_of(const Source& s, const Staged& st) const {
    ItemMetadata m;
    m.code = st.code;
    m.number = s.display_number;
    m.title = s.plan.title;
    m.author = s.plan.author;
    m.date = s.plan.date.iso();
    m.unit = s.plan.unit;
    m.retention = s.plan.retention;
    m.secrecy = s.plan.secrecy;
    m.origin = s.plan.origin;
    m.file_name = st.code + s.ext;
    m.format = s.ext == ".pdf" ? "PDF/A-2b" : s.ext == ".docx" ? "DOCX" : "OFD";
    m.sha256 = st.sha;
    m.original_sha256 = s.sha256;
    m.size = st.size;
    m.item_no = st.item_no;
    m.pages = st.pages ? st.pages : s.pages;
    m.box = st.box;
    m.created_at = m_at;
    m.created_by = m_ws.profile().office_name;
    m.history = s.history;
    m.history.push_back({"归档", m_user.id, m_at, st.code});
    if (!st.ofd_rel.empty())
      m.also.push_back({"OFD", st.code + ".ofd", st.ofd_sha, st.ofd_size});
    return m;
  }

  void write_metadata() {
    parallel_for(m_items.size(), [&](std::size_t i) {
      Staged& st = m_staged[i];
      const std::string xml = metadata_xml(metadata_of(m_items[i], st));
      write_file_atomic(m_staging / "data" / "metadata" / (st.code + ".xml"), xml);
      st.meta_sha = sha256_hex(xml);
    });
  }

  // The catalogue's rows and the `filed` records, in 件号 order; counts the stamps that had
  // to go outside the top blank, per box, for the 备考表.
  std::vector<CatalogueRow> catalogue_rows() {
    std::vector<CatalogueRow> rows;
    m_outside_per_box.assign(m_boxes.size(), 0);
    int seq = 0;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      const auto& s = m_items[i];
      const Staged& st = m_staged[i];
      if (st.outside_blank) {
        ++m_result.stamps_outside_blank;
        ++m_outside_per_box[m_box_of[i]];
      }
      m_payload[st.rel] = st.sha;
      m_payload["data/metadata/" + st.code + ".xml"] = st.meta_sha;
      if (!st.sheet_rel.empty()) m_payload[st.sheet_rel] = st.sheet_sha;
      if (!st.ofd_rel.empty()) m_payload[st.ofd_rel] = st.ofd_sha;
      m_result.items.push_back(FiledRecord{m_year, s.plan.number, st.code, st.item_no, s.plan.retention,
                                           m_ws.relative(m_final_dir / st.rel), st.sha, m_at});
      const Date& d = s.plan.date;
      rows.push_back(CatalogueRow{++seq, st.code, s.display_number, s.plan.author, s.plan.title, d.digits8(),
                                  s.plan.secrecy, st.pages ? std::to_string(st.pages) : "",
                                  s.plan.overridden ? "保管期限经档案员改定" : "", st.box});
    }
    return rows;
  }

  // 备考表, one per box: what the box does not hold and why. What concerns the whole year
  // (voided numbers, returned secret documents) is written on the year's first box.
  std::vector<NotesSheet> notes_sheets() {
    std::vector<NotesSheet> sheets;
    for (std::size_t b = 0; b < m_boxes.size(); ++b) {
      NotesSheet n;
      n.year = m_y;
      n.fonds = m_fonds;
      n.box = m_boxes[b];
      n.arranger = m_user.name;
      n.arranged_on = m_now.local_date().chinese();
      if (b == 0) {
        for (const auto& v : m_ws.registry().numbers(m_year))
          if (v.status == "void")
            n.notes.push_back(v.code + "〔" + m_y + "〕" + std::to_string(v.serial) + "号 作废未归档：" + v.reason);
        for (const auto& r : Receiving(m_ws, m_clock).list(m_year))
          if (r.secrecy != Secrecy::None)
            n.notes.push_back(r.registration() + "（" + to_chinese(r.secrecy) + "，份号 " + r.copy_numbers + "）已于 " +
                              r.cleared_at.substr(0, 10) + " 清退，未归档");
      }
      if (m_outside_per_box[b])
        n.notes.push_back(std::to_string(m_outside_per_box[b]) + " 件首页上端无足够空白，归档章加盖于右上角");
      sheets.push_back(std::move(n));
    }
    return sheets;
  }

  void put(const std::string& rel, const std::string& bytes) {
    write_file_atomic(m_staging / rel, bytes);
    m_payload[rel] = sha256_hex(bytes);
  }

  // The year's forms: 归档文件目录 (CSV, PDF, DOCX), 备考表, 盒脊 and the box list.
  void write_forms(const std::vector<CatalogueRow>& rows) {
    const auto sheets = notes_sheets();
    const std::string heading = m_ws.profile().office_name + " " + m_y + "年度 归档文件目录";
    put("data/归档文件目录.csv", catalogue_csv(rows));
    put("data/归档文件目录.pdf", catalogue_pdf(rows, heading));
    put("data/归档文件目录.docx", catalogue_docx(rows, heading, m_now));
    put("data/备考表.pdf", notes_pdf(sheets));
    put("data/备考表.txt", notes_text(sheets));
    put("data/盒脊.pdf", box_spines_pdf(m_boxes));
    put("data/盒目录.csv", boxes_csv(m_boxes));
  }

  // BagIt (RFC 8493): the manifest from the hashes taken as each file was written (no
  // second read of thousands of files), the bag's info and tag manifest. Returns the manifest.
  std::string write_bag() {
    std::uintmax_t octets = 0;
    std::string manifest;
    for (const auto& [rel, sha] : m_payload) {
      octets += fs::file_size(m_staging / rel);
      manifest += sha + "  " + rel + "\n";
    }
    const auto& sep = m_scheme.separators;
    write_file_atomic(m_staging / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    write_file_atomic(m_staging / "manifest-sha256.txt", manifest);
    write_file_atomic(m_staging / "bag-info.txt",
                      "Source-Organization: " + m_ws.profile().office_name + "\nBagging-Date: " +
                          m_now.local_date().iso() + "\nPayload-Oxum: " + std::to_string(octets) + "." +
                          std::to_string(m_payload.size()) + "\nExternal-Identifier: " + m_fonds + sep.fonds +
                          m_scheme.category + sep.category + m_y + "\nBagging-Software: gongwen\nGongwen-Filing-Year: " +
                          m_y + "\nGongwen-Filed-By: " + m_user.id + "\nGongwen-Scheme: " + m_scheme.name() +
                          "\nGongwen-Boxes: " + std::to_string(m_boxes.size()) + "\n");
    write_file_atomic(m_staging / "tagmanifest-sha256.txt",
                      manifest_of(m_staging, {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"}));
    return manifest;
  }

  void commit(const std::string& manifest) {
    Registry& reg = m_ws.registry();
    reg.transaction([&] {
      for (const auto& f : m_result.items) reg.add_filed(f);
      reg.audit(m_at, m_user.id, "file-year", m_y,
                std::to_string(m_result.items.size()) + " items in " + std::to_string(m_boxes.size()) +
                    " boxes, manifest sha256 " + sha256_hex(manifest));
      fs::rename(m_staging, m_final_dir);  // last step inside the transaction: both land or neither
    });
  }

  Workspace& m_ws;
  const int m_year;
  const Clock& m_clock;
  const User& m_user;
  const FilingOptions& m_options;
  const FilingScheme m_scheme;
  const std::vector<Source> m_items;
  const Instant m_now;
  const std::string m_at, m_y, m_fonds;
  const fs::path m_final_dir, m_staging;
  std::vector<Staged> m_staged;
  std::vector<std::size_t> m_box_of;
  std::vector<BoxInfo> m_boxes;
  std::vector<int> m_outside_per_box;
  std::map<std::string, std::string> m_payload;  // every payload file with its SHA-256
  FilingResult m_result;
};

// Who files, and whether the year can be filed at all: refusals before any work.
const User& filing_archivist(Workspace& ws, int year, const std::string& user) {
  const User* u = ws.profile().user(user);
  if (!u) fail(Code::NotFound, msg("workflow.user.unknown", {{"id", user}}));
  if (!u->has(Role::Archivist))
    fail(Code::Forbidden, msg("archive.role.missing", {{"name", u->name}, {"action", msg("archive.action.file")},
                                                       {"role", role_chinese(Role::Archivist)}}));
  if (!ws.registry().filed(year).empty())
    fail(Code::Conflict, msg("filing.year.filed", {{"year", std::to_string(year)}}),
         {msg("filing.year.filed.hint", {{"year", std::to_string(year)}})});
  return *u;
}

}  // namespace

FilingResult file_year(Workspace& ws, int year, const Clock& clock, const std::string& user,
                       const FilingOptions& options) {
  const User& u = filing_archivist(ws, year, user);
  FilingScheme scheme = load_filing_scheme(ws);  // a bad setting stops us before any work
  auto blockers = filing_blockers(ws, year);
  if (!blockers.empty())
    fail(Code::Conflict, msg("filing.blocked", {{"count", std::to_string(blockers.size())}, {"year", std::to_string(year)}}),
         blockers);
  auto items = sources(ws, year, options.overrides, scheme);
  if (items.empty()) fail(Code::NotFound, msg("filing.nothing", {{"year", std::to_string(year)}}));
  return YearFiling(ws, year, clock, u, options, std::move(scheme), std::move(items)).run();
}

}  // namespace gongwen::archive
