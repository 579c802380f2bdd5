// Messages of one area (issue 19); the core table and the rules for codes are in catalog.cpp.
// Add entries as: const CatalogEntry kPart[] = {{"code", "中文", "English"}, …}; return kPart;
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kOcr[] = {
    // ---- reading a scan (search/src/ocr*.cpp)
    {"ocr.kind", "{file} 既不是 PDF，也不是 JPEG、PNG 或 TIFF 图片",
     "{file} is neither a PDF nor a JPEG, PNG or TIFF image"},
    {"ocr.image.unreadable", "图片 {file} 无法读取（文件损坏、不完整或格式不支持）",
     "the image {file} cannot be read (damaged, cut short or an unsupported format)"},
    {"ocr.image.too_large", "图片 {file} 有 {width} × {height} 像素，超过每页 {limit} 百万像素的上限，未解码",
     "the image {file} is {width} × {height} pixels, over the limit of {limit} megapixels a page; not decoded"},
    {"ocr.image.hint", "请用扫描仪按 200–600 dpi 重新扫描，保存为 PDF、JPEG、PNG 或 TIFF",
     "scan it again at 200–600 dpi and save it as PDF, JPEG, PNG or TIFF"},
    {"ocr.pages.too_many", "扫描件 {file} 有 {pages} 页，超过 {limit} 页的上限", "the scan {file} has {pages} pages, over the limit of {limit}"},
    {"ocr.pages.hint", "请分册扫描后分别登记", "scan it in parts and register each"},
    {"ocr.model.missing", "找不到文字识别所需的 {language} 语言数据", "the {language} language data for OCR is not installed"},
    {"ocr.model.hint", "安装 tesseract-ocr-chi-sim（run.sh 会安装）", "install tesseract-ocr-chi-sim (run.sh does)"},
    {"ocr.pdf.failed", "生成带文字层的工作副本失败：{why}", "the working copy with its text layer could not be made: {why}"},
    {"ocr.blank", "{file} 识别不出任何文字（空白扫描件？）：已登记，但检索不到正文",
     "no text was recognised in {file} (a blank scan?): registered, but its text cannot be searched"},
    {"ocr.page.blank", "第 {page} 页识别不出文字（空白页？）", "page {page}: no text recognised (a blank page?)"},
    // ---- receive: progress, proposed fields, the clerk's confirmation (app/src/cmd_receive.cpp)
    {"ocr.progress", "文字识别：第 {page} / {pages} 页", "OCR: page {page} / {pages}"},
    {"ocr.done", "已识别 {pages} 页，平均置信度 {confidence}%", "{pages} pages recognised, mean confidence {confidence}%"},
    {"ocr.field.sender", "来文单位", "sender"},
    {"ocr.field.number", "文号", "document number"},
    {"ocr.field.title", "标题", "title"},
    {"ocr.field.to", "主送", "main recipient"},
    {"ocr.field.date", "成文日期", "date"},
    {"ocr.field.secrecy", "密级", "secrecy"},
    {"ocr.field.urgency", "紧急程度", "urgency"},
    {"ocr.field.kind", "文种", "kind"},
    {"ocr.confirm.intro", "从扫描件第 1 页识别出以下登记项；直接回车表示确认，输入内容表示更正：",
     "fields proposed from page 1 of the scan; Enter confirms, typed text corrects:"},
    {"ocr.confirm.prompt", "{field} [{value}]：", "{field} [{value}]: "},
    {"ocr.proposed", "{field}：{value}（识别）", "{field}: {value} (recognised)"},
    {"ocr.corrected", "{field}：{from} → {to}（已更正）", "{field}: {from} → {to} (corrected)"},
    {"ocr.working_copy", "带文字层的工作副本：{file}", "working copy with a text layer: {file}"},
    {"cli.help.receive.no-confirm", "扫描件识别出的登记项不再逐项确认，直接采用（可用 --from 等选项更正）",
     "take the fields proposed from a scan without asking for each (correct them with --from etc.)"},
    {"ocr.search.from_ocr", "文字识别，置信度 {confidence}%", "recognised by OCR, confidence {confidence}%"},
};

}  // namespace

std::span<const CatalogEntry> entries_ocr() { return kOcr; }

}  // namespace gongwen::messages
