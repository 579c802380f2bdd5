// Messages of one area (issue 13); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kPart[] = {
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
};

}  // namespace

std::span<const CatalogEntry> entries_trust() { return kPart; }

}  // namespace gongwen::messages
