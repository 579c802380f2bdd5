#include "serve/password.hpp"

#include "gongwen/archive/auth.hpp"

namespace gongwen::app::serve {

bool RegistryPasswords::verify(const std::string& user, const std::string& password) const {
  std::lock_guard lock(m_mutex);
  archive::Auth auth(m_ws, m_clock);
  try {
    auth.check_password(user, password);  // audits a refusal itself
    return true;
  } catch (const Failure& f) {
    if (f.error().code == Code::Forbidden || f.error().code == Code::NotFound) return false;
    throw;
  }
}

std::string RegistryPasswords::unavailable_reason() const {
  std::lock_guard lock(m_mutex);
  archive::Auth auth(m_ws, m_clock);
  if (auth.no_passwords_yet()) return "尚未设置任何口令：请管理员先运行 gongwen user passwd --all";
  return {};
}

}  // namespace gongwen::app::serve
