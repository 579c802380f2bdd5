// Messages come from the catalogue (issue 12): a refusal's words are looked up by code, so the
// clerk reads them in Chinese. This scan of the sources fails when an English sentence is
// written straight into fail(Code::…, "…") or make_error(Code::…, "…") (message or hints) in
// the libraries and the program, or into a command-line help text (add_subcommand,
// add_option, add_flag in app/src). Put the words in pipeline/src/messages/catalog_*.cpp and
// write msg("area.thing", {{"name", value}}) instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// Files not yet converted, each with the issue that owns it. Remove a line when its file is done.
const std::set<std::string> kNotYetConverted = {};

// Whether a string literal's text is English words: a code ("web.upload.kind") or a name is
// not; commands (gongwen archive verify), options (--year), paths and file names are taken
// out first. A literal holding Chinese may quote a word or two (Word, reindex, serve).
bool is_english(const std::string& text) {
  static const std::regex code(R"([a-z0-9_.\-]*)");
  if (std::regex_match(text, code)) return false;
  bool chinese = false;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0xE3 && b <= 0xE9 && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) chinese = true;
  }
  static const std::regex command(R"(gongwen( [a-z]+){0,2})");
  static const std::regex token(R"(\S*[-/.:=_]\S*)");
  static const std::regex word(R"(\b[a-z]{3,}\b)");
  const std::string t = std::regex_replace(std::regex_replace(text, command, " "), token, " ");
  const auto words = std::distance(std::sregex_iterator(t.begin(), t.end(), word), std::sregex_iterator());
  return words >= (chinese ? 3 : 1);
}

struct Call {
  std::size_t line;
  std::vector<std::vector<std::string>> args;  // each top-level argument's string literals
};

// The calls of `name(` in `text`, each argument's string literals (escapes kept as written).
std::vector<Call> calls(const std::string& text, const std::regex& start) {
  std::vector<Call> out;
  for (std::sregex_iterator m(text.begin(), text.end(), start), end; m != end; ++m) {
    Call c;
    const std::size_t at = static_cast<std::size_t>(m->position(0));
    c.line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    c.args.emplace_back();
    int depth = 1;
    for (std::size_t i = at + static_cast<std::size_t>(m->length(0)); i < text.size() && depth > 0; ++i) {
      const char ch = text[i];
      if (ch == '"') {
        std::string lit;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\') lit += text[i++];
          lit += text[i];
        }
        c.args.back().push_back(lit);
      } else if (ch == '\'') {
        for (++i; i < text.size() && text[i] != '\''; ++i)
          if (text[i] == '\\') ++i;
      } else if (ch == '(' || ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == ')' || ch == '}' || ch == ']') {
        --depth;
      } else if (ch == ',' && depth == 1) {
        c.args.emplace_back();
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CatalogueOnly, TheRuleTellsEnglishFromCodesCommandsAndChinese) {
  EXPECT_TRUE(is_english("the year "));
  EXPECT_TRUE(is_english(" is not a PDF, DOCX or OFD file"));
  EXPECT_TRUE(is_english("--no-local needs at least one --shard"));
  EXPECT_TRUE(is_english("领导未签的文件一律不得印发 (nothing unsigned is issued)"));
  EXPECT_FALSE(is_english("workflow.user.unknown"));
  EXPECT_FALSE(is_english("id"));
  EXPECT_FALSE(is_english("gongwen archive verify"));
  EXPECT_FALSE(is_english("gongwen receive --help"));
  EXPECT_FALSE(is_english("密级“"));
  EXPECT_FALSE(is_english("是否已有另一个 gongwen serve（或其他程序）在使用该端口？"));
  EXPECT_FALSE(is_english("在 Word 中另存为 .docx 后再导入"));
  EXPECT_FALSE(is_english("："));
  const auto found = calls("x; fail(Code::Io, \"cannot write \" + f, {\"check the disk\"});\n",
                           std::regex(R"(\bfail\(\s*Code::\w+\s*,)"));
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].args.size(), 2u);
  EXPECT_EQ(found[0].args[0], std::vector<std::string>{"cannot write "});
  EXPECT_EQ(found[0].args[1], std::vector<std::string>{"check the disk"});
}

TEST(CatalogueOnly, NoEnglishSentenceIsWrittenIntoARefusal) {
  const std::regex refusal(R"(\b(fail|make_error)\(\s*Code::\w+\s*,)");
  int scanned = 0;
  std::vector<std::string> found;
  for (const char* dir : {"archive/src", "services/src", "app/src", "pipeline/src"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(GONGWEN_SOURCE_DIR) / dir)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      const std::string rel = fs::relative(e.path(), GONGWEN_SOURCE_DIR).string();
      if (kNotYetConverted.count(rel)) continue;
      for (const Call& c : calls(slurp(e.path()), refusal)) {
        ++scanned;
        for (const auto& arg : c.args)
          for (const auto& lit : arg)
            if (is_english(lit)) found.push_back(rel + ":" + std::to_string(c.line) + ": \"" + lit + "\"");
      }
    }
  }
  EXPECT_GT(scanned, 100) << "the scan found too few refusals: is GONGWEN_SOURCE_DIR right?";
  for (const auto& f : found) ADD_FAILURE() << f << " — put the words in the message catalogue and use msg()";
}

// A 四性检测 finding ({"真实性", file, problem}) is a refusal of its own kind: its problem
// comes from the catalogue too (archive/src/filing_verify.cpp's finding(aspect, file, code)),
// and so do the words the command line prints (ctx.emit's text), a package reader's
// refusal (bad(source, …)) and a warning of a render or an import (warnings.push_back).
TEST(CatalogueOnly, NoEnglishSentenceIsWrittenIntoAFindingAReportOrAWarning) {
  const std::regex finding(R"re(\{\s*"(真实性|完整性|可用性|安全性)"\s*,)re");
  const std::regex emit(R"(\bctx\.emit\()");
  const std::regex bad(R"(\bbad\()");
  const std::regex warning(R"(warnings\.push_back\()");
  int scanned = 0;
  for (const char* dir : {"archive/src", "services/src", "app/src", "pipeline/src"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(GONGWEN_SOURCE_DIR) / dir)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      const std::string rel = fs::relative(e.path(), GONGWEN_SOURCE_DIR).string();
      const std::string text = slurp(e.path());
      for (const auto* re : {&finding, &emit, &bad, &warning})
        for (const Call& c : calls(text, *re)) {
          ++scanned;
          for (const auto& arg : c.args)
            for (const auto& lit : arg)
              if (is_english(lit))
                ADD_FAILURE() << rel << ":" << c.line << ": \"" << lit << "\" — put the words in the message catalogue";
        }
    }
  }
  EXPECT_GT(scanned, 50);
}

TEST(CatalogueOnly, TheCommandLineHelpComesFromTheCatalogue) {
  // The first argument is the command's or option's name; any literal after it is help text.
  const std::regex help(R"((\.|->)(add_subcommand|add_option|add_flag)\()");
  int scanned = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(GONGWEN_SOURCE_DIR) / "app/src")) {
    if (!e.is_regular_file() || e.path().extension() != ".cpp") continue;
    const std::string rel = fs::relative(e.path(), GONGWEN_SOURCE_DIR).string();
    for (const Call& c : calls(slurp(e.path()), help)) {
      ++scanned;
      for (std::size_t a = 1; a < c.args.size(); ++a)
        for (const auto& lit : c.args[a])
          if (is_english(lit))
            ADD_FAILURE() << rel << ":" << c.line << ": \"" << lit << "\" — write msg(\"cli.help.…\") instead";
    }
  }
  EXPECT_GT(scanned, 100);
}

}  // namespace
}  // namespace gongwen
