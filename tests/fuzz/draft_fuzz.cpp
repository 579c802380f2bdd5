// Fuzz target for every reader of outside text in pipeline/: drafts, templates, profiles,
// 文号 and body parsing. Any input must give a value or an Error, never a crash or hang.
// Under clang: cmake -DGONGWEN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ → a libFuzzer binary;
// under gcc the replay main runs the saved corpus as a ctest.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gongwen/pipeline/draft.hpp"
#include "gongwen/pipeline/number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen;
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const Profile profile = [] {
    return parse_profile(
               "[office]\nname = \"白路乡党政办公室\"\n[[organs]]\nid = \"government\"\n"
               "name = \"白路乡人民政府\"\ncode_prefix = \"白政\"\nsigner = \"zhang\"\n"
               "[[users]]\nid = \"zhang\"\nroles = [\"signer\"]\n[[users]]\nid = \"wang\"\n"
               "roles = [\"drafter\"]\n",
               "fuzz-profile.toml")
        .take();
  }();
  static const std::vector<Template> templates = [] {
    std::vector<Template> t;
    t.push_back(parse_template("id = \"notice\"\nkind = \"通知\"\ncode = \"发\"\n"
                               "required = [\"title\", \"to\", \"date\"]\n",
                               "notice.toml")
                    .take());
    t.push_back(parse_template("id = \"meeting\"\nkind = \"通知\"\ncode = \"发\"\n"
                               "title = \"关于召开{{name}}的通知\"\nbody = \"{{name}}\\n{{body}}\"\n"
                               "[[fields]]\nname = \"name\"\nrequired = true\n",
                               "meeting.toml")
                    .take());
    return t;
  }();
  // Attachment files are looked up under a folder that does not exist: reading outside
  // files is not what this target explores.
  (void)read_draft(text, "fuzz.toml", "/nonexistent-fuzz-dir", templates, profile);
  (void)parse_template(text, "fuzz-template.toml");
  (void)parse_profile(text, "fuzz-profile.toml");
  (void)parse_doc_number(text);
  (void)parse_body(text);
  (void)read_body(text, BodySource{"fuzz.txt", 1, "body", "/nonexistent-fuzz-dir"});
  (void)find_invalid_utf8(text);
  return 0;
}
