// Looking a code up in the catalogue, choosing the language and filling placeholders.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <vector>

#include "gongwen/pipeline/messages.hpp"
#include "messages/catalog.hpp"

namespace gongwen {

namespace {

// -1: not chosen yet (read from the environment on first use).
std::atomic<int> g_language{-1};

const std::vector<CatalogEntry>& sorted() {
  static const std::vector<CatalogEntry> all = [] {
    std::vector<CatalogEntry> v;
    for (auto part : {messages::entries(), messages::entries_trust(), messages::entries_layout(),
                      messages::entries_kinds(), messages::entries_ofd(), messages::entries_signing(),
                      messages::entries_search(),
                      messages::entries_office(), messages::entries_ocr(), messages::entries_services(),
                      messages::entries_filing(), messages::entries_webdesk()})
      v.insert(v.end(), part.begin(), part.end());
    std::stable_sort(v.begin(), v.end(), [](const CatalogEntry& a, const CatalogEntry& b) { return a.code < b.code; });
    return v;
  }();
  return all;
}

const CatalogEntry* find(std::string_view code) {
  const auto& all = sorted();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const CatalogEntry& e, std::string_view c) { return e.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

std::string fill(std::string_view pattern, MessageArgs args) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      std::size_t j = i + 1;
      while (j < pattern.size() && name_char(pattern[j])) ++j;
      if (j > i + 1 && j < pattern.size() && pattern[j] == '}') {
        const std::string_view name = pattern.substr(i + 1, j - i - 1);
        const MessageArg* arg = nullptr;
        for (const MessageArg& a : args)
          if (a.name == name) arg = &a;
        if (arg) {
          out += arg->value;
          i = j + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace

Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* v : {lc_all, lc_messages, lang})
    if (v != nullptr && *v != '\0') return std::string_view(v).starts_with("en") ? Language::English : Language::Chinese;
  return Language::Chinese;
}

Language message_language() {
  int l = g_language.load(std::memory_order_relaxed);
  if (l < 0) {
    l = static_cast<int>(language_from_locale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG")));
    g_language.store(l, std::memory_order_relaxed);
  }
  return static_cast<Language>(l);
}

void set_message_language(Language language) { g_language.store(static_cast<int>(language)); }

std::string msg_in(Language language, std::string_view code, MessageArgs args) {
  const CatalogEntry* e = find(code);
  if (e == nullptr) return std::string(code);
  return fill(language == Language::English ? e->english : e->chinese, args);
}

std::string msg(std::string_view code, MessageArgs args) { return msg_in(message_language(), code, args); }

bool has_message(std::string_view code) { return find(code) != nullptr; }

std::span<const CatalogEntry> message_catalog() { return sorted(); }

}  // namespace gongwen
