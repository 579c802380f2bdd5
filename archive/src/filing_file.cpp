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
  std::string sheet;  // 发文稿纸 PDF (relative to the workspace), filed beside the original
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
    k.push_back(s.plan.date);
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
           "," + p.date + "," + p.secrecy + "," + p.unit + "," + p.retention + "," +
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
        Error e = make_error(Code::BadInput, "the plan's first line must name the columns 文号 and 保管期限",
                             {"start from the file `gongwen archive plan --year N --out FILE` wrote"});
        e.at = SourcePos{source, no, 1};
        return e;
      }
      continue;
    }
    if (static_cast<int>(cols.size()) <= std::max(col_number, col_retention)) {
      Error e = make_error(Code::BadInput, "line has too few columns");
      e.at = SourcePos{source, no, 1};
      return e;
    }
    const std::string& ret = cols[col_retention];
    if (retention_code(ret).empty()) {
      Error e = make_error(Code::BadInput, "unknown 保管期限 '" + ret + "' for " + cols[col_number],
                           {"保管期限 is one of 永久, 定期30年, 定期10年"});
      e.at = SourcePos{source, no, col_retention + 1};
      return e;
    }
    out[cols[col_number]] = ret;
  }
  return out;
}

void require_open_year(Workspace& ws, int year, const std::string& what) {
  if (!ws.registry().filed(year).empty())
    fail(Code::Conflict, "the year " + std::to_string(year) + " is filed and locked: " + what + " is refused",
         {"a correction is a new recorded version with a reason, made by the 档案员"});
}

int days_to_deadline(const Workspace& ws, int year, const Date& today) {
  const Date deadline{year + 1, ws.profile().filing_deadline_month, ws.profile().filing_deadline_day};
  return static_cast<int>(days_from_civil(deadline) - days_from_civil(today));
}

FilingResult file_year(Workspace& ws, int year, const Clock& clock, const std::string& user,
                       const FilingOptions& options) {
  const User* u = ws.profile().user(user);
  if (!u) fail(Code::NotFound, "unknown user '" + user + "'");
  if (!u->has(Role::Archivist))
    fail(Code::Forbidden, u->name + " may not file the archive: it needs the role 档案员");
  Registry& reg = ws.registry();
  if (!reg.filed(year).empty())
    fail(Code::Conflict, "the year " + std::to_string(year) + " is already filed and locked",
         {"a correction is recorded as a new version: gongwen archive correct --year " + std::to_string(year) +
          " --item 档号 --reason …"});
  const FilingScheme scheme = load_filing_scheme(ws);  // a bad setting stops us before any work
  auto blockers = filing_blockers(ws, year);
  if (!blockers.empty())
    fail(Code::Conflict, std::to_string(blockers.size()) + " problem(s) stop the filing of " +
                             std::to_string(year), blockers);
  const auto items = sources(ws, year, options.overrides, scheme);
  if (items.empty()) fail(Code::NotFound, "nothing was issued or received in " + std::to_string(year));

  const Instant now = clock.now();
  const std::string at = now.iso8601();
  const std::string y = std::to_string(year);
  const std::string fonds = ws.profile().fonds;
  const fs::path final_dir = ws.archive_dir() / y;
  const fs::path staging = ws.archive_dir() / ("." + y + ".staging");
  std::error_code ec;
  if (fs::exists(final_dir, ec)) {
    if (!is_our_unregistered_bag(final_dir, year))
      fail(Code::Conflict, final_dir.string() + " exists but the year is not registered as filed",
           {"move that folder away and run the filing again"});
    fs::remove_all(final_dir, ec);  // renamed by a run killed before its commit: redo it
  }
  fs::remove_all(staging, ec);  // a previous run that was interrupted
  fs::create_directories(staging / "data" / "documents");
  fs::create_directories(staging / "data" / "metadata");

  PdfaInfo pdfa;
  pdfa.icc_profile = load_srgb_profile();
  FilingResult result;
  result.year = year;
  result.bag_dir = ws.relative(final_dir);
  // Every payload file with its SHA-256, taken from the bytes as they are written: the
  // manifest needs no second read of thousands of files.
  std::map<std::string, std::string> payload;
  // 件号 and 档号 in filing order first (sequential, cheap); then the archival copies and
  // their metadata on the machine's cores, each result in its own slot so the package is
  // the same whatever the scheduling.
  struct Staged {
    std::string cls, code, rel, sha, sheet_rel, sheet_sha, meta_sha, box;
    int item_no = 0;
    bool outside_blank = false;
    int pages = 0;
    std::size_t size = 0;
  };
  std::vector<Staged> staged(items.size());
  std::map<std::string, int> item_counter;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& s = items[i];
    Staged& st = staged[i];
    st.cls = scheme.class_code(fonds, y, retention_code(s.plan.retention), s.plan.unit);
    st.item_no = ++item_counter[st.cls];
    st.code = st.cls + scheme.separators.item + four_digits(st.item_no);
    st.rel = "data/documents/" + st.code + s.ext;
  }
  std::mutex progress_mutex;
  int done = 0;
  const std::string icc = pdfa.icc_profile;
  parallel_for(items.size(), [&](std::size_t i) {
    const auto& s = items[i];
    Staged& st = staged[i];
    const std::string original = read_file(ws.root() / s.file);
    std::string bytes;
    if (s.ext == ".pdf") {
      StampFields f{fonds, y, four_digits(st.item_no), s.plan.unit, retention_short(s.plan.retention),
                    s.pages ? std::to_string(s.pages) : ""};
      PdfaInfo info{s.plan.title, s.plan.author, s.plan.date, icc};
      ArchivalCopy copy = make_archival_copy(original, f, info, s.file);
      st.outside_blank = !copy.in_blank;
      st.pages = s.pages ? s.pages : copy.pages;
      bytes = std::move(copy.bytes);
    } else {
      bytes = original;
    }
    write_file_atomic(staging / st.rel, bytes);
    st.sha = sha256_hex(bytes);
    st.size = bytes.size();
    // 发文稿纸: the drafting record is filed with the original, as its own file.
    std::error_code e;
    if (!s.sheet.empty() && fs::is_regular_file(ws.root() / s.sheet, e)) {
      // Archival like the document itself: the same PDF/A-2b markers, no 归档章.
      const PdfaInfo sheet_info{s.plan.title + "（发文稿纸）", s.plan.author, s.plan.date, icc};
      const std::string sheet = make_pdfa_copy(read_file(ws.root() / s.sheet), sheet_info, s.sheet).bytes;
      st.sheet_rel = "data/documents/" + st.code + ".发文稿纸.pdf";
      write_file_atomic(staging / st.sheet_rel, sheet);
      st.sheet_sha = sha256_hex(sheet);
    }
    if (options.progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      options.progress(++done, static_cast<int>(items.size()));
    }
  });

  // 装盒 (DA/T 22 §8): each class fills boxes in 件号 order; a box closes when the next 件
  // would pass the item or page limit of archive.toml.
  std::vector<BoxInfo> boxes;
  std::vector<std::size_t> box_of(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Staged& st = staged[i];
    const int pages = std::max(st.pages, 1);
    if (boxes.empty() || boxes.back().class_code != st.cls || boxes.back().items >= scheme.box_items ||
        boxes.back().pages + pages > scheme.box_pages) {
      BoxInfo b;
      b.fonds = fonds;
      b.year = y;
      b.retention = items[i].plan.retention;
      b.unit = items[i].plan.unit;
      b.class_code = st.cls;
      b.box_no = boxes.empty() || boxes.back().class_code != st.cls ? 1 : boxes.back().box_no + 1;
      b.first_item = st.item_no;
      boxes.push_back(b);
    }
    BoxInfo& b = boxes.back();
    b.last_item = st.item_no;
    ++b.items;
    b.pages += pages;
    box_of[i] = boxes.size() - 1;
    staged[i].box = b.box_code();
  }

  parallel_for(items.size(), [&](std::size_t i) {
    const auto& s = items[i];
    Staged& st = staged[i];
    ItemMetadata m;
    m.code = st.code;
    m.number = s.display_number;
    m.title = s.plan.title;
    m.author = s.plan.author;
    m.date = s.plan.date;
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
    m.created_at = at;
    m.created_by = ws.profile().office_name;
    m.history = s.history;
    m.history.push_back({"归档", u->id, at, st.code});
    const std::string xml = metadata_xml(m);
    write_file_atomic(staging / "data" / "metadata" / (st.code + ".xml"), xml);
    st.meta_sha = sha256_hex(xml);
  });

  std::vector<CatalogueRow> rows;
  std::vector<int> outside_per_box(boxes.size());
  int seq = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& s = items[i];
    const Staged& st = staged[i];
    if (st.outside_blank) {
      ++result.stamps_outside_blank;
      ++outside_per_box[box_of[i]];
    }
    payload[st.rel] = st.sha;
    payload["data/metadata/" + st.code + ".xml"] = st.meta_sha;
    if (!st.sheet_rel.empty()) payload[st.sheet_rel] = st.sheet_sha;
    result.items.push_back(FiledRecord{year, s.plan.number, st.code, st.item_no, s.plan.retention,
                                       ws.relative(final_dir / st.rel), st.sha, at});
    const Date d = parse_date(s.plan.date).value_or(Date{});
    rows.push_back(CatalogueRow{++seq, st.code, s.display_number, s.plan.author, s.plan.title, d.digits8(),
                                s.plan.secrecy, st.pages ? std::to_string(st.pages) : "",
                                s.plan.overridden ? "保管期限经档案员改定" : "", st.box});
  }

  // 备考表, one per box: what the box does not hold and why. What concerns the whole year
  // (voided numbers, returned secret documents) is written on the year's first box.
  std::vector<NotesSheet> sheets;
  for (std::size_t b = 0; b < boxes.size(); ++b) {
    NotesSheet n;
    n.year = y;
    n.fonds = fonds;
    n.box = boxes[b];
    n.arranger = u->name;
    n.arranged_on = now.local_date().chinese();
    if (b == 0) {
      for (const auto& v : reg.numbers(year))
        if (v.status == "void")
          n.notes.push_back(v.code + "〔" + y + "〕" + std::to_string(v.serial) + "号 作废未归档：" + v.reason);
      for (const auto& r : Receiving(ws, clock).list(year))
        if (r.secrecy != Secrecy::None)
          n.notes.push_back(r.registration() + "（" + to_chinese(r.secrecy) + "，份号 " + r.copy_numbers + "）已于 " +
                            r.cleared_at.substr(0, 10) + " 清退，未归档");
    }
    if (outside_per_box[b])
      n.notes.push_back(std::to_string(outside_per_box[b]) + " 件首页上端无足够空白，归档章加盖于右上角");
    sheets.push_back(std::move(n));
  }
  const std::string heading = ws.profile().office_name + " " + y + "年度 归档文件目录";
  auto put = [&](const std::string& rel, const std::string& bytes) {
    write_file_atomic(staging / rel, bytes);
    payload[rel] = sha256_hex(bytes);
  };
  put("data/归档文件目录.csv", catalogue_csv(rows));
  put("data/归档文件目录.pdf", catalogue_pdf(rows, heading));
  put("data/归档文件目录.docx", catalogue_docx(rows, heading, now));
  put("data/备考表.pdf", notes_pdf(sheets));
  put("data/备考表.txt", notes_text(sheets));
  put("data/盒脊.pdf", box_spines_pdf(boxes));
  put("data/盒目录.csv", boxes_csv(boxes));

  // BagIt (RFC 8493).
  std::uintmax_t octets = 0;
  std::string manifest;
  for (const auto& [rel, sha] : payload) {
    octets += fs::file_size(staging / rel);
    manifest += sha + "  " + rel + "\n";
  }
  write_file_atomic(staging / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  write_file_atomic(staging / "manifest-sha256.txt", manifest);
  write_file_atomic(staging / "bag-info.txt",
                    "Source-Organization: " + ws.profile().office_name + "\nBagging-Date: " +
                        now.local_date().iso() + "\nPayload-Oxum: " + std::to_string(octets) + "." +
                        std::to_string(payload.size()) + "\nExternal-Identifier: " + fonds +
                        scheme.separators.fonds + scheme.category + scheme.separators.category + y +
                        "\nBagging-Software: gongwen\nGongwen-Filing-Year: " + y + "\nGongwen-Filed-By: " + u->id +
                        "\nGongwen-Scheme: " + scheme.name() + "\nGongwen-Boxes: " + std::to_string(boxes.size()) +
                        "\n");
  write_file_atomic(staging / "tagmanifest-sha256.txt",
                    manifest_of(staging, {"bag-info.txt", "bagit.txt", "manifest-sha256.txt"}));
  if (options.progress) options.progress(seq, seq);

  reg.transaction([&] {
    for (const auto& f : result.items) reg.add_filed(f);
    reg.audit(at, u->id, "file-year", y,
              std::to_string(result.items.size()) + " items in " + std::to_string(boxes.size()) +
                  " boxes, manifest sha256 " + sha256_hex(manifest));
    fs::rename(staging, final_dir);  // last step inside the transaction: both land or neither
  });
  result.catalogue_csv = ws.relative(final_dir / "data" / "归档文件目录.csv");
  result.boxes = static_cast<int>(boxes.size());
  return result;
}

}  // namespace gongwen::archive
