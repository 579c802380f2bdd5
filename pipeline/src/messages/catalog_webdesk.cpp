// Messages of the web desk's 拟稿 form, attachments, and the reviewer's preview and changes
// (issue 15, web part); the core table and the rules for codes are in catalog.cpp.
#include "messages/catalog.hpp"

namespace gongwen::messages {

std::span<const CatalogEntry> entries_webdesk() {
  static const CatalogEntry kPart[] = {
      {"form.attachments", "附件应是一个列表，每个附件有标题和上传的文件",
       "attachments must be a list, each with a title and an uploaded file"},
      {"form.attachment.title", "附件 {n} 没有标题", "attachment {n} has no title"},
      {"form.attachment.title.hint", "写上附件的标题（附件说明由各附件的标题生成）",
       "write the attachment's title (the 附件说明 is made from the titles)"},
      {"form.attachment.file", "附件 {n} 的文件不在服务器上（网页拟稿只能使用您上传的附件）",
       "attachment {n}'s file is not on the server (a web draft can use only attachments you "
       "uploaded)"},
      {"form.attachment.file.hint", "用“上传附件”重新上传这个文件；不要这个附件就删去它",
       "upload the file again with 上传附件, or remove the attachment"},
      {"form.attachment.empty", "附件 {n} 没有内容", "attachment {n} has no content"},
      {"web.attachment.drafters_only", "只有拟稿人可以上传附件",
       "only drafters may upload attachments"},
      {"web.attachment.none", "请选择要上传的附件文件", "choose the attachment file to upload"},
      {"web.attachment.empty", "上传的附件是空文件", "the uploaded attachment is empty"},
      {"web.attachment.type", "附件应是 UTF-8 编码的文本文件（.txt）或 Word 文档（.docx）",
       "an attachment must be a UTF-8 text file (.txt) or a Word document (.docx)"},
      {"web.attachment.type.hint", "在记事本中“另存为”UTF-8 文本，或上传 .docx 文件",
       "save it as UTF-8 text in Notepad, or upload the .docx"},
      {"web.attachment.too_big", "附件超过 {max} MB", "the attachment is larger than {max} MB"},
      {"web.attachment.too_big.hint", "附件的文字应在 4 MB 以内；过长的材料请分成几个附件",
       "an attachment's text must stay within 4 MB; split long material into several attachments"},
      {"web.attachment.what", "上传的附件", "the uploaded attachment"},
      {"web.attachment.picture", "附件中的图片 {name} ", "the attachment's picture {name} "},
      {"web.draft.preview.source", "文稿 #{id} 的稿件文件已不在原处，无法预览",
       "draft #{id}'s file is no longer where it was submitted: no preview"},
      {"web.draft.preview.source.hint", "请拟稿人重新提交文稿",
       "ask the drafter to submit the draft again"},
      {"web.draft.changes.first", "第 1 轮送审，没有上一轮可比较",
       "first round: nothing earlier to compare"},
      {"web.draft.changes.none", "与第 {from} 轮相比没有文字改动",
       "no change in the text since round {from}"},
      {"web.draft.changes.since", "与第 {from} 轮相比：增加 {added} 行，删除 {removed} 行",
       "since round {from}: {added} lines added, {removed} removed"},
  };
  return kPart;
}

}  // namespace gongwen::messages
