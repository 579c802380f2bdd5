#pragma once
// Test helpers for the OFD tests: a zip's entries in order (libzip, not the code under test)
// and a shell command's exit status and output.
#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace gongwen::test {

inline std::vector<std::pair<std::string, std::string>> zip_entries(const std::string& bytes) {
  std::vector<std::pair<std::string, std::string>> out;
  zip_error_t err;
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, i, 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(z, i, 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    out.emplace_back(st.name, std::move(data));
  }
  zip_close(z);
  return out;
}

// Runs `cmd` through the shell (stderr joined to stdout); the exit status as pclose gives it.
inline int run_command(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  std::string s;
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) s.append(buf, n);
  if (out) *out = std::move(s);
  return pclose(p);
}

}  // namespace gongwen::test
