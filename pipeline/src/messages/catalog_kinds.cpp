// Messages of one area (issue 15: every 文种, choosing a template); the core table and the
// rules for codes are in catalog.cpp.
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kPart[] = {
    // ---- templates (pipeline/src/draft/template.cpp) -------------------------------------
    {"template.recipients.unknown", "recipients 只能是 \"none\"（不写主送机关）或 \"required\"，而不是“{value}”",
     "recipients must be \"none\" (no 主送机关) or \"required\", not '{value}'"},
    {"template.signature.unknown", "signature 只能是 \"signer\"（签发人职务和姓名）或 \"organ\"，而不是“{value}”",
     "signature must be \"signer\" (the signer's post and name) or \"organ\", not '{value}'"},
    {"template.name.ambiguous", "模板名称“{name}”与模板 {other} 重复", "template name '{name}' is also the name of template {other}"},
    {"template.name.ambiguous.hint", "每个文种的每种写法只用一个名称，如“会议通知”“印发（转发）通知”",
     "give each variant of a 文种 a name of its own, e.g. 会议通知, 印发（转发）通知"},

    // ---- choosing a template (draft files, gongwen draft new, template show) -------------
    {"draft.template.ambiguous", "文种“{kind}”有几种模板：{ids}，请写明用哪一种",
     "the 文种 '{kind}' has several templates: {ids}; say which one"},
    {"draft.template.ambiguous.hint", "写作 template = \"{id}\"", "write template = \"{id}\""},
    {"kinds.template.unknown", "没有模板“{id}”", "no template '{id}'"},
    {"kinds.template.unknown.hint", "可用的模板见 gongwen template list", "see: gongwen template list"},
    {"kinds.template.which", "文种“{kind}”有几种模板，请选择（输入序号）：",
     "the 文种 '{kind}' has several templates; choose one (type its number):"},
    {"kinds.template.ambiguous", "文种“{kind}”有几种模板：{ids}", "the 文种 '{kind}' has several templates: {ids}"},
    {"kinds.template.ambiguous.hint", "写明模板，如 gongwen draft new {id}", "name the template, e.g. gongwen draft new {id}"},

    // ---- the rules of each 文种 (pipeline/src/draft/draft.cpp) ---------------------------
    {"draft.to.none", "{kind}不写主送机关（to）", "a {kind} has no 主送机关 (to)"},
    {"draft.to.none.hint", "删去 to 这一行", "remove the line to = …"},
    {"draft.reply.number", "所答复请示的文号（request_number）“{value}”不是文号",
     "the number of the 请示 answered (request_number) '{value}' is not a 文号"},
    {"draft.reply.number.hint", "照来文写，如“白村请〔2026〕3号”：机关代字、六角括号内的年份、序号和“号”",
     "write it as on the 请示, e.g. 白村请〔2026〕3号: code, year in 〔〕, serial and 号"},

    // ---- a clerk's checks, 格式诊断 (pipeline/src/draft/clerk_checks.cpp) -----------------
    {"clerk.halfwidth", "汉字之间用了半角标点“{mark}”，应为全角“{full}”", "half-width '{mark}' between Han characters; use the full-width '{full}'"},
    {"clerk.halfwidth.hint", "gongwen draft fix 可自动改正", "gongwen draft fix corrects it"},
    {"clerk.quotes", "引号“{mark}”应为“{full}”", "quote mark '{mark}' should be '{full}'"},
    {"clerk.quotes.hint", "中文用弯引号“”和‘’；gongwen draft fix 可自动改正", "Chinese text uses “” and ‘’; gongwen draft fix corrects it"},
    {"clerk.docnumber", "文号“{written}”写法有误，应为“{normal}”", "the 文号 '{written}' is written wrongly; write '{normal}'"},
    {"clerk.docnumber.hint", "年份用六角括号〔〕，序号不加“第”、不编虚位（GB/T 9704 7.2.4）",
     "year in 〔〕, no 第 and no leading zeros before the serial (GB/T 9704 7.2.4)"},
    {"clerk.date.zero", "日期“{written}”中的月、日不编虚位，应为“{normal}”", "no leading zero in the date: '{written}' should be '{normal}'"},
    {"clerk.date.zero.hint", "如“2026年9月1日”", "e.g. 2026年9月1日"},
    {"clerk.date.chinese", "成文日期（date）用了汉字数字，应用阿拉伯数字：{normal}", "成文日期 (date) in Chinese numerals; use Arabic numerals: {normal}"},
    {"clerk.date.chinese.hint", "GB/T 9704 7.3.5：成文日期用阿拉伯数字将年、月、日标全", "GB/T 9704 7.3.5: year, month and day in Arabic numerals"},
    {"clerk.placeholder", "“{text}”是待填的占位文字", "'{text}' is placeholder text still to be replaced"},
    {"clerk.placeholder.hint", "换成实际内容，如标题写明事由：关于做好冬春森林防火工作的通知",
     "write the real words, e.g. the title's matter: 关于做好冬春森林防火工作的通知"},
    {"clerk.to.mark", "主送机关（to）末尾不用“{mark}”：印制时自动加全角冒号", "主送 (to) does not end in '{mark}': the colon is added"},
    {"clerk.to.mark.hint", "删去末尾的标点", "remove the final mark"},
    {"clerk.title.kind", "标题应以文种“{kind}”结尾", "the title should end with the 文种 '{kind}'"},
    {"clerk.title.kind.hint", "标题由发文机关、事由和文种组成，如“关于……的{kind}”", "a title is organ, matter and 文种: 关于……的{kind}"},
    {"clerk.title.guanyu", "{kind}的标题一般写作“关于……的{kind}”，缺少“关于”", "a {kind}'s title reads 关于……的{kind}; 关于 is missing"},
    {"clerk.title.guanyu.hint", "在事由前加“关于”", "put 关于 before the matter"},
    {"clerk.title.de", "标题的事由和文种“{kind}”之间缺少“的”", "的 is missing between the matter and the 文种 '{kind}'"},
    {"clerk.title.de.hint", "如“关于做好防汛工作的{kind}”", "e.g. 关于做好防汛工作的{kind}"},
    {"clerk.attachment_note.body", "附件说明由 [[attachments]] 自动生成，正文中的这一行会重复", "the 附件说明 is made from [[attachments]]; this line repeats it"},
    {"clerk.attachment_note.body.hint", "删去这一行（gongwen draft fix 可自动删去）", "remove this line (gongwen draft fix does)"},
    {"clerk.attachment_note.none", "正文写有附件说明，但草稿没有附件", "the 正文 names an attachment, but the draft has none"},
    {"clerk.attachment_note.none.hint", "用 [[attachments]] 加上附件（标题和 file 或 body），并删去这一行",
     "add it as [[attachments]] (title and file or body) and remove this line"},
    {"clerk.attachment.missing", "正文提到“见附件”，但草稿没有附件", "the 正文 says 见附件, but the draft has no attachment"},
    {"clerk.attachment.missing.hint", "用 [[attachments]] 加上附件", "add it as [[attachments]]"},
    {"clerk.request.several", "请示应一文一事：正文有不止一处请求事项", "a 请示 asks one thing: the 正文 asks more than once"},
    {"clerk.request.several.hint", "把另一事项另行请示；只保留一个请求批准的事项", "ask the other matter in a 请示 of its own"},
    {"clerk.heading.parent", "二级标题（一）出现在第一个一级标题“一、”之前", "a level-2 heading （一） comes before the first 一、"},
    {"clerk.heading.parent.hint", "结构层次序数依次为“一、”“（一）”“1.”“（1）”", "levels go 一、 then （一） then 1. then （1）"},
    {"clerk.heading.order", "标题序号“{written}”不连续，应为“{expected}”", "heading number '{written}' is out of order; expected '{expected}'"},
    {"clerk.heading.order.hint", "同级标题依次编号；gongwen draft fix 可自动重排", "number headings of one level in order; gongwen draft fix renumbers"},

    // ---- gongwen draft fix ------------------------------------------------------------------
    {"kinds.fix.help", "按格式诊断改正草稿，另存为 FILE.fixed.toml（不改原文件），并列出改动",
     "correct a draft by the clerk's checks into FILE.fixed.toml (never over it) and list the changes"},
    {"kinds.fix.exists", "{file} 已存在，未写入", "{file} already exists; nothing written"},
    {"kinds.fix.exists.hint", "删去或改名后再运行", "remove or rename it and run again"},
    {"kinds.fix.nothing", "{file}：没有可自动改正之处", "{file}: nothing to correct automatically"},
    {"kinds.fix.wrote", "已写入 {file}，改动 {n} 处：", "wrote {file}, {n} change(s):"},
    {"kinds.fix.change", "  {line}:{column}  {message}", "  {line}:{column}  {message}"},
    {"kinds.fix.left", "仍需人工处理 {n} 处（gongwen draft check {file}）", "{n} finding(s) left for you (gongwen draft check {file})"},

    // ---- 请示 and 批复 (gongwen requests, GET /api/requests) -----------------------------
    {"kinds.requests.help", "列出请示及答复它们的批复（谁、何时批复），或逾期未批复的请示",
     "list 请示 with the 批复 that answer them (by whom, when), or those overdue"},
    {"kinds.requests.overdue.help", "只列逾期未批复的请示", "only the 请示 overdue without a 批复"},
    {"kinds.requests.days.help", "请示等候批复的期限（天，默认 15）", "days a 请示 may wait for its 批复 (default 15)"},
    {"kinds.requests.days.range", "期限（days）应在 1 到 365 天之间", "days must be between 1 and 365"},
    {"kinds.requests.received", "收到的请示", "received 请示"},
    {"kinds.requests.issued", "本机关的请示", "our 请示"},
    {"kinds.requests.answered", "已批复：{number}，{by}，{date}", "answered: {number}, by {by}, {date}"},
    {"kinds.requests.waiting", "未批复，已等 {days} 天", "not answered, waiting {days} day(s)"},
    {"kinds.requests.overdue", "逾期未批复：已等 {days} 天（期限 {limit} 天）",
     "overdue: waiting {days} day(s) (limit {limit})"},
    {"kinds.requests.none", "登记簿中没有请示", "no 请示 in the registers"},
    {"kinds.requests.none_overdue", "没有逾期未批复的请示", "no 请示 is overdue"},
    {"kinds.requests.hidden", "另有 {n} 件涉密请示未列出", "{n} secret 请示 not listed"},

    // ---- gongwen init --name (archive/src/office_naming.cpp) ------------------------------
    {"init.name.bad", "--name 应为人民政府的全称（以“人民政府”结尾），而不是“{name}”",
     "--name must be the full name of the 人民政府 (ending in 人民政府), not '{name}'"},
    {"init.name.bad.hint", "例如 gongwen init DIR --name 青山镇人民政府 --code 青政",
     "e.g. gongwen init DIR --name 青山镇人民政府 --code 青政"},
    {"init.naming.alone", "--code、--party-code 和 --fonds 只能与 --name 同用", "--code, --party-code and --fonds go with --name"},
    {"init.option.bad", "{option} 的值“{value}”不能含空格、引号或反斜杠",
     "the value '{value}' of {option} may not contain spaces, quotes or backslashes"},
    {"init.name.sample", "底稿机关概况没有以“人民政府”结尾的 government 机关，无法按 --name 改写",
     "the profile has no organ 'government' whose name ends in 人民政府 to rename with --name"},
    {"init.name.sample.hint", "去掉 --profile 使用自带示例，或直接编辑自己的机关概况而不用 --name",
     "drop --profile to start from the shipped sample, or edit your own profile and leave out --name"},
};

}  // namespace

std::span<const CatalogEntry> entries_kinds() { return kPart; }

}  // namespace gongwen::messages
