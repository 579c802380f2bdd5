#pragma once
// PDF text strings and dates for the signature dictionary (ISO 32000-1 §7.9.2, §7.9.4).
#include <string>

#include "gongwen/pipeline/date.hpp"

namespace gongwen::sign_detail {

// "(ascii)" when plain ASCII will do, else "<FEFF…>" (UTF-16BE with byte-order mark).
std::string pdf_text_string(const std::string& utf8);
// Back from either form to UTF-8 (literal strings: escapes resolved, bytes taken as is).
std::string decode_pdf_string(const std::string& token);
// D:YYYYMMDDHHmmSS+08'00' in the instant's own UTC offset.
std::string pdf_date(const Instant& at);

}  // namespace gongwen::sign_detail
