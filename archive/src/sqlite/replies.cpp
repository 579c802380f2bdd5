// 请示 and their 批复 (table replies).
#include "sqlite/books.hpp"
#include "sqlite/time_columns.hpp"

namespace gongwen::archive::sqlite {

namespace {

constexpr const char* kCols =
    "id, request_number, request_title, reply_number, reply_title, replied_by, replied_on, recorded_by, "
    "recorded_at";

ReplyRecord reply_row(sql::Stmt& q) {
  ReplyRecord r;
  r.id = q.integer(0);
  r.request_number = q.text(1);
  r.request_title = q.text(2);
  r.reply_number = q.text(3);
  r.reply_title = q.text(4);
  r.replied_by = q.text(5);
  r.replied_on = day_column(q, 6, "replies", "replied_on");
  r.recorded_by = q.text(7);
  r.recorded_at = q.text(8);
  return r;
}

std::string select(const char* rest) { return std::string("SELECT ") + kCols + " FROM replies " + rest; }

}  // namespace

void Replies::add_reply(const ReplyRecord& r) {
  sql::Stmt s(m_db,
              "INSERT INTO replies (request_number, request_title, reply_number, reply_title, replied_by, "
              "replied_on, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, r.request_number).bind(2, r.request_title).bind(3, r.reply_number).bind(4, r.reply_title)
      .bind(5, r.replied_by).bind(6, day_text(r.replied_on)).bind(7, r.recorded_by).bind(8, r.recorded_at).run();
}

std::vector<ReplyRecord> Replies::replies_to(const std::string& request_number) {
  sql::Stmt q(m_db, select("WHERE request_number = ? ORDER BY replied_on, id").c_str());
  q.bind(1, request_number);
  std::vector<ReplyRecord> out;
  while (q.step()) out.push_back(reply_row(q));
  return out;
}

std::vector<ReplyRecord> Replies::replies_by_number(const std::string& reply_number) {
  sql::Stmt q(m_db, select("WHERE reply_number = ? ORDER BY id").c_str());
  q.bind(1, reply_number);
  std::vector<ReplyRecord> out;
  while (q.step()) out.push_back(reply_row(q));
  return out;
}

std::vector<ReplyRecord> Replies::replies() {
  sql::Stmt q(m_db, select("ORDER BY replied_on, id").c_str());
  std::vector<ReplyRecord> out;
  while (q.step()) out.push_back(reply_row(q));
  return out;
}

}  // namespace gongwen::archive::sqlite
