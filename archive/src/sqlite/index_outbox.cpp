// The search index's outbox (table index_outbox, schema version 2): work recorded in the
// register transaction, removed once the index has committed it.
#include "sqlite/books.hpp"

namespace gongwen::archive::sqlite {

void IndexOutbox::queue_indexing(IndexedBook book, const std::string& ref, const std::string& at) {
  sql::Stmt s(m_db, "INSERT INTO index_outbox (book, ref, queued_at) VALUES (?,?,?)");
  s.bind(1, std::string_view(book == IndexedBook::Issued ? "issued" : "received")).bind(2, ref).bind(3, at);
  s.run();
}

std::vector<IndexWork> IndexOutbox::indexing_backlog() {
  sql::Stmt s(m_db, "SELECT id, book, ref FROM index_outbox ORDER BY id");
  std::vector<IndexWork> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1) == "issued" ? IndexedBook::Issued : IndexedBook::Received, s.text(2)});
  return out;
}

void IndexOutbox::indexing_done(std::int64_t up_to_id) {
  sql::Stmt s(m_db, "DELETE FROM index_outbox WHERE id <= ?");
  s.bind(1, up_to_id);
  s.run();
}

}  // namespace gongwen::archive::sqlite
