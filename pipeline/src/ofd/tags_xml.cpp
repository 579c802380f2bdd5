#include "ofd/tags_xml.hpp"

#include "docx/xml_writer.hpp"

namespace gongwen::ofd {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// The model's value of an element, where it has one short text (empty for 正文, 附件 …).
std::string value_of(const Document& doc, layout::Element e) {
  using E = layout::Element;
  switch (e) {
    case E::CopyNumber: return doc.copy_number;
    case E::Secrecy: {
      std::string s = to_chinese(doc.secrecy);
      if (!s.empty() && !doc.secrecy_term.empty()) s += "★" + doc.secrecy_term;
      return s;
    }
    case E::Urgency: return to_chinese(doc.urgency);
    case E::Mark: return doc.issuer_mark.empty() ? join(doc.issuers, "、") : doc.issuer_mark;
    case E::Number: return doc.number;
    case E::Signer: return join(doc.signers, "、");
    case E::Title: return doc.title;
    case E::Recipients: return doc.main_recipients;
    case E::Signature: return doc.signature;
    case E::Date: return doc.date.valid() ? doc.date.iso() : "";
    case E::Note: return doc.note;
    case E::CopiesTo: return doc.copies_to;
    case E::Printer: return doc.printer;
    case E::PrintDate: return doc.print_date.valid() ? doc.print_date.iso() : "";
    case E::Seal: return doc.seal_text;
    default: return {};
  }
}

// GB/T 9704's order of the elements, which is the tag file's order.
constexpr layout::Element kOrder[] = {
    layout::Element::CopyNumber, layout::Element::Secrecy,         layout::Element::Urgency,
    layout::Element::Mark,       layout::Element::Number,          layout::Element::Signer,
    layout::Element::Title,      layout::Element::Recipients,      layout::Element::Body,
    layout::Element::AttachmentNotes, layout::Element::Signature,  layout::Element::Date,
    layout::Element::Seal,       layout::Element::Note,            layout::Element::Attachment,
    layout::Element::CopiesTo,   layout::Element::Printer,         layout::Element::PrintDate,
};

}  // namespace

const char* element_name(layout::Element e) {
  using E = layout::Element;
  switch (e) {
    case E::CopyNumber: return "份号";
    case E::Secrecy: return "密级和保密期限";
    case E::Urgency: return "紧急程度";
    case E::Mark: return "发文机关标志";
    case E::Number: return "发文字号";
    case E::Signer: return "签发人";
    case E::Title: return "标题";
    case E::Recipients: return "主送机关";
    case E::Body: return "正文";
    case E::AttachmentNotes: return "附件说明";
    case E::Signature: return "发文机关署名";
    case E::Date: return "成文日期";
    case E::Note: return "附注";
    case E::Attachment: return "附件";
    case E::CopiesTo: return "抄送机关";
    case E::Printer: return "印发机关";
    case E::PrintDate: return "印发日期";
    case E::PageNumber: return "页码";
    case E::Seal: return "印章";
  }
  return "正文";
}

std::string tag_file_xml(const Document& doc, const std::vector<TaggedObject>& tags) {
  docx::XmlWriter w;
  w.start("gw:公文");
  w.attr("xmlns:gw", kTagNamespace);
  if (!doc.kind.empty()) w.attr("文种", doc.kind);
  for (layout::Element e : kOrder) {
    bool open = false;
    for (const TaggedObject& t : tags) {
      if (t.element != e) continue;
      if (!open) {
        w.start((std::string("gw:") + element_name(e)).c_str());
        const std::string v = value_of(doc, e);
        if (!v.empty()) w.attr("值", v);
        open = true;
      }
      w.start("gw:ObjectRef");
      w.attr("PageRef", t.page_id);
      w.text(std::to_string(t.object_id));
      w.end();
    }
    if (open) w.end();
  }
  return w.finish();
}

}  // namespace gongwen::ofd
