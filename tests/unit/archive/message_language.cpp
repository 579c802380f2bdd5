// The tests of this binary that match message text were written against the English words
// of the message catalogue: they run in English whatever the locale of the machine
// (LANG=en_US.UTF-8 would choose it too; docs/cli.md, "Language"). A test of the Chinese
// words sets the language itself (messages_test.cpp).
#include "gongwen/pipeline/messages.hpp"

namespace {
const bool kEnglish = [] {
  gongwen::set_message_language(gongwen::Language::English);
  return true;
}();
}  // namespace
