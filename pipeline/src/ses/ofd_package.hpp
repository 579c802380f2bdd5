#pragma once
// An OFD package read for signing and checking: its entries in order, with the limits of
// import/zip_reader (no ../ or absolute names, sizes, ratio) and XML parsed without a DTD,
// entities or network (a DOCTYPE is refused outright).
#include <optional>
#include <string>
#include <utility>
#include <vector>

typedef struct _xmlDoc xmlDoc;
typedef struct _xmlNode xmlNode;

namespace gongwen::ses {

struct Package {
  std::vector<std::pair<std::string, std::string>> entries;  // name → bytes, in zip order
  const std::string* find(const std::string& name) const;
  void put(const std::string& name, std::string bytes);  // replaces or appends
};

// Throws Failure(BadInput) naming `source` on a bad zip.
Package read_package(const std::string& bytes, const std::string& source);

// A parsed XML part; throws Failure(BadInput) when it is not well-formed or has a DOCTYPE.
class Xml {
 public:
  Xml(const std::string& bytes, const std::string& name);
  ~Xml();
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;
  xmlNode* root() const;
  xmlDoc* doc() const { return m_doc; }
  std::string serialize() const;

 private:
  xmlDoc* m_doc = nullptr;
};

// Child elements by local name (namespace ignored: readers differ in prefixes).
xmlNode* child(xmlNode* n, const char* local);
std::vector<xmlNode*> children(xmlNode* n, const char* local);
std::string content(xmlNode* n);
std::string attribute(xmlNode* n, const char* name);

// A location in the package ("/Doc_0/…" or relative to `base_dir`) as an entry name.
std::string resolve(const std::string& loc, const std::string& base_dir);
std::string dir_of(const std::string& name);

std::string base64(const std::string& bytes);

}  // namespace gongwen::ses
