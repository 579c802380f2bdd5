#pragma once
// 发文字号: 机关代字 + 〔year〕 + serial + 号, e.g. 白政发〔2026〕7号 (GB/T 9704: six-angle
// brackets, no 第, no leading zeros).
#include <optional>
#include <string>
#include <string_view>

namespace gongwen {

struct DocNumber {
  std::string code;  // 白政发
  int year = 0;
  int serial = 0;
  std::string text() const;  // 白政发〔2026〕7号
};

// Accepts the forms people type: 〔〕 [] 【】 () （） ［］ around the year, or 2026年,
// full-width digits. Returns nullopt when it is not a 文号.
std::optional<DocNumber> parse_doc_number(std::string_view text);

// The 令号 a 令 shows (GB/T 9704 10.2): 第7号 for the registered 文号 白政令〔2026〕7号; any
// other text as it is.
std::string order_number_text(std::string_view number);

}  // namespace gongwen
