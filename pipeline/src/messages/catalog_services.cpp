// Messages of one area (issue 12); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kServices[] = {
    // ---- the command line's words (app/src/command_words.cpp) ---------------------------
    {"cli.command.unknown", "没有“{word}”这个命令", "there is no command '{word}'"},
    {"cli.command.did_you_mean", "您是不是要输入：{command}？", "did you mean: {command}?"},
    {"cli.command.with_chinese", "{name}（{chinese}）", "{name} ({chinese})"},
    {"cli.command.none", "还缺一个命令（说明要做什么，如 submit、archive file）",
     "A subcommand is required"},
    {"cli.command.list", "全部命令见 {help}", "every command: {help}"},

    // ---- passwords typed at a terminal (app/src/cmd_auth.cpp) ---------------------------
    {"cli.password.of", "{user} 的密码：", "password for {user}: "},
    {"cli.password.new", "{user} 的新密码：", "new password for {user}: "},
    {"cli.password.again", "再输入一次：", "again: "},
    {"cli.password.none", "没有给出新密码", "no new password given"},
    {"cli.password.none.hint", "用 --new-password-file 文件 或 GONGWEN_NEW_PASSWORD=…",
     "--new-password-file FILE or GONGWEN_NEW_PASSWORD=…"},
    {"cli.password.differ", "两次输入的密码不同，未作任何更改", "the two passwords differ; nothing changed"},

    // ---- gongwen verify FILE ------------------------------------------------------------
    {"verify.signature", "数字签名：{status}", "signature: {status}"},
    {"verify.status.valid", "有效", "valid"},
    {"verify.status.tampered", "已被篡改", "tampered"},
    {"verify.status.malformed", "格式损坏", "malformed"},
    {"verify.status.unsigned", "未签名", "unsigned"},
    {"verify.signed", "签名人 {signer}，签名时间 {at}，第 {revision} 版", "signed by {signer} at {at}, revision {revision}"},
    {"verify.signed.whole", "签名人 {signer}，签名时间 {at}，第 {revision} 版，覆盖全文",
     "signed by {signer} at {at}, revision {revision}, whole document"},
    {"verify.registered", "登记为 {number}《{title}》", "registered as {number} 《{title}》"},
    {"verify.registered.here", "登记为 {number}《{title}》，就在此路径", "registered as {number} 《{title}》 at this path"},
    {"verify.ok", "无误：此文件即登记的文件，签名后未被改动", "OK: the file is the registered one and unchanged since signing"},

    // ---- the outgoing workflow's reports (app/src/cmd_workflow.cpp) ---------------------
    {"workflow.line", "#{id}《{title}》：{state} — 下一步：{next}", "#{id} 《{title}》: {state} — next: {next}"},
    {"workflow.submitted", "已提交 ", "submitted "},
    {"workflow.reviewed", "已审核 ", "reviewed "},
    {"workflow.returned", "已退回 ", "returned "},
    {"workflow.signed", "已签发 ", "signed off "},
    {"demo.pages", "{pages} 页", "{pages} page(s)"},
    {"workflow.voided", "已作废 {number}", "voided {number}"},
    {"workflow.issued", "已印发 {number}《{title}》，共 {pages} 页", "issued {number} 《{title}》, {pages} page(s)"},
    {"workflow.issued.copies", "{count} 份编号文件（份号 {first}–{last}），在 {folder}",
     "{count} numbered copies (份号 {first}–{last}) in {folder}"},
    {"workflow.warning", "注意：{text}", "warning: {text}"},
    {"workflow.not_indexed", "注意：尚未进入检索（{why}），请运行 gongwen search reindex",
     "warning: not yet searchable ({why}); run: gongwen search reindex"},
    {"next.review", "待 {name} 审核", "review by {name}"},
    {"next.sign-off", "待签发", "sign-off"},
    {"next.issue", "待用印印发", "issue (seal keeper)"},
    {"next.revise", "退回 {name} 修改", "revise and resubmit by {name}"},
    {"next.handle", "待拟办、传阅", "handling and circulation"},
    {"next.verify", "待四性检测（gongwen archive verify）", "四性检测: gongwen archive verify"},
    {"next.return-loan", "待 {name} 归还", "return by {name}"},
    {"next.done", "已办结", "done"},
    {"next.voided", "已作废", "voided"},

    // ---- workflow refusals (services/src/office.cpp) ------------------------------------
    {"workflow.user.unknown", "没有用户“{id}”", "unknown user '{id}'"},
    {"workflow.user.list", "本机关的用户：{ids}", "users of this office: {ids}"},
    {"workflow.role.missing", "{name}（{id}）无权{action}：需要“{roles}”角色",
     "{name} ({id}) may not {action}: it needs the role {roles}"},
    {"workflow.clearance.missing", "{name}（{id}）未获{level}文件的知悉授权，不能{action}此件",
     "{name} ({id}) is not cleared for {level} documents and may not {action} this one"},
    {"workflow.action.submit_drafts", "提交文稿", "submit drafts"},
    {"workflow.action.draft", "拟写", "draft"},
    {"workflow.action.review_drafts", "审核文稿", "review drafts"},
    {"workflow.action.review", "审核", "review"},
    {"workflow.action.sign_off_documents", "签发公文", "sign off documents"},
    {"workflow.action.sign_off", "签发", "sign off"},
    {"workflow.action.issue_documents", "印发公文", "issue documents"},
    {"workflow.action.apply_the_seal", "用印", "apply the seal"},
    {"workflow.action.issue", "印发", "issue"},
    {"workflow.action.void_numbers", "作废文号", "void numbers"},

    // ---- refusals of the archive's books (archive/src/lending.cpp, filing_*.cpp, receiving.cpp)
    {"archive.role.missing", "{name}无权{action}：需要“{role}”角色", "{name} may not {action}: it needs the role {role}"},
    {"archive.action.lend", "登记借阅", "lend archives"},
    {"archive.action.take_back", "登记归还", "record a return"},
    {"archive.action.file", "归档", "file the archive"},
    {"archive.action.correct", "更正档案", "correct the archive"},
    {"receiving.role.missing", "{name}无权{action}：收文由机要员、档案员或办公室审核人办理",
     "{name} may not {action}: 收文 is handled by the 机要员, 档案员 or the office's reviewers"},
    {"receiving.action.register", "登记收文", "register a received document"},
    {"receiving.action.handle", "填写拟办、批示", "record 拟办/批示"},
    {"receiving.action.circulate", "传阅文件", "circulate a document"},
    {"receiving.action.mark", "登记传阅情况", "record circulation"},
    {"receiving.action.clear", "登记清退", "record 清退"},

    // ---- the web desk's 档案 and 收文 routes (app/src/serve/routes_*.cpp) ----------------
    {"web.draft.none", "没有编号为 #{id} 的文稿", "no draft #{id}"},
    {"web.issue.not_indexed", "已印发，但尚未进入检索（{why}），请管理员运行 gongwen search reindex",
     "issued, but not yet searchable ({why}); an administrator should run gongwen search reindex"},
    {"web.year", "请给出年度，如 2025", "give a year, e.g. 2025"},
    {"web.file.forbidden", "只有档案员可以归档", "only the archivist may file a year"},
    {"web.file.progress_forbidden", "只有档案员可以查看归档进度", "only the archivist may follow a filing"},
    {"web.receive.forbidden", "只有机要员、档案员、办公室负责人或管理员可以登记收文",
     "only the seal keeper, the archivist, the office's reviewers or an administrator may register a received document"},
    {"web.receive.none", "没有编号为 #{id} 的收文", "no received document #{id}"},
    {"web.receive.not_indexed", "已登记，但尚未进入检索（{why}）", "registered, but not yet searchable ({why})"},
    {"web.upload.none", "请选择要上传的文件", "choose a file to upload"},
    {"web.upload.too_big", "文件超过 20 MB", "the file is larger than 20 MB"},
    {"web.upload.kind", "只接受 PDF 或 DOCX 文件（按内容判断，不看文件名）",
     "only PDF or DOCX files are accepted (judged by their content, not their name)"},
    {"web.circulate.to", "请填写阅件人的用户名", "name the reader (their user id)"},
    {"web.circulate.days", "传阅天数应在 1 到 90 天之间", "the days of circulation must be 1 to 90"},
};

}  // namespace

std::span<const CatalogEntry> entries_services() { return kServices; }

}  // namespace gongwen::messages
