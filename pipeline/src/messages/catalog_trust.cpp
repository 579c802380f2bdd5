// Messages of one area (issue 13); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {
const CatalogEntry kPart[] = {
    // ---- integrity: the audit log and the registers it seals (archive/audit_check.hpp) --
    {"audit.chain.broken", "第 {seq} 条审计记录处链断开：它之前的记录被删除、插入或改动",
     "the audit chain breaks at entry {seq}: an entry before it was deleted, inserted or changed"},
    {"audit.entry.changed", "第 {seq} 条审计记录与它的哈希不符：内容被改动",
     "audit entry {seq} does not match its hash: its content was changed"},
    {"audit.mac.missing", "第 {seq} 条审计记录没有审计密钥的印记：不是 gongwen 写入的（伪造或在库外添加）",
     "audit entry {seq} carries no MAC of the audit key: gongwen did not write it (forged or added outside gongwen)"},
    {"audit.mac.wrong", "第 {seq} 条审计记录的印记不符：它被改写或重新链接过",
     "audit entry {seq} has a wrong MAC: it was rewritten or re-chained"},
    {"audit.key.missing", "{file} 不见了，无法核对审计记录的印记",
     "{file} is missing: the audit entries' MACs cannot be checked"},
    {"audit.head.missing", "{file} 不见了：无法确认审计记录没有被截短",
     "{file} is missing: nothing shows that the audit log was not cut short"},
    {"audit.head.bad", "{file} 的印记不符：它被改动过", "{file} has a wrong MAC: it was changed"},
    {"audit.truncated", "审计记录被截短：{file} 记着第 {head} 条，登记簿里只到第 {last} 条",
     "the audit log was cut short: {file} names entry {head}, the registry ends at entry {last}"},
    {"audit.head.differs", "第 {seq} 条审计记录与 {file} 记下的不同：历史被改写",
     "audit entry {seq} differs from the one {file} names: history was rewritten"},
    {"audit.checkpoint.beyond",
     "{pdf} 的签名带有第 {seq} 条审计记录的检查点，登记簿里只到第 {last} 条：审计记录被截短",
     "{pdf} is signed with a checkpoint at audit entry {seq}, the registry ends at entry {last}: the log was cut short"},
    {"audit.checkpoint.differs", "{pdf} 的签名带有的第 {seq} 条审计记录检查点与登记簿不符：历史被改写",
     "the checkpoint at audit entry {seq} signed into {pdf} differs from the registry: history was rewritten"},
    {"audit.row.deleted", "登记簿 {book} 中的 {key} 被删除（第 {seq} 条审计记录登记过它）",
     "{book} row {key} was deleted (audit entry {seq} recorded it)"},
    {"audit.row.changed", "登记簿 {book} 中的 {key} 被改动（与第 {seq} 条审计记录登记的不同）",
     "{book} row {key} was changed (it differs from what audit entry {seq} recorded)"},
    {"audit.row.unrecorded", "登记簿 {book} 中的 {key} 没有审计记录：它是在 gongwen 之外添加的",
     "{book} row {key} has no audit record: it was added outside gongwen"},
    {"audit.verify.failed", "审计记录核验未通过（{count} 处）", "the audit check failed ({count} findings)"},
    {"audit.verify.hint", "从备份恢复 registry.sqlite3 并报告此事；gongwen audit log 查看记录",
     "restore registry.sqlite3 from a backup and report it; gongwen audit log shows the entries"},
    {"audit.verify.ok",
     "审计记录完好：{entries} 条（第 {keyed} 条起加印），{rows} 行登记与记录相符，{checkpoints} 份发文的签名检查点相符",
     "audit log intact: {entries} entries (keyed from entry {keyed}), {rows} register rows as recorded, "
     "{checkpoints} signed checkpoints in issued documents agree"},
    {"index.catch_up.failed", "有 {count} 份文件尚未进入检索索引：{reason}（下次运行 gongwen 时会再试）",
     "{count} documents are not yet in the search index: {reason} (the next gongwen run tries again)"},
    // ---- integrity end ----------------------------------------------------------------
};
}  // namespace

std::span<const CatalogEntry> entries_trust() { return kPart; }

}  // namespace gongwen::messages
