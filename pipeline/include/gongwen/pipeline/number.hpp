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

}  // namespace gongwen
