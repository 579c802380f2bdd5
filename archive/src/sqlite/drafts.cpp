// Drafts, reviews and sign-offs (tables drafts, reviews, signoffs).
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kDraftCols =
    "id, source, title, template_id, kind, code, doc_class, drafter, secrecy, year, state, round, "
    "content_hash, snapshot, created_at, updated_at";

DraftRecord draft_row(sql::Stmt& s) {
  DraftRecord d;
  d.id = s.integer(0);
  d.source = s.text(1);
  d.title = s.text(2);
  d.template_id = s.text(3);
  d.kind = s.text(4);
  d.code = s.text(5);
  d.doc_class = s.text(6);
  d.drafter = s.text(7);
  d.secrecy = secrecy_or_strictest(s.text(8));  // legacy 无/非密 → None; unreadable → 绝密
  d.year = static_cast<int>(s.integer(9));
  d.state = parse_state(s.text(10)).value_or(DraftState::Submitted);
  d.round = static_cast<int>(s.integer(11));
  d.content_hash = s.text(12);
  d.snapshot = s.text(13);
  d.created_at = s.text(14);
  d.updated_at = s.text(15);
  return d;
}

constexpr const char* kReviewCols = "draft_id, step, reviewer, decision, opinion, content_hash, at, round";

ReviewRecord review_row(sql::Stmt& s) {
  ReviewRecord r;
  r.draft_id = s.integer(0);
  r.step = static_cast<int>(s.integer(1));
  r.reviewer = s.text(2);
  r.decision = s.text(3) == "approve" ? Decision::Approve : Decision::Return;
  r.opinion = s.text(4);
  r.content_hash = s.text(5);
  r.at = s.text(6);
  r.round = static_cast<int>(s.integer(7));
  return r;
}

constexpr const char* kSignoffCols = "draft_id, round, signer, opinion, content_hash, at";

SignoffRecord signoff_row(sql::Stmt& s) {
  return SignoffRecord{s.integer(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::string select(const char* cols, const char* rest) { return std::string("SELECT ") + cols + " " + rest; }

}  // namespace

std::int64_t Drafts::add_draft(const DraftRecord& d) {
  sql::Stmt s(m_db,
              "INSERT INTO drafts (source, title, template_id, kind, code, doc_class, drafter, "
              "secrecy, year, state, round, content_hash, snapshot, created_at, updated_at) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, d.source).bind(2, d.title).bind(3, d.template_id).bind(4, d.kind).bind(5, d.code);
  s.bind(6, d.doc_class).bind(7, d.drafter).bind(8, to_chinese(d.secrecy)).bind(9, d.year);
  s.bind(10, state_name(d.state)).bind(11, d.round).bind(12, d.content_hash).bind(13, d.snapshot);
  s.bind(14, d.created_at).bind(15, d.updated_at);
  s.run();
  return m_db.last_rowid();
}

void Drafts::update_draft(const DraftRecord& d) {
  sql::Stmt s(m_db,
              "UPDATE drafts SET title=?, template_id=?, kind=?, code=?, doc_class=?, secrecy=?, "
              "year=?, state=?, round=?, content_hash=?, snapshot=?, updated_at=? WHERE id=?");
  s.bind(1, d.title).bind(2, d.template_id).bind(3, d.kind).bind(4, d.code).bind(5, d.doc_class);
  s.bind(6, to_chinese(d.secrecy)).bind(7, d.year).bind(8, state_name(d.state)).bind(9, d.round);
  s.bind(10, d.content_hash).bind(11, d.snapshot).bind(12, d.updated_at).bind(13, d.id);
  s.run();
}

std::optional<DraftRecord> Drafts::draft(std::int64_t id) {
  sql::Stmt s(m_db, select(kDraftCols, "FROM drafts WHERE id=?").c_str());
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return draft_row(s);
}

std::optional<DraftRecord> Drafts::draft_by_source(const std::string& source) {
  sql::Stmt s(m_db, select(kDraftCols, "FROM drafts WHERE source=? ORDER BY id DESC LIMIT 1").c_str());
  s.bind(1, source);
  if (!s.step()) return std::nullopt;
  return draft_row(s);
}

void Drafts::add_draft_round(const DraftRoundRecord& r) {
  // A round resubmitted after a failure that rolled back nothing of it keeps its first text.
  sql::Stmt s(m_db,
              "INSERT OR REPLACE INTO draft_rounds (draft_id, round, content_hash, snapshot, text, submitted_at) "
              "VALUES (?,?,?,?,?,?)");
  s.bind(1, r.draft_id).bind(2, r.round).bind(3, r.content_hash).bind(4, r.snapshot).bind(5, r.text);
  s.bind(6, r.submitted_at);
  s.run();
}

std::vector<DraftRoundRecord> Drafts::draft_rounds(std::int64_t draft_id) {
  sql::Stmt s(m_db,
              "SELECT draft_id, round, content_hash, snapshot, text, submitted_at FROM draft_rounds "
              "WHERE draft_id=? ORDER BY round");
  s.bind(1, draft_id);
  std::vector<DraftRoundRecord> out;
  while (s.step())
    out.push_back({s.integer(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

std::vector<DraftRecord> Drafts::drafts() {
  sql::Stmt s(m_db, select(kDraftCols, "FROM drafts ORDER BY id").c_str());
  std::vector<DraftRecord> out;
  while (s.step()) out.push_back(draft_row(s));
  return out;
}

void Drafts::add_review(const ReviewRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO reviews (draft_id, round, step, reviewer, decision, opinion, content_hash, at) "
              "VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, r.draft_id).bind(2, r.round).bind(3, r.step).bind(4, r.reviewer);
  s.bind(5, r.decision == Decision::Approve ? "approve" : "return");
  s.bind(6, r.opinion).bind(7, r.content_hash).bind(8, r.at);
  s.run();
}

std::vector<ReviewRecord> Drafts::reviews(std::int64_t draft_id) {
  sql::Stmt s(m_db, select(kReviewCols, "FROM reviews WHERE draft_id=? ORDER BY id").c_str());
  s.bind(1, draft_id);
  std::vector<ReviewRecord> out;
  while (s.step()) out.push_back(review_row(s));
  return out;
}

void Drafts::add_signoff(const SignoffRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO signoffs (draft_id, round, signer, opinion, content_hash, at) VALUES (?,?,?,?,?,?)");
  s.bind(1, r.draft_id).bind(2, r.round).bind(3, r.signer).bind(4, r.opinion);
  s.bind(5, r.content_hash).bind(6, r.at);
  s.run();
}

std::optional<SignoffRecord> Drafts::signoff(std::int64_t draft_id) {
  sql::Stmt s(m_db, select(kSignoffCols, "FROM signoffs WHERE draft_id=? ORDER BY id DESC LIMIT 1").c_str());
  s.bind(1, draft_id);
  if (!s.step()) return std::nullopt;
  return signoff_row(s);
}

std::vector<SignoffRecord> Drafts::signoffs(std::int64_t draft_id) {
  sql::Stmt s(m_db, select(kSignoffCols, "FROM signoffs WHERE draft_id=? ORDER BY id").c_str());
  s.bind(1, draft_id);
  std::vector<SignoffRecord> out;
  while (s.step()) out.push_back(signoff_row(s));
  return out;
}

}  // namespace gongwen::archive::sqlite
