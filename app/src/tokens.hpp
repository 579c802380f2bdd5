#pragma once
// The login tokens of this OS user: one file per workspace, readable only by its owner
// (mode 0600 in a 0700 folder), one "user token" line per logged-in gongwen user.
#include <filesystem>
#include <map>
#include <string>

namespace gongwen::app {

// $GONGWEN_CONFIG_DIR, else $XDG_CONFIG_HOME/gongwen, else ~/.config/gongwen.
std::filesystem::path config_dir();
std::filesystem::path token_file_for(const std::filesystem::path& workspace_root);
std::map<std::string, std::string> read_tokens(const std::filesystem::path& file);
void write_tokens(const std::filesystem::path& file, const std::map<std::string, std::string>& tokens);

}  // namespace gongwen::app
