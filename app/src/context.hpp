#pragma once
// What every command needs: the output mode, the clock, where the program's data (templates,
// samples) lives, and the workspace, found like git finds a repository.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gongwen/archive/workspace.hpp"
#include "gongwen/pipeline/date.hpp"

namespace gongwen::app {

struct Context {
  bool json = false;
  std::string workspace_opt;  // --workspace
  std::string clock_opt;      // --clock or GONGWEN_CLOCK: a fixed instant (demo, tests)
  std::string user_opt;       // --as or GONGWEN_USER
  std::string password_file_opt;  // --password-file: the password on its first line (scripts)
  // Set by init --fixed-clock-allowed and demo, which make the workspace the clock is for;
  // otherwise a fixed clock needs a workspace made with that setting (clock_policy.hpp).
  bool fixed_clock_permitted = false;

  const Clock& clock();
  std::filesystem::path data_dir() const;  // holds templates/ and samples/
  archive::Workspace& workspace();         // opens on first use; NotFound if there is none
  // The acting user, authenticated: a login token of this OS user for the workspace, or the
  // password (--password-file, GONGWEN_PASSWORD, or a prompt on a terminal). Usage error if
  // no user is named and not exactly one is logged in; Forbidden on a wrong password.
  std::string user(const char* purpose);
  std::string named_user() const;          // --as / GONGWEN_USER, unauthenticated ("" if none)
  // Who reads a listing: the acting user (authenticated as by user()) when one is named or
  // exactly one is logged in; otherwise nobody, who sees no secret item.
  User reader();
  // The password given non-interactively or typed at a prompt ("" if none can be had).
  std::string password(const std::string& prompt) const;
  std::filesystem::path token_file();      // ~/.config/gongwen/token-<workspace hash>

  // Prints a result: JSON when --json, else the text.
  void emit(const nlohmann::json& j, const std::string& text) const;

 private:
  std::unique_ptr<Clock> m_clock;
  std::unique_ptr<archive::Workspace> m_ws;
};

}  // namespace gongwen::app
