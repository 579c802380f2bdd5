#include "gongwen/archive/office.hpp"

namespace gongwen::archive {

std::string document_fingerprint(const Document& d) {
  // Each field is written with its name and a unit separator so that moving text between
  // fields changes the hash.
  std::string s;
  auto put = [&s](const char* name, const std::string& v) {
    s += name;
    s += '\x1f';
    s += v;
    s += '\x1e';
  };
  auto put_list = [&](const char* name, const std::vector<std::string>& v) {
    std::string j;
    for (const auto& x : v) j += x + '\x1d';
    put(name, j);
  };
  put("template", d.template_id);
  put("kind", d.kind);
  put("direction", to_chinese(d.direction));
  put("format", to_chinese(d.format));
  put("secrecy", to_chinese(d.secrecy));
  put("secrecy_term", d.secrecy_term);
  put("urgency", to_chinese(d.urgency));
  put_list("issuers", d.issuers);
  put("mark", d.issuer_mark);
  put_list("signers", d.signers);
  put("title", d.title);
  put("to", d.main_recipients);
  for (const auto& b : d.body) put("block", std::to_string(static_cast<int>(b.kind)) + b.text);
  put_list("attachment_notes", d.attachment_notes);
  put("signature", d.signature);
  put("date", d.date.iso());
  put("seal", d.seal == SealMode::Sealed ? "sealed" : "unsealed");
  put("seal_text", d.seal_text);
  put("note", d.note);
  for (const auto& a : d.attachments) {
    put("attachment", a.title);
    for (const auto& b : a.body) put("block", std::to_string(static_cast<int>(b.kind)) + b.text);
  }
  put_list("present", d.present);
  put_list("absent", d.absent);
  put_list("attending", d.attending);
  put("copies_to", d.copies_to);
  put("printer", d.printer);
  return sha256_hex(s);
}

}  // namespace gongwen::archive
