#include "gongwen/services/display.hpp"

#include <cstdio>
#include <string>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

std::string chinese_time(std::string_view text, WithTime with_time) {
  const std::string s(text);
  int y = 0, m = 0, d = 0, hh = 0, mm = 0;
  int fields = 0;
  if (s.rfind("D:", 0) == 0) {
    fields = std::sscanf(s.c_str(), "D:%4d%2d%2d%2d%2d", &y, &m, &d, &hh, &mm);
    if (fields < 3) return s;
  } else {
    fields = std::sscanf(s.c_str(), "%d-%d-%dT%d:%d", &y, &m, &d, &hh, &mm);
    if (fields < 3) return s;
  }
  char buf[64];
  if (with_time == WithTime::Yes && fields >= 5)
    std::snprintf(buf, sizeof buf, "%d年%d月%d日 %02d:%02d", y, m, d, hh, mm);
  else
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
  return buf;
}

std::string person_name(const Profile& profile, const std::string& id) {
  const User* u = profile.user(id);
  return u && !u->name.empty() ? u->name : id;
}

std::string describe_step(const NextStep& next, const Profile& profile) {
  return msg(std::string("next.") + step_name(next.step), {{"name", person_name(profile, next.user)}});
}

}  // namespace gongwen::services
