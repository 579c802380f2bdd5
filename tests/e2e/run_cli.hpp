#pragma once
// Runs the real `gongwen` binary (or any tool) and captures its exit code and output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongwen::e2e {

struct Outcome {
  int code = -1;
  std::string out, err;
};

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A report of AddressSanitizer or UndefinedBehaviorSanitizer in a program's output (the
// sanitizer pass, tests/sanitizers.sh, runs this suite on a gongwen built with them): a failure
// of the running test whatever the program's exit code, so a refusal expected to fail cannot
// hide one.
inline void expect_no_sanitizer_report(const std::string& what, const std::string& output) {
  for (const char* marker : {"ERROR: AddressSanitizer", ": runtime error: "}) {
    const auto at = output.find(marker);
    if (at != std::string::npos)
      ADD_FAILURE() << what << " reported a sanitizer finding:\n" << output.substr(at > 2000 ? at - 2000 : 0, 12000);
  }
}

// Runs `program args…` through the shell with stdout/stderr sent to temporary files.
inline Outcome run(const std::string& program, const std::vector<std::string>& args,
               const std::string& env = "") {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  const auto out = dir / ("gw-out-" + tag), err = dir / ("gw-err-" + tag);
  std::string cmd = env + " " + quote(program);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  const int status = std::system(cmd.c_str());
  Outcome r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  expect_no_sanitizer_report(program, r.err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

// The language of gongwen's messages (docs/cli.md, "Language"), set for every run so the
// machine's locale does not matter. The tests that match message text were written against
// the English words; Chinese, the default, is tested where kChinese is given
// (draft_check_test.cpp).
inline const std::string kEnglish = "LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8";
inline const std::string kChinese = "LC_ALL= LC_MESSAGES= LANG=";

inline Outcome gongwen(const std::vector<std::string>& args) { return run(GONGWEN_BINARY, args, kEnglish); }

inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto p = std::filesystem::temp_directory_path() / ("gongwen-e2e-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(p);
  return p;
}

}  // namespace gongwen::e2e
