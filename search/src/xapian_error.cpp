#include "xapian_error.hpp"

#include <string>

namespace gongwen::search {

namespace {
const char* kReindexHint = "运行 gongwen search reindex 重建检索索引";
}

Error translate_xapian_error(const Xapian::Error& e, std::string_view doing,
                             const std::filesystem::path& dir) {
  const std::string where = dir.empty() ? std::string() : "（" + dir.string() + "）";
  const std::string detail = "：" + e.get_msg();
  // Xapian::Error has no virtual functions, so the class is told by name, not dynamic_cast.
  const std::string type = e.get_type();
  const auto is = [&type](const char* name) { return type == name; };
  if (is("DatabaseLockError")) {
    return make_error(Code::Io, std::string(doing) + "失败：检索索引正被另一个进程写入" + where,
                      {"等待另一个 gongwen 进程（如 reindex 或 serve）结束后重试"});
  }
  if (is("DatabaseNotFoundError")) {
    return make_error(Code::NotFound, std::string(doing) + "失败：检索索引不存在" + where,
                      {kReindexHint});
  }
  if (is("DatabaseCorruptError") ||
      is("DatabaseVersionError")) {
    return make_error(Code::Io, std::string(doing) + "失败：检索索引已损坏或版本不符" + where + detail,
                      {kReindexHint});
  }
  if (is("DatabaseOpeningError")) {
    return make_error(Code::Io, std::string(doing) + "失败：无法打开检索索引" + where + detail,
                      {"检查目录是否存在、是否有读写权限", kReindexHint});
  }
  if (is("QueryParserError") ||
      is("InvalidArgumentError")) {
    return make_error(Code::BadInput, std::string(doing) + "失败：无法处理的输入" + detail);
  }
  if (is("NetworkError") || is("NetworkTimeoutError")) {
    return make_error(Code::Io, std::string(doing) + "失败：无法连接远程检索索引" + where + detail,
                      {"检查对方的 xapian-tcpsrv 是否在运行、地址和端口是否正确"});
  }
  if (is("DatabaseModifiedError")) {
    return make_error(Code::Io, std::string(doing) + "失败：检索索引在读取时被修改" + where,
                      {"请重试"});
  }
  return make_error(Code::Io, std::string(doing) + "失败：检索索引出错" + where + detail);
}

}  // namespace gongwen::search
