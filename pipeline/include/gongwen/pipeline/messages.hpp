#pragma once
// The message catalogue: every text a user reads is looked up by a stable code (e.g.
// "draft.date.invalid") in one table holding its Chinese and its English wording
// (pipeline/src/messages/catalog.cpp). Chinese is the default, for the clerks who use gongwen;
// English is chosen when the locale asks for it (see message_language). Translating a
// message, or adding a language, is an edit of that table only.
//
// Placeholders are written {name} and filled from the arguments given with the code; a
// brace not followed by the name of a given argument and '}' stays as it is, so "{{body}}"
// and "{width=80mm}" need no escaping.
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace gongwen {

enum class Language { Chinese, English };

// The language of messages: set_message_language's if called, else from the environment
// as POSIX orders it, the first non-empty of LC_ALL, LC_MESSAGES and LANG: English when it
// starts with "en", Chinese otherwise (and when none is set). Read once.
Language message_language();
void set_message_language(Language language);
// The rule above on given values (nullptr = unset), for the tests.
Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang);

struct MessageArg {
  std::string_view name;
  std::string value;
};
using MessageArgs = std::initializer_list<MessageArg>;

// The catalogue's text for `code` in the current language (or `language`), with the
// placeholders filled. An unknown code gives the code itself, so a missing entry shows
// rather than hides (a unit test keeps the table complete).
std::string msg(std::string_view code, MessageArgs args = {});
std::string msg_in(Language language, std::string_view code, MessageArgs args = {});
bool has_message(std::string_view code);

struct CatalogEntry {
  std::string_view code;
  std::string_view chinese;
  std::string_view english;
};
// Every entry, sorted by code.
std::span<const CatalogEntry> message_catalog();

}  // namespace gongwen
