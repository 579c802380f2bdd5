#include "gongwen/services/office.hpp"

namespace gongwen::services {

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
  // A block is its kind and text; a table adds its structure (header row, widths, cells —
  // the text alone cannot tell a cell boundary from a space) and a picture its file and
  // bytes, so that swapping the picture beside a signed-off draft resets the sign-off.
  // Paragraphs hash exactly as before tables and pictures existed: old sign-offs stay valid.
  auto put_block = [&](const Block& b) {
    put("block", std::to_string(static_cast<int>(b.kind)) + b.text);
    if (b.kind == BlockKind::Table) {
      std::string t = std::to_string(b.table.header_rows);
      for (double w : b.table.column_weights) t += '\x1d' + std::to_string(w);
      for (const auto& row : b.table.rows) put_list("row", row);
      put("table", t);
    } else if (b.kind == BlockKind::Image) {
      put("image", b.image.file + '\x1d' + std::to_string(b.image.width_mm) + '\x1d' + b.image.bytes);
    }
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
  for (const auto& b : d.body) put_block(b);
  put_list("attachment_notes", d.attachment_notes);
  put("signature", d.signature);
  put("date", d.date.iso());
  put("seal", d.seal == SealMode::Sealed ? "sealed" : "unsealed");
  put("seal_text", d.seal_text);
  put("note", d.note);
  for (const auto& a : d.attachments) {
    put("attachment", a.title);
    for (const auto& b : a.body) put_block(b);
  }
  put_list("present", d.present);
  put_list("absent", d.absent);
  put_list("attending", d.attending);
  put("copies_to", d.copies_to);
  put("printer", d.printer);
  return archive::sha256_hex(s);
}

}  // namespace gongwen::services
