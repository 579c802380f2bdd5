// The corpus generator (corpus_docs.hpp). Only std::mt19937's raw output is used (its
// sequence is fixed by the standard; the std distributions are not), so the documents are
// the same with every standard library.
#include "corpus_docs.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/utf8.hpp"

namespace gongwen::golden {
namespace {

struct Organ {
  const char* name;
  const char* prefix;  // 机关代字
};
constexpr Organ kOrgans[] = {{"中共白路乡委员会", "白党"},
                             {"白路乡人民政府", "白政"},
                             {"白路乡人民代表大会主席团", "白人"},
                             {"中共白路乡纪律检查委员会", "白纪"}};
constexpr const char* kPlaces[] = {"河口村", "新庄村", "石门村", "白路村", "下寨组", "老鹰岭"};
constexpr const char* kLatin[] = {"GDP", "5G", "WiFi", "PM2.5", "ISO9001", "CPI", "APP",
                                  "GB/T 9704-2012", "PPP", "e-mail", "AI", "LED"};
constexpr const char* kKinds[] = {"通知", "意见", "通报", "决定", "报告", "方案"};
constexpr const char* kPeople[] = {"张建国", "李明华", "王志刚", "赵丽萍", "陈晓东"};

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : m_g(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : m_g() % n; }
  bool chance(int percent) { return static_cast<int>(m_g() % 100) < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) { return a[below(N)]; }

 private:
  std::mt19937 m_g;
};

// Paragraphs of all reports, without the Wikisource notes and the 各位代表： lines.
const std::vector<std::string>& paragraphs() {
  static const std::vector<std::string> all = [] {
    std::ifstream in(std::string(GONGWEN_SAMPLES_DIR) + "/corpus/government_work_reports.jsonl");
    if (!in) throw std::runtime_error("cannot read the corpus");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
      std::istringstream s(nlohmann::json::parse(line).at("content").get<std::string>());
      for (std::string p; std::getline(s, p);) {
        p = trim_line(p);
        if (p.find("本作品") != std::string::npos || p.find("公有领域") != std::string::npos) break;
        if (p.empty() || p == "各位代表：" || p.rfind("。", 0) == 0) continue;
        // Some reports were typed with spaced digits ("1 9 9 9 年"); an office types 1999年.
        static const std::regex spaced_digit("(\\d) (?=[0-9年月日])");
        out.push_back(std::regex_replace(p, spaced_digit, "$1"));
      }
    }
    return out;
  }();
  return all;
}

bool is_han(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

std::u32string u32(const std::string& s) { return utf8::decode(s); }
std::string u8(const std::u32string& s) {
  std::string o;
  for (char32_t c : s) utf8::append(o, c);
  return o;
}

// Sentences of a paragraph (each ends with 。！？；or the paragraph end).
std::vector<std::string> sentences(const std::string& p) {
  std::vector<std::string> out;
  std::u32string cur;
  for (char32_t c : u32(p)) {
    cur += c;
    if (c == U'。' || c == U'！' || c == U'？' || c == U'；') {
      out.push_back(u8(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(u8(cur));
  return out;
}

std::string number_text(Rng& r) {
  switch (r.below(6)) {
    case 0: return std::to_string(1 + r.below(99)) + "个";
    case 1: return std::to_string(100 + r.below(99900)) + "元";
    case 2: return std::to_string(1 + r.below(999)) + "." + std::to_string(r.below(100)) + "万亩";
    case 3: return std::to_string(1 + r.below(60)) + "%";
    case 4: return std::to_string(1 + r.below(12)) + "月" + std::to_string(1 + r.below(28)) + "日";
    default: return std::to_string(2000 + r.below(30)) + "年";
  }
}

std::string insertion(Rng& r) {
  switch (r.below(6)) {
    case 0: return number_text(r);
    case 1:
      return "（联系人：" + std::string(r.pick(kPeople)) + "，电话：0878-" +
             std::to_string(6200000 + r.below(99999)) + "）";
    case 2: {
      const Organ& o = r.pick(kOrgans);
      return std::string("《") + o.name + "关于印发工作方案的通知》（" + o.prefix + "发〔" +
             std::to_string(2020 + r.below(7)) + "〕" + std::to_string(1 + r.below(40)) + "号）";
    }
    case 3: return std::to_string(2026) + "年" + std::to_string(1 + r.below(12)) + "月" +
                   std::to_string(1 + r.below(28)) + "日前";
    case 4: return r.pick(kLatin);
    default: return r.pick(kPlaces);
  }
}

// A real paragraph cut at random sentence boundaries, with office-style insertions.
std::string office_paragraph(Rng& r, const std::string& source) {
  std::vector<std::string> s = sentences(source);
  const std::size_t from = r.below(s.size());
  const std::size_t n = 1 + r.below(std::min<std::size_t>(5, s.size() - from));
  std::string out;
  for (std::size_t k = from; k < from + n; ++k) {
    std::u32string t = u32(s[k]);
    if (r.chance(45) && t.size() > 4) {
      // Inserted between two Han characters (never inside a number or a word of Latin).
      std::size_t at = 1 + r.below(t.size() - 2);
      while (at + 1 < t.size() && !(is_han(t[at - 1]) && is_han(t[at]))) ++at;
      if (at + 1 < t.size()) t.insert(at, u32(insertion(r)));
    }
    out += u8(t);
  }
  if (out.empty() || u32(out).back() == U'，') out += "。";
  return out;
}

std::string cn_number(std::size_t n) {
  static const char* d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  return n < 10 ? d[n] : std::string("十") + d[n - 10];
}

// An enumerated list: "1.负责……。" items, or "（一）……；" items ending in "。".
std::string enumeration(Rng& r) {
  const std::size_t n = 2 + r.below(5);
  const bool numbered = r.chance(50);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> s = sentences(paragraphs()[r.below(paragraphs().size())]);
    std::u32string item = u32(s[r.below(s.size())]);
    while (!item.empty() && (item.back() == U'。' || item.back() == U'；' || item.back() == U'，'))
      item.pop_back();
    if (item.size() > 60) item.resize(20 + r.below(40));
    const std::string end = numbered ? "。" : (i + 1 == n ? "。" : "；");
    out += (numbered ? std::to_string(i + 1) + "." : "（" + cn_number(i) + "）") +
           (numbered ? "负责" : "") + u8(item) + end + "\n";
  }
  return out;
}

Block table(Rng& r) {
  Block b;
  b.kind = BlockKind::Table;
  const std::size_t cols = 2 + r.below(3), rows = 2 + r.below(6);
  b.table.header_rows = 1;
  static const char* heads[] = {"序号", "村（社区）", "项目名称", "金额（万元）", "责任人", "完成时限"};
  std::vector<std::string> head;
  for (std::size_t c = 0; c < cols; ++c) head.push_back(heads[(c + r.below(2)) % 6]);
  b.table.rows.push_back(head);
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<std::string> row;
    for (std::size_t c = 0; c < cols; ++c) {
      if (c == 0) row.push_back(std::to_string(i + 1));
      else if (r.chance(40)) row.push_back(number_text(r));
      else {
        std::u32string t = u32(sentences(paragraphs()[r.below(paragraphs().size())])[0]);
        t.resize(std::min<std::size_t>(t.size(), 3 + r.below(16)));
        row.push_back(u8(t));
      }
    }
    b.table.rows.push_back(row);
  }
  for (std::size_t i = 0; i < b.table.rows.size(); ++i)
    for (std::size_t c = 0; c < cols; ++c)
      b.text += (c ? "　" : (i ? "\n" : "")) + b.table.rows[i][c];
  return b;
}

// A title: 发文机关 + 关于 + a clause of the corpus + 的 + 文种.
std::string title(Rng& r, const std::string& organ, const std::string& kind) {
  std::u32string clause;
  while (clause.size() < 4) {
    const std::vector<std::string> s = sentences(paragraphs()[r.below(paragraphs().size())]);
    std::u32string t = u32(s[r.below(s.size())]);
    std::u32string part;
    for (char32_t c : t) {
      if (c == U'，' || c == U'。' || c == U'；' || c == U'、' || c == U'：') {
        if (part.size() >= 4) break;
        part.clear();
        continue;
      }
      part += c;
    }
    clause = part;
  }
  if (clause.size() > 36) clause.resize(8 + r.below(28));
  return organ + "关于" + u8(clause) + "的" + kind;
}

Document make(Rng& r, int serial) {
  Document d;
  d.template_id = "notice";
  const std::size_t organs = r.chance(55) ? 1 : 2 + r.below(3);
  const std::size_t lead = r.below(std::size(kOrgans));
  for (std::size_t k = 0; k < organs; ++k) d.issuers.push_back(kOrgans[(lead + k) % 4].name);
  d.kind = r.pick(kKinds);
  d.issuer_mark = organs == 1 ? d.issuers[0] + "文件" : "";
  if (organs > 1)
    for (const std::string& n : d.issuers) d.issuer_mark += n;
  if (organs > 1) d.issuer_mark += "文件";
  d.number = std::string(kOrgans[lead].prefix) + "发〔2026〕" + std::to_string(serial) + "号";
  d.title = title(r, d.issuers[0], d.kind);
  d.main_recipients = r.chance(50) ? "各村（社区）党总支、村委会，乡属各单位" : "各村民委员会、乡直各单位";
  std::string body;
  const std::vector<std::string>& ps = paragraphs();
  std::size_t at = r.below(ps.size());
  const std::size_t n = 2 + r.below(26);
  for (std::size_t k = 0; k < n; ++k, at = (at + 1) % ps.size()) {
    const std::string& p = ps[at];
    const bool heading = p.rfind("一", 0) == 0 || p.rfind("（", 0) == 0 ||
                         u32(p).size() < 30;
    body += (heading ? p : office_paragraph(r, p)) + "\n";
    if (r.chance(8)) body += enumeration(r);
  }
  d.body = parse_body(body);
  if (r.chance(20)) d.body.insert(d.body.begin() + static_cast<std::ptrdiff_t>(r.below(d.body.size() + 1)), table(r));
  if (r.chance(35)) {
    d.attachment_notes.push_back("白路乡" + std::to_string(2026) + "年重点工作任务分解表");
    if (r.chance(40)) d.attachment_notes.push_back("各村（社区）联系人及联系电话");
    for (const std::string& note : d.attachment_notes) {
      Attachment a;
      a.title = note;
      a.body.push_back(table(r));
      d.attachments.push_back(std::move(a));
    }
  }
  d.signature = d.issuers[0];
  for (std::size_t k = 1; k < organs; ++k) d.signature += "　" + d.issuers[k];
  d.date = {2026, static_cast<int>(1 + r.below(12)), static_cast<int>(1 + r.below(28))};
  d.seal = r.chance(70) ? SealMode::Sealed : SealMode::Unsealed;
  d.seal_text = d.issuers[0];
  // A joint issue signs and seals per organ, as a draft of two or more organs does
  // (draft.cpp): one 署名 and one seal each (GB/T 9704 §7.3.5.1).
  if (organs > 1)
    for (const std::string& n : d.issuers) d.joint_signers.push_back({n, n});
  if (r.chance(50)) {
    d.copies_to = "县委办公室，县人民政府办公室";
    d.printer = "白路乡党政综合办公室";
    d.print_date = d.date;
  }
  return d;
}

}  // namespace

std::vector<CorpusDoc> corpus_documents(int count, std::uint32_t seed) {
  Rng r(seed);
  std::vector<CorpusDoc> out;
  for (int i = 1; i <= count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "corpus-%03d", i);
    out.push_back({name, make(r, i)});
  }
  return out;
}

std::vector<std::string> corpus_names() {
  std::vector<std::string> out;
  for (const Organ& o : kOrgans) out.push_back(o.name);
  for (const char* p : kPlaces) out.push_back(p);
  out.push_back("白路乡");
  return out;
}

}  // namespace gongwen::golden
