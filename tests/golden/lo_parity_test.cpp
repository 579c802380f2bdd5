// DOCX ↔ LibreOffice page parity (label lo): every golden case's DOCX, converted by
// LibreOffice headless, has the same number of pages and the same text on each page as our
// PDF. One soffice run converts all cases (a private profile under the build dir).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cases.hpp"
#include "gongwen/pipeline/render.hpp"
#include "measure.hpp"

namespace gongwen::golden {
namespace {
namespace fs = std::filesystem;

// Page text without whitespace: line breaks and the spaces pdftotext puts between runs may
// differ; the characters and their page may not.
std::string squash(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
  return out;
}

struct Pair {
  std::string name;
  std::vector<std::string> ours, lo;  // squashed text per page
  std::string error;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> pages_of(const std::string& pdf) {
  std::vector<std::string> out;
  for (const PageFacts& p : measure_pdf(pdf).pages) out.push_back(squash(p.text));
  return out;
}

const std::vector<Pair>& pairs() {
  static const std::vector<Pair> all = [] {
    std::vector<Pair> out;
    const fs::path dir = fs::temp_directory_path() / "gongwen-lo-parity";
    fs::remove_all(dir);
    fs::create_directories(dir / "out");
    std::string files;
    std::map<std::string, std::string> ours;
    for (const Case& c : golden_cases()) {
      auto pdf = render_pdf(c.doc, golden_options());
      auto docx = render_docx(c.doc, golden_options());
      if (!pdf || !docx) throw std::runtime_error(c.name + ": render failed");
      std::ofstream(dir / (c.name + ".docx"), std::ios::binary) << docx.value().bytes;
      ours[c.name] = pdf.value().bytes;
      files += " '" + (dir / (c.name + ".docx")).string() + "'";
    }
    // LibreOffice finds fonts through the system's fontconfig; the Fandol fonts our PDF
    // writer adds in-process (pdf/fonts.cpp) are added here the same way.
    std::ofstream(dir / "fonts.conf")
        << "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
           "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
           "<dir>/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol</dir>"
           "<cachedir>"
        << (dir / "fc-cache").string() << "</cachedir></fontconfig>\n";
    const std::string cmd = "FONTCONFIG_FILE='" + (dir / "fonts.conf").string() + "' soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                            " --headless --convert-to pdf --outdir '" + (dir / "out").string() +
                            "'" + files + " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    for (const auto& [name, pdf] : ours) {
      Pair p{name, pages_of(pdf), {}, {}};
      const fs::path lo = dir / "out" / (name + ".pdf");
      if (rc != 0 || !fs::exists(lo)) p.error = "soffice did not convert " + name;
      else p.lo = pages_of(slurp(lo));
      out.push_back(std::move(p));
    }
    return out;
  }();
  return all;
}

bool have_soffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

// Every case: the same number of pages and the same text on each page. What it takes
// (docs/docx.md, "LibreOffice parity"): Latin runs measured in the fonts and given the room
// LibreOffice gives them, letter spacing per Latin run, squeezed marks at 47 %, keep-with-next
// chains and whole-paragraph moves as LibreOffice does them, seal tightening as exact spacing.
TEST(LoParity, SamePagesAndTextPerPageAsOurPdf) {
  if (!have_soffice()) GTEST_SKIP() << "soffice not installed";
  int matched = 0;
  for (const Pair& p : pairs()) {
    SCOPED_TRACE(p.name);
    ASSERT_TRUE(p.error.empty()) << p.error;
    EXPECT_EQ(p.lo.size(), p.ours.size()) << p.name << ": LibreOffice pages";
    bool same = p.lo.size() == p.ours.size();
    std::size_t first_diff = 0;
    for (std::size_t i = 0; i < std::min(p.lo.size(), p.ours.size()) && same; ++i)
      if (p.lo[i] != p.ours[i]) {
        same = false;
        first_diff = i;
      }
    if (same) ++matched;
    std::cout << "[ parity ] " << p.name << ": ours " << p.ours.size() << " pages, LibreOffice "
              << p.lo.size() << (same ? ", same text on every page\n" : ", text differs from page ")
              << (same ? "" : std::to_string(first_diff + 1) + "\n");
    if (same || first_diff >= std::min(p.lo.size(), p.ours.size())) continue;
    const std::string& a = p.ours[first_diff];
    const std::string& l = p.lo[first_diff];
    std::size_t k = 0;
    while (k < a.size() && k < l.size() && a[k] == l[k]) ++k;
    k = k > 30 ? k - 30 : 0;
    while (k > 0 && (static_cast<unsigned char>(a[k]) & 0xC0) == 0x80) --k;
    ADD_FAILURE() << p.name << " page " << first_diff + 1 << "\n ours: " << a.substr(k, 150)
                  << "\n   lo: " << l.substr(k, 150);
  }
  EXPECT_EQ(matched, static_cast<int>(pairs().size()));
}

}  // namespace
}  // namespace gongwen::golden
