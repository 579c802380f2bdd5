#include "ses/ofd_package.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include <cstring>

#include "gongwen/pipeline/error.hpp"
#include "import/zip_reader.hpp"
#include "gongwen/pipeline/libxml_ready.hpp"

namespace gongwen::ses {

const std::string* Package::find(const std::string& name) const {
  for (const auto& [n, b] : entries)
    if (n == name) return &b;
  return nullptr;
}

void Package::put(const std::string& name, std::string bytes) {
  for (auto& [n, b] : entries)
    if (n == name) {
      b = std::move(bytes);
      return;
    }
  entries.emplace_back(name, std::move(bytes));
}

Package read_package(const std::string& bytes, const std::string& source) {
  ImportLimits limits;
  limits.max_entries = 20000;
  import::ZipReader zip(bytes, source, limits, ".ofd");
  Package p;
  for (const std::string& name : zip.names()) {
    if (!name.empty() && name.back() == '/') continue;  // a folder entry
    std::optional<std::string> data = zip.read(name);
    if (data) p.entries.emplace_back(name, std::move(*data));
  }
  return p;
}

Xml::Xml(const std::string& bytes, const std::string& name) {
  // No DTD, no entities, no network: a received file's XML must not reach out or expand.
  if (bytes.find("<!DOCTYPE") != std::string::npos || bytes.find("<!ENTITY") != std::string::npos)
    fail(Code::BadInput, name + "：含 DOCTYPE 或实体声明的 XML 不予读取（OFD 的部件从不声明 DOCTYPE）",
         {"请向来文单位索取完好的 OFD 文件"});
  libxml_ready();
  m_doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!m_doc || !xmlDocGetRootElement(m_doc)) {
    if (m_doc) xmlFreeDoc(m_doc);
    m_doc = nullptr;
    fail(Code::BadInput, name + "：不是格式正确的 XML", {"请向来文单位索取完好的 OFD 文件"});
  }
}

Xml::~Xml() {
  if (m_doc) xmlFreeDoc(m_doc);
}

xmlNode* Xml::root() const { return xmlDocGetRootElement(m_doc); }

std::string Xml::serialize() const {
  xmlChar* buf = nullptr;
  int len = 0;
  xmlDocDumpMemoryEnc(m_doc, &buf, &len, "UTF-8");
  std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
  xmlFree(buf);
  return out;
}

xmlNode* child(xmlNode* n, const char* local) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(c->name), local) == 0)
      return c;
  return nullptr;
}

std::vector<xmlNode*> children(xmlNode* n, const char* local) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(c->name), local) == 0)
      out.push_back(c);
  return out;
}

std::string content(xmlNode* n) {
  if (!n) return {};
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  // Locations and numbers: surrounding whitespace is not part of them.
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string attribute(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

std::string dir_of(const std::string& name) {
  const auto slash = name.rfind('/');
  return slash == std::string::npos ? "" : name.substr(0, slash + 1);
}

std::string resolve(const std::string& loc, const std::string& base_dir) {
  if (!loc.empty() && loc.front() == '/') return loc.substr(1);
  return base_dir + loc;
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace gongwen::ses
