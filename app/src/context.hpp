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

  const Clock& clock();
  std::filesystem::path data_dir() const;  // holds templates/ and samples/
  archive::Workspace& workspace();         // opens on first use; NotFound if there is none
  std::string user(const char* purpose);   // the acting user; Usage error if none given

  // Prints a result: JSON when --json, else the text.
  void emit(const nlohmann::json& j, const std::string& text) const;

 private:
  std::unique_ptr<Clock> m_clock;
  std::unique_ptr<archive::Workspace> m_ws;
};

}  // namespace gongwen::app
