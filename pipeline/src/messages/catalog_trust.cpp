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
    // edge: issue 13 #2 #8 #9 #10 and the smaller ones (the web desk's and receiving's limits)
    {"trust.pdf.damaged", "{file}：PDF 文件已损坏（交叉引用表缺失或有误，或页数与页面树不符），未登记",
     "{file}: the PDF is damaged (its cross-reference table is missing or wrong, or its page count does not match its "
     "pages); nothing was registered"},
    {"trust.pdf.hint", "请来文单位重新发送，或用 PDF 软件打开后另存为新文件再登记",
     "ask the sender to send it again, or open it in a PDF program and save it as a new file before registering it"},
    {"trust.pdf.inflated", "{file}：页面内容解压后超过 {max} MB，可能是恶意构造的文件，未登记",
     "{file}: its page contents inflate to more than {max} MB, which may be a crafted file; nothing was registered"},
    {"trust.pdf.pages", "{file}：有 {pages} 页，超过 {max} 页的上限，未登记",
     "{file}: it has {pages} pages, more than the limit of {max}; nothing was registered"},
    {"trust.pdf.time", "{file}：读取文字超过 {seconds} 秒仍未完成，未登记",
     "{file}: reading its text took more than {seconds} seconds; nothing was registered"},
    {"trust.title.too_long", "标题有 {chars} 个字，超过 {max} 字的上限", "the title has {chars} characters, more than the limit of {max}"},
    {"trust.title.too_long.hint", "公文标题应简明，一般不超过 100 字；把细节写进正文",
     "a title should be short, usually under 100 characters; put the details in the body"},
    {"trust.picture.damaged", "{what}已损坏或不完整：图片的数据读不通",
     "{what} is damaged or incomplete: its picture data cannot be read"},
    {"trust.picture.damaged.hint", "在看图或画图软件中打开它，重新另存为 .png 或 .jpg 后再上传",
     "open it in a picture viewer or editor, save it again as .png or .jpg, then upload it"},
    {"trust.picture.pixels", "{what}有 {width} × {height} 像素，超过 {max} 百万像素的上限",
     "{what} has {width} × {height} pixels, more than the limit of {max} million"},
    {"trust.picture.pixels.hint", "把图片缩小后再上传（版心宽的图片约 1800 像素即可）",
     "make the picture smaller and upload it again (about 1800 pixels fill the text width)"},
    // ---- the web desk's gate (app/src/serve/gated_server.cpp) --
    {"web.body.slow", "请求正文传送过慢（超过 {grace} 秒后每秒不足 {rate} KB），连接已关闭：请检查网络后重试",
     "the request body came too slowly (under {rate} KB a second after {grace} s): the connection was closed; check the network and try again"},
};

}  // namespace

std::span<const CatalogEntry> entries_trust() { return kPart; }

}  // namespace gongwen::messages
