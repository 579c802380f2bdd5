#pragma once
// How the web desk checks a password: an interface, so the session layer (cookies, CSRF,
// throttling) does not depend on where accounts live. The office's implementation is the
// registry's Argon2id hashes (archive::Auth, set with `gongwen user passwd`).
#include <mutex>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::app::serve {

class PasswordCheck {
 public:
  virtual ~PasswordCheck() = default;
  virtual bool verify(const std::string& user, const std::string& password) const = 0;
  // Non-empty when nobody can log in yet (shown on the login page instead of "wrong password").
  virtual std::string unavailable_reason() const { return {}; }
};

// archive::Auth on the workspace's registry. Takes the workspace mutex: a failed check is
// written to the audit log.
class RegistryPasswords : public PasswordCheck {
 public:
  RegistryPasswords(archive::Workspace& ws, const Clock& clock, std::mutex& ws_mutex)
      : m_ws(ws), m_clock(clock), m_mutex(ws_mutex) {}
  bool verify(const std::string& user, const std::string& password) const override;
  std::string unavailable_reason() const override;

 private:
  archive::Workspace& m_ws;
  const Clock& m_clock;
  std::mutex& m_mutex;
};

}  // namespace gongwen::app::serve
