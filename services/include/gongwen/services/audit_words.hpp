#pragma once
// The audit log as the clerk reads it. An entry's action ("refused", "submit", …) and detail
// ("submit drafts: role missing", "to 王芳 due 2026-03-01", …) are stored in English, and
// stay so: the audit chain hashes them byte for byte, and every issued PDF's signature
// carries the chain's head. They are translated when shown: each stored form is an
// `audit.*` entry of the message catalogue whose English words ARE the stored text, with
// {placeholders} for its arguments (a 密级, a hash, a name); the entry's Chinese words are
// shown with the same arguments. A text no entry matches is shown as stored, and with
// LANG=en* everything is shown as stored.
#include <string>
#include <string_view>

#include "gongwen/pipeline/messages.hpp"

namespace gongwen::services {

struct AuditWords {
  std::string action;
  std::string detail;
};

// `subject` tells the two stored "return"s apart: a draft sent back ("#12 …") and a loan
// given back (a 档号).
AuditWords audit_words(std::string_view action, std::string_view subject, std::string_view detail);
AuditWords audit_words_in(Language language, std::string_view action, std::string_view subject,
                          std::string_view detail);

}  // namespace gongwen::services
