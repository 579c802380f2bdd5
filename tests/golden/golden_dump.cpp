// Prints the measured lines of one golden case page: golden_dump CASE PAGE [TEXT] (for eyes
// when a golden test fails; TEXT also prints the glyph boxes of the lines containing it).
#include "measure.hpp"
#include "cases.hpp"
#include <cstdio>
#include <cstring>
#include <string>
#include "gongwen/pipeline/render.hpp"
using namespace gongwen; using namespace gongwen::golden;
int main(int argc,char**argv){
 if (std::string(argv[1]).size() > 4 && std::string(argv[1]).substr(std::string(argv[1]).size() - 4) == ".pdf") {
   FILE* fp = fopen(argv[1], "rb"); std::string bytes; char buf[65536]; size_t n;
   while ((n = fread(buf, 1, sizeof buf, fp)) > 0) bytes.append(buf, n); fclose(fp);
   auto f = measure_pdf(bytes); int p = atoi(argv[2]);
   printf("pages %zu\n", f.pages.size());
   for (auto& l : f.pages[p].lines) { printf("%6.2f sz%.1f L%.2f R%.2f n%zu %s [%s]\n", (l.centre-kTop)/kPitch-0.5, l.size, l.left(), l.right(), l.glyphs.size(), l.text.c_str(), l.glyphs.front().font.c_str());
     if (argc > 3 && strstr(l.text.c_str(), argv[3])) for (auto& g : l.glyphs) printf("  %s %.2f %.2f %s\n", utf8(g.ch).c_str(), g.x0, g.x1, g.font.c_str()); }
   return 0;
 } for(auto&c:golden_cases()){ if(c.name!=argv[1])continue; auto r=render_pdf(c.doc,golden_options()); auto f=measure_pdf(r.value().bytes);
 { std::string out = "/tmp/golden-" + c.name + ".pdf"; FILE* fp = fopen(out.c_str(), "wb"); fwrite(r.value().bytes.data(), 1, r.value().bytes.size(), fp); fclose(fp); }
 for(auto&w:r.value().warnings) printf("W %s\n",w.c_str());
 int p=atoi(argv[2]); if(argc>3 && std::string(argv[3])=="TEXT"){ printf("%s\n", f.pages[p].text.c_str()); return 0; } for(auto&l:f.pages[p].lines){ printf("%6.2f sz%.1f L%.2f R%.2f n%zu %s [%s]\n",(l.centre-kTop)/kPitch-0.5,l.size,l.left(),l.right(),l.glyphs.size(),l.text.c_str(), l.glyphs.front().font.c_str());
 if(argc>3 && strstr(l.text.c_str(),argv[3])) for(auto&g:l.glyphs) printf("  %s %.2f %.2f %s\n",utf8(g.ch).c_str(),g.x0,g.x1,g.font.c_str());} }}
