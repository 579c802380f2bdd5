// Writes every golden case's PDF and DOCX into a folder: golden_write DIR. For checking that
// a change to the writers keeps their bytes (`sha256sum DIR/*` before and after).
#include <cstdio>
#include <fstream>
#include <string>

#include "cases.hpp"
#include "gongwen/pipeline/render.hpp"

using namespace gongwen;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: golden_write DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  for (const golden::Case& c : golden::golden_cases()) {
    std::ofstream(dir + "/" + c.name + ".pdf", std::ios::binary)
        << render_pdf(c.doc, golden::golden_options()).take().bytes;
    std::ofstream(dir + "/" + c.name + ".docx", std::ios::binary)
        << render_docx(c.doc, golden::golden_options()).take().bytes;
  }
  return 0;
}
