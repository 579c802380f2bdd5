#pragma once
// The index layout: term prefixes, value slots and the field names users type. Indexing and
// query parsing both read this table, so a field cannot exist on one side only. Changing a
// prefix or slot needs a reindex (`gongwen search reindex`).
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace gongwen::search::schema {

// Term prefixes. Free-text fields are n-grammed; boolean ones hold the exact value.
inline constexpr std::string_view kId = "Q";           // unique id (replace_document key)
inline constexpr std::string_view kTitle = "S";        // 标题
// 正文 has no prefix of its own: the body is indexed once, unprefixed, and `正文:` queries
// search the unprefixed terms (body plus the short fields: title, 文号, organ, 主送, 文种).
// Indexes built before 2026-11 also hold "XB" body terms; nothing reads them any more.
inline constexpr std::string_view kBody = "";
inline constexpr std::string_view kNumber = "XN";      // 文号 text (n-grams + digits)
inline constexpr std::string_view kNumberExact = "XNX";  // 文号, canonical, boolean
inline constexpr std::string_view kNumberYear = "XNY";   // year part of the 文号
inline constexpr std::string_view kNumberSeq = "XNS";    // sequence part of the 文号 ("7")
inline constexpr std::string_view kIssuer = "XA";      // 发文机关 / 来文单位
inline constexpr std::string_view kRecipients = "XT";  // 主送
inline constexpr std::string_view kKind = "XK";        // 文种 (boolean)
inline constexpr std::string_view kYear = "XY";        // 年度 (boolean)
inline constexpr std::string_view kSecrecy = "XS";     // 密级 name, "无" when not secret
inline constexpr std::string_view kLevel = "XL";       // access level 0–3 (access filter)
inline constexpr std::string_view kReader = "XU";      // user on the distribution
inline constexpr std::string_view kDirection = "XD";   // 发文 / 收文
inline constexpr std::string_view kArchiveCode = "XC";  // 档号
inline constexpr std::string_view kRetention = "XR";   // 保管期限

// Value slots: short fields for hits, so showing a hit never needs the document data.
enum Slot : unsigned {
  kSlotDate = 0,  // YYYYMMDD: sorts as a string, range-filterable
  kSlotId = 1,
  kSlotNumber = 2,
  kSlotTitle = 3,
  kSlotIssuer = 4,
  kSlotKind = 5,
  kSlotSecrecy = 6,
  kSlotPath = 7,
  kSlotDirection = 8,
  kSlotYear = 9,  // 年度 as "2025"
  // 年度, 文种 and organ in one value, joined by kFacetSeparator: the facets count this one slot.
  // Three spies on three slots read three value streams per match, and Xapian's glass backend
  // caches only the last slot it read, so each read went back to the B-tree (a quarter of a
  // query's time at 100,000 documents). Indexes built before 2026-11-27 lack it; they are
  // counted from the three slots until `gongwen search reindex`.
  kSlotFacets = 10,
  // Where the text came from when not from the document itself: "ocr:87" (recognised, mean
  // page confidence 87 %); empty otherwise. Shown with the hit (issue 19).
  kSlotSource = 11,
};
inline constexpr char kFacetSeparator = '\x1f';  // normalised text never holds control characters
// The document data holds the normalised body: the snippet is cut from it.

// Xapian rejects terms over 245 bytes; boolean terms longer than this are not indexed.
inline constexpr std::size_t kMaxTermBytes = 240;

enum class FieldKind {
  Text,     // free text, n-grammed, segmented in queries
  Number,   // free text, plus 文号 rewriting in queries
  Boolean,  // exact value (filter)
  Date,     // range over kSlotDate only
};

struct Field {
  std::string_view name;       // as typed before the colon (Latin names lowercase)
  std::string_view prefix;     // term prefix ("" for Date and for 正文: the unprefixed terms)
  FieldKind kind;
  std::string_view group;      // boolean fields with one group are ORed with each other
};

// Chinese and English names. `年度` is boolean (年度:2025) and also a range (年度:2025..2026).
inline constexpr std::array kFields = {
    Field{"标题", kTitle, FieldKind::Text, "title"},
    Field{"title", kTitle, FieldKind::Text, "title"},
    Field{"正文", kBody, FieldKind::Text, "body"},
    Field{"body", kBody, FieldKind::Text, "body"},
    Field{"文号", kNumber, FieldKind::Number, "number"},
    Field{"发文字号", kNumber, FieldKind::Number, "number"},
    Field{"number", kNumber, FieldKind::Number, "number"},
    Field{"发文机关", kIssuer, FieldKind::Text, "issuer"},
    Field{"来文单位", kIssuer, FieldKind::Text, "issuer"},
    Field{"责任者", kIssuer, FieldKind::Text, "issuer"},
    Field{"issuer", kIssuer, FieldKind::Text, "issuer"},
    Field{"主送", kRecipients, FieldKind::Text, "to"},
    Field{"to", kRecipients, FieldKind::Text, "to"},
    Field{"文种", kKind, FieldKind::Boolean, "kind"},
    Field{"kind", kKind, FieldKind::Boolean, "kind"},
    Field{"年度", kYear, FieldKind::Boolean, "year"},
    Field{"year", kYear, FieldKind::Boolean, "year"},
    Field{"密级", kSecrecy, FieldKind::Boolean, "secrecy"},
    Field{"secrecy", kSecrecy, FieldKind::Boolean, "secrecy"},
    Field{"收发", kDirection, FieldKind::Boolean, "direction"},
    Field{"direction", kDirection, FieldKind::Boolean, "direction"},
    Field{"档号", kArchiveCode, FieldKind::Boolean, "archive"},
    Field{"archive", kArchiveCode, FieldKind::Boolean, "archive"},
    Field{"保管期限", kRetention, FieldKind::Boolean, "retention"},
    Field{"retention", kRetention, FieldKind::Boolean, "retention"},
    Field{"日期", "", FieldKind::Date, "date"},
    Field{"成文日期", "", FieldKind::Date, "date"},
    Field{"date", "", FieldKind::Date, "date"},
    // Written by the query rewriter for 文号 pieces; users may type them too.
    Field{"numyear", kNumberYear, FieldKind::Text, "numyear"},
    Field{"numseq", kNumberSeq, FieldKind::Text, "numseq"},
    // The canonical 文号 (白政发〔2025〕7号): the exact match tried before the pieces.
    Field{"numexact", kNumberExact, FieldKind::Boolean, "numexact"},
};

// Looks a field up by the name typed before ':' (Latin names case-insensitively).
const Field* find_field(std::string_view name);

// The boolean term for `value` under `prefix`, spelled as Xapian's QueryParser spells the
// term of `档号:Z109-WS·2025-Y-ZF-0001`: a multi-letter prefix and a value that starts with a
// capital letter (or a colon) are joined by ':' so the prefix's end stays unambiguous
// ("XC:Z109-…"). Indexing wrote "XCZ109-…" before 2026-12, which the parser never asks for:
// every 档号 search found nothing until this and a `gongwen search reindex`.
std::string boolean_term(std::string_view prefix, std::string_view value);

}  // namespace gongwen::search::schema
