// read_ofd: text, DocInfo and tags of an OFD from outside (see ofd_read.hpp).
#include "gongwen/pipeline/ofd_read.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "ses/ofd_package.hpp"

namespace gongwen {
namespace {

constexpr std::size_t kMaxObjectsPerPage = 100000;

[[noreturn]] void bad(const std::string& source, const std::string& what) {
  fail(Code::BadInput, source + "：" + what, {"请向来文单位索取完好的 OFD 文件"});
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> v;
  std::istringstream in(s);
  in.imbue(std::locale::classic());
  double d;
  while (in >> d) v.push_back(d);
  return v;
}

struct Piece {
  double y, x;
  std::string text;
};

// Every TextCode under `n` (layers, page blocks, composite objects), with its place.
void collect(xmlNode* n, std::vector<Piece>& out, std::size_t& objects, const std::string& source,
             const std::string& part) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (++objects > kMaxObjectsPerPage)
      bad(source, part + " 有超过 " + std::to_string(kMaxObjectsPerPage) + " 个对象，不像一页公文，拒绝读取");
    const std::string name = reinterpret_cast<const char*>(c->name);
    if (name == "TextObject") {
      const std::vector<double> b = numbers(ses::attribute(c, "Boundary"));
      const double bx = b.size() >= 2 ? b[0] : 0, by = b.size() >= 2 ? b[1] : 0;
      for (xmlNode* t : ses::children(c, "TextCode")) {
        const std::string x = ses::attribute(t, "X"), y = ses::attribute(t, "Y");
        xmlChar* txt = xmlNodeGetContent(t);
        Piece p{by + (y.empty() ? 0 : std::atof(y.c_str())), bx + (x.empty() ? 0 : std::atof(x.c_str())),
                txt ? reinterpret_cast<const char*>(txt) : ""};
        xmlFree(txt);
        out.push_back(std::move(p));
      }
      continue;
    }
    collect(c, out, objects, source, part);
  }
}

// Lines top to bottom (TextCodes whose baselines lie within 1.5 mm are one line), each left
// to right: the order a reader reads, whatever order the writer put the objects in.
std::string reading_order(std::vector<Piece> pieces) {
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.y < b.y; });
  std::string out;
  std::size_t i = 0;
  while (i < pieces.size()) {
    std::size_t j = i + 1;
    while (j < pieces.size() && pieces[j].y - pieces[i].y < 1.5) ++j;
    std::stable_sort(pieces.begin() + static_cast<long>(i), pieces.begin() + static_cast<long>(j),
                     [](const Piece& a, const Piece& b) { return a.x < b.x; });
    for (std::size_t k = i; k < j; ++k) out += pieces[k].text;
    out += '\n';
    i = j;
  }
  return out;
}

}  // namespace

std::string OfdContent::text() const {
  std::string s;
  for (const std::string& p : pages) s += (s.empty() ? "" : "\n") + p;
  return s;
}

Result<OfdContent> read_ofd(const std::string& bytes, const std::string& source) {
  try {
    const ses::Package pkg = ses::read_package(bytes, source);
    const std::string* root_xml = pkg.find("OFD.xml");
    if (!root_xml) bad(source, "包中没有 OFD.xml，不是 OFD 文件");
    ses::Xml root(*root_xml, source + " OFD.xml");
    xmlNode* body = ses::child(root.root(), "DocBody");
    OfdContent out;
    for (xmlNode* c = ses::child(body, "DocInfo") ? ses::child(body, "DocInfo")->children : nullptr; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string name = reinterpret_cast<const char*>(c->name);
      if (name == "CustomDatas") {
        for (xmlNode* d : ses::children(c, "CustomData")) out.info[ses::attribute(d, "Name")] = ses::content(d);
      } else {
        out.info[name] = ses::content(c);
      }
    }
    const std::string doc_path = ses::resolve(ses::content(ses::child(body, "DocRoot")), "");
    if (doc_path.empty()) bad(source, "OFD.xml 没有 DocRoot（文档入口）");
    if (doc_path == "OFD.xml") bad(source, "DocRoot 指回 OFD.xml 自身（循环引用）");
    const std::string* doc_xml = pkg.find(doc_path);
    if (!doc_xml) bad(source, "DocRoot 所指的 " + doc_path + " 不在包中");
    ses::Xml doc(*doc_xml, source + " " + doc_path);
    if (std::string(reinterpret_cast<const char*>(doc.root()->name)) != "Document")
      bad(source, doc_path + " 不是 OFD 文档（根元素不是 Document）");
    const std::string base = ses::dir_of(doc_path);
    for (xmlNode* p : ses::children(ses::child(doc.root(), "Pages"), "Page")) {
      const std::string part = ses::resolve(ses::attribute(p, "BaseLoc"), base);
      const std::string* page_xml = pkg.find(part);
      if (!page_xml) bad(source, "页面文件 " + part + " 不在包中");
      ses::Xml page(*page_xml, source + " " + part);
      std::vector<Piece> pieces;
      std::size_t objects = 0;
      collect(page.root(), pieces, objects, source, part);
      out.pages.push_back(reading_order(std::move(pieces)));
    }
    if (out.pages.empty()) bad(source, doc_path + " 没有页面");
    // Our tag file (docs/ofd.md): each element's 值.
    if (xmlNode* tags = ses::child(doc.root(), "CustomTags")) {
      const std::string tags_path = ses::resolve(ses::content(tags), base);
      if (const std::string* tags_xml = pkg.find(tags_path)) {
        ses::Xml t(*tags_xml, source + " " + tags_path);
        for (xmlNode* ct : ses::children(t.root(), "CustomTag")) {
          if (ses::attribute(ct, "NameSpace").rfind("urn:gongwen:gbt33476.1", 0) != 0) continue;
          const std::string file = ses::resolve(ses::content(ses::child(ct, "FileLoc")), ses::dir_of(tags_path));
          const std::string* f = pkg.find(file);
          if (!f) continue;
          ses::Xml x(*f, source + " " + file);
          for (xmlNode* e = x.root()->children; e; e = e->next)
            if (e->type == XML_ELEMENT_NODE) {
              const std::string v = ses::attribute(e, "值");
              if (!v.empty()) out.tags[reinterpret_cast<const char*>(e->name)] = v;
            }
        }
      }
    }
    return out;
  } catch (const Failure& f) {
    return f.error();
  }
}

}  // namespace gongwen
