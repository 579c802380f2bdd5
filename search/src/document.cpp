#include "document.hpp"

#include <cstdio>

#include "access.hpp"
#include "gongwen/search/analysis.hpp"
#include "schema.hpp"

namespace gongwen::search {

namespace {

std::string clean(std::string_view text) {
  return normalize_text(repair_utf8(text), TextRole::Document);
}

// Boolean values are single terms: trim them and refuse what Xapian would reject.
void add_boolean(Xapian::Document& d, std::string_view prefix, std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return;
  const std::string term = schema::boolean_term(prefix, value);
  if (term.size() > schema::kMaxTermBytes) return;
  d.add_boolean_term(term);
}

std::string date_key(const Date& date) {
  if (!date.valid()) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", date.year, date.month, date.day);
  return buf;
}

}  // namespace

std::string id_term(std::string_view id) {
  if (id.empty() || find_invalid_utf8(id) ||
      id.size() + schema::kId.size() > schema::kMaxTermBytes)
    return {};
  return std::string(schema::kId) + std::string(id);
}

Result<Xapian::Document> build_document(const IndexedDocument& in) {
  const std::string id = id_term(in.id);
  if (id.empty()) {
    return make_error(Code::BadInput,
                      "检索索引无法收录文件：标识符为空、过长（超过 200 字节）或不是有效的 UTF-8",
                      {"标识符形如 out:2026:白政发〔2026〕7号"});
  }
  const std::optional<int> level = secrecy_level(in.secrecy);
  if (!level) {
    return make_error(Code::BadInput, "检索索引无法收录文件 " + in.id + "：未知密级“" +
                                          repair_utf8(in.secrecy) + "”",
                      {"密级只能是空、秘密、机密或绝密"});
  }

  const std::string number = clean(in.number);
  const std::string title = clean(in.title);
  const std::string body = clean(in.body);
  const std::string issuer = clean(in.issuer);
  const std::string recipients = clean(in.recipients);
  const std::string kind = clean(in.kind);
  const std::string registration = clean(in.registration);

  Xapian::Document d;
  // n-grams for CJK, and deliberately no stemmer: with one, every CJK n-gram would also get an
  // unused "Z" term (spec/search.md). One generator per thread, reused (TermGenerator objects
  // are not thread-safe).
  thread_local Xapian::TermGenerator tg = [] {
    Xapian::TermGenerator g;
    g.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    return g;
  }();
  tg.set_document(d);
  tg.set_termpos(0);

  // Each short field once under its prefix (fielded queries) and once unprefixed (plain
  // queries). The body, nearly all of a document's terms, is indexed once, unprefixed: a second
  // prefixed copy doubled the indexing time and the index for little gain (`正文:` searches the
  // unprefixed terms, see schema.hpp). The title counts double so a document about the query
  // ranks above one that mentions it.
  struct Part {
    const std::string& text;
    std::string_view prefix;
    Xapian::termcount weight;
  };
  const Part parts[] = {{title, schema::kTitle, 2}, {number, schema::kNumber, 1},
                        {registration, schema::kNumber, 1}, {issuer, schema::kIssuer, 1},
                        {recipients, schema::kRecipients, 1}, {kind, "", 1}, {body, "", 1}};
  for (const Part& p : parts) {
    if (p.text.empty()) continue;
    if (!p.prefix.empty()) {
      tg.index_text(p.text, 1, std::string(p.prefix));
      tg.increase_termpos();  // keep phrases from spanning two fields
    }
    tg.index_text(p.text, p.weight);
    tg.increase_termpos();
  }

  d.add_boolean_term(id);
  if (const auto n = parse_doc_number(number)) {
    add_boolean(d, schema::kNumberExact, n->canonical);
    add_boolean(d, schema::kNumberYear, n->year);
    add_boolean(d, schema::kNumberSeq, n->seq);
  } else {
    add_boolean(d, schema::kNumberExact, number);
  }
  // A received document is also known by our 收文号 (收〔2026〕1号): its exact term makes
  // the exact-文号 step find the 来文 itself, not an issued 〔2026〕1号 that mentions 收.
  if (const auto r = parse_doc_number(registration)) add_boolean(d, schema::kNumberExact, r->canonical);
  add_boolean(d, schema::kKind, kind);
  add_boolean(d, schema::kDirection, clean(in.direction));
  add_boolean(d, schema::kArchiveCode, clean(in.archive_code));
  add_boolean(d, schema::kRetention, clean(in.retention));
  add_boolean(d, schema::kSecrecy, *level == 0 ? std::string("无") : in.secrecy);
  d.add_boolean_term(level_term(*level));
  for (const std::string& user : in.distribution)
    if (const std::string t = reader_term(user); !t.empty()) d.add_boolean_term(t);

  const std::string date = date_key(in.date);
  std::string year;
  if (!date.empty()) {
    d.add_value(schema::kSlotDate, date);
    year = date.substr(0, 4);
  } else if (const auto n = parse_doc_number(number)) {
    year = n->year;  // no date known: the 文号's year is the best guess
  }
  if (!year.empty()) {
    add_boolean(d, schema::kYear, year);
    d.add_value(schema::kSlotYear, year);
  }
  d.add_value(schema::kSlotFacets, year + schema::kFacetSeparator + kind + schema::kFacetSeparator + issuer);
  d.add_value(schema::kSlotId, in.id);
  d.add_value(schema::kSlotNumber, number);
  d.add_value(schema::kSlotTitle, title);
  d.add_value(schema::kSlotIssuer, issuer);
  d.add_value(schema::kSlotKind, kind);
  d.add_value(schema::kSlotSecrecy, in.secrecy);
  d.add_value(schema::kSlotPath, repair_utf8(in.path));
  if (!in.source.empty()) d.add_value(schema::kSlotSource, repair_utf8(in.source));
  d.add_value(schema::kSlotDirection, clean(in.direction));
  d.set_data(body);
  return d;
}

}  // namespace gongwen::search
