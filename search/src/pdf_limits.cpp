#include "pdf_limits.hpp"

#define POINTERHOLDER_TRANSITION 4  // QPDF 11: std::shared_ptr only, no deprecation warning

#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>


#include "gongwen/pipeline/messages.hpp"

namespace gongwen::search {

namespace {

struct OverLimit {};

// Counts what a stream inflates to and stops the decoding (by throwing) past the limit: the
// bytes are never kept.
class CountingPipeline : public Pipeline {
 public:
  CountingPipeline(std::size_t& total, std::size_t limit) : Pipeline("count", nullptr), m_total(total), m_limit(limit) {}
  void write(unsigned char const*, size_t len) override {
    m_total += len;
    if (m_total > m_limit) throw OverLimit{};
  }
  void finish() override {}

 private:
  std::size_t& m_total;
  std::size_t m_limit;
};

Error refused(std::string text) { return make_error(Code::BadInput, std::move(text), {msg("trust.pdf.hint")}); }

}  // namespace

std::optional<Error> pdf_limits_problem(const std::string& bytes, const std::string& name, const PdfLimits& limits) {
  const auto deadline = std::chrono::steady_clock::now() + limits.max_time;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    // A file whose cross-reference table must be rebuilt is damaged: a received document is
    // kept as evidence, and a rebuilt one may not be what the sender sent.
    pdf.setAttemptRecovery(false);
    pdf.processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    if (pdf.isEncrypted() && !pdf.allowExtractAll()) return std::nullopt;  // Poppler says it is locked
    QPDFObjectHandle tree = pdf.getRoot().getKey("/Pages");
    QPDFObjectHandle count = tree.isDictionary() ? tree.getKey("/Count") : QPDFObjectHandle::newNull();
    if (!count.isInteger() || count.getIntValue() < 0)
      return refused(msg("trust.pdf.damaged", {{"file", name}}));
    if (static_cast<unsigned long long>(count.getIntValue()) > limits.max_pages)
      return refused(msg("trust.pdf.pages", {{"file", name},
                                             {"pages", std::to_string(count.getIntValue())},
                                             {"max", std::to_string(limits.max_pages)}}));
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
    if (pages.size() != static_cast<std::size_t>(count.getIntValue())) return refused(msg("trust.pdf.damaged", {{"file", name}}));
    std::size_t total = 0;
    for (QPDFPageObjectHelper& page : pages) {
      if (std::chrono::steady_clock::now() > deadline)
        return refused(msg("trust.pdf.time", {{"file", name}, {"seconds", std::to_string(limits.max_time.count())}}));
      CountingPipeline counter(total, limits.max_content_bytes);
      page.pipeContents(&counter);
      // Text drawn inside form XObjects is extracted too: count each form the page uses.
      page.forEachFormXObject(true, [&](QPDFObjectHandle& form, QPDFObjectHandle&, std::string const&) {
        form.pipeStreamData(&counter, 0, qpdf_dl_generalized);
      });
    }
  } catch (const OverLimit&) {
    return refused(msg("trust.pdf.inflated", {{"file", name}, {"max", std::to_string(limits.max_content_bytes >> 20)}}));
  } catch (const QPDFExc&) {
    return refused(msg("trust.pdf.damaged", {{"file", name}}));
  } catch (const std::runtime_error&) {  // QPDF's other errors on a malformed file
    return refused(msg("trust.pdf.damaged", {{"file", name}}));
  }
  return std::nullopt;
}

}  // namespace gongwen::search
