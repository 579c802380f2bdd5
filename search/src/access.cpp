#include "access.hpp"

#include <vector>

#include "gongwen/pipeline/secrecy.hpp"
#include "schema.hpp"

namespace gongwen::search {

std::optional<int> secrecy_level(std::string_view secrecy) {
  const auto level = parse_secrecy(secrecy);
  if (!level) return std::nullopt;
  return secrecy_rank(*level);
}

std::string level_term(int level) {
  return std::string(schema::kLevel) + std::to_string(level);
}

std::string reader_term(std::string_view user_id) {
  if (user_id.empty() || user_id.size() + schema::kReader.size() > schema::kMaxTermBytes) return {};
  return std::string(schema::kReader) + std::string(user_id);
}

Xapian::Query hidden_from(const Viewer& viewer) {
  // The levels 0–3 are the ranks of secrecy.hpp; an out-of-range value ranks as none, so a bad
  // cast can never widen access.
  int clearance = secrecy_rank(viewer.clearance);
  if (clearance < 0 || clearance > 3) clearance = 0;
  std::vector<Xapian::Query> above;
  for (int level = clearance + 1; level <= 3; ++level) above.emplace_back(level_term(level));
  if (above.empty()) return Xapian::Query();
  Xapian::Query hidden(Xapian::Query::OP_OR, above.begin(), above.end());
  if (const std::string reader = reader_term(viewer.user_id); !reader.empty())
    hidden = Xapian::Query(Xapian::Query::OP_AND_NOT, hidden, Xapian::Query(reader));
  return hidden;
}

}  // namespace gongwen::search
