#include "gongwen/pipeline/secrecy.hpp"

#include <algorithm>

namespace gongwen {

namespace {
struct Name {
  std::string_view text;
  Secrecy level;
};
constexpr Name kNames[] = {
    {"", Secrecy::None},          {"无", Secrecy::None},
    {"非密", Secrecy::None},      {"none", Secrecy::None},
    {"秘密", Secrecy::Secret},    {"secret", Secrecy::Secret},
    {"机密", Secrecy::Confidential}, {"confidential", Secrecy::Confidential},
    {"绝密", Secrecy::TopSecret}, {"top-secret", Secrecy::TopSecret},
};
}  // namespace

std::optional<Secrecy> parse_secrecy(std::string_view text) {
  for (const auto& n : kNames)
    if (n.text == text) return n.level;
  return std::nullopt;
}

const char* to_chinese(Secrecy s) {
  switch (s) {
    case Secrecy::None: return "";
    case Secrecy::Secret: return "秘密";
    case Secrecy::Confidential: return "机密";
    case Secrecy::TopSecret: return "绝密";
  }
  return "";
}

int secrecy_rank(Secrecy s) {
  switch (s) {
    case Secrecy::None: return 0;
    case Secrecy::Secret: return 1;
    case Secrecy::Confidential: return 2;
    case Secrecy::TopSecret: return 3;
  }
  return -1;
}

bool cleared_for(Secrecy clearance, Secrecy level) {
  // A value outside the enumeration (a bad cast) clears for nothing and needs 绝密.
  const int have = std::max(secrecy_rank(clearance), 0);
  const int need = secrecy_rank(level) < 0 ? 3 : secrecy_rank(level);
  return have >= need;
}

Secrecy secrecy_or_strictest(std::string_view text) { return parse_secrecy(text).value_or(Secrecy::TopSecret); }

}  // namespace gongwen
