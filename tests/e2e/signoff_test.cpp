// Authentication and signatures through the real binary: a wrong password is refused, logged
// and changes nothing; a login token stands in for the password; an issued PDF passes
// pdfsig and `gongwen verify`, and one changed byte is reported as tampering.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"

namespace gongwen::e2e {
namespace {

namespace fs = std::filesystem;

class Signoff : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ws = (dir / "ws").string();
    cfg = (dir / "cfg").string();
    ASSERT_EQ(run(GONGWEN_BINARY, {"init", ws}).code, 0);
    ASSERT_EQ(with("GONGWEN_NEW_PASSWORD=right-password", {"user", "passwd", "--all"}).code, 0);
    draft = dir / "d.toml";
    std::ofstream(draft) << "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好除冰工作的通知\"\n"
                            "to = \"各村民委员会\"\ndate = 2026-11-30\ndrafter = \"wangfang\"\ncopies = 5\n"
                            "body = \"\"\"\n各村要做好道路除冰工作。\n\"\"\"\n";
  }
  void TearDown() override { fs::remove_all(dir); }
  Outcome with(const std::string& env, std::vector<std::string> args) {
    std::vector<std::string> all = {"-w", ws};
    all.insert(all.end(), args.begin(), args.end());
    return run(GONGWEN_BINARY, all, env + " GONGWEN_CONFIG_DIR=" + quote(cfg));
  }
  Outcome ok(const std::string& user, std::vector<std::string> args) {
    args.insert(args.begin(), {"--as", user});
    return with("GONGWEN_PASSWORD=right-password", args);
  }
  // The log as stored (in English: the chain hashes it); `audit log` shows it so with LANG=en*.
  std::string audit() { return with(kEnglish, {"audit", "log"}).out; }
  fs::path dir, draft;
  std::string ws, cfg;
};

TEST_F(Signoff, WrongPasswordIsRefusedLoggedAndChangesNothing) {
  // The refusals in the clerk's language (the catalogue's Chinese words), whatever the machine's locale.
  const Outcome bad = with(kChinese + " GONGWEN_PASSWORD=wrong-password", {"--as", "wangfang", "submit", draft.string()});
  EXPECT_EQ(bad.code, 5);
  EXPECT_NE(bad.err.find("用户名或密码不对（wangfang）"), std::string::npos) << bad.err;
  EXPECT_EQ(with("", {"--json", "draft", "list"}).out.find("除冰"), std::string::npos);
  EXPECT_NE(audit().find("login: wrong password"), std::string::npos);
  const Outcome none = with(kChinese, {"--as", "wangfang", "submit", draft.string()});
  EXPECT_EQ(none.code, 5);
  EXPECT_NE(none.err.find("wangfang 尚未登录"), std::string::npos) << none.err;
  EXPECT_EQ(with("", {"audit", "verify"}).code, 0);
}

TEST_F(Signoff, PasswordsAreStoredOnlyAsArgon2idHashes) {
  const std::string db = (fs::path(ws) / "registry.sqlite3").string();
  const Outcome rows = run("sqlite3", {db, "SELECT hash FROM credentials WHERE user='wangfang'"});
  ASSERT_NE(rows.code, 127) << "sqlite3 CLI missing (run.sh installs it)";
  EXPECT_EQ(rows.out.rfind("$argon2id$", 0), 0u) << rows.out;
  EXPECT_EQ(run("grep", {"-r", "right-password", ws}).code, 1);  // nowhere in clear
}

TEST_F(Signoff, LoginTokenReplacesThePasswordUntilLogout) {
  ASSERT_EQ(with("GONGWEN_PASSWORD=right-password", {"--as", "wangfang", "login"}).code, 0);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(cfg)) {
    ++files;
    EXPECT_EQ(fs::status(e.path()).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  }
  EXPECT_EQ(files, 1u);
  // No password now, and no --as: the only logged-in user acts.
  const Outcome sub = with("", {"submit", draft.string()});
  EXPECT_EQ(sub.code, 0) << sub.err;
  ASSERT_EQ(with("", {"--as", "wangfang", "logout"}).code, 0);
  const Outcome after = with("", {"--as", "wangfang", "draft", "list"});
  const Outcome again = with("", {"submit", draft.string()});
  EXPECT_EQ(again.code, 2) << again.err;  // nobody logged in: say who
}

TEST_F(Signoff, IssuedPdfIsSignedAndVerifiedAndTamperingIsCaught) {
  ASSERT_EQ(ok("wangfang", {"submit", draft.string()}).code, 0);
  ASSERT_EQ(ok("zhaoli", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("chenzhiyong", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("zhangjianguo", {"sign", "#1"}).code, 0);
  const Outcome issued = ok("sunxiuying", {"--json", "issue", "#1"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  const fs::path pdf = fs::path(ws) / nlohmann::json::parse(issued.out)["pdf"].get<std::string>();
  const Outcome sig = run("pdfsig", {"-nocert", pdf.string()});
  EXPECT_NE(sig.out.find("Signature is Valid"), std::string::npos) << sig.out;
  EXPECT_NE(sig.out.find("Total document signed"), std::string::npos) << sig.out;
  const Outcome good = with("", {"--json", "verify", pdf.string()});
  ASSERT_EQ(good.code, 0) << good.err;
  const auto j = nlohmann::json::parse(good.out);
  EXPECT_EQ(j["signature"], "valid");
  EXPECT_EQ(j["registered"], "白政发〔2026〕1号");
  EXPECT_EQ(j["workspace_key"], true);
  // One changed byte, in the body and in the signature's padding.
  std::string bytes = slurp(pdf);
  for (std::size_t pos : {std::size_t(4000), bytes.rfind("0000>") + 1}) {
    std::string bad = bytes;
    bad[pos] = bad[pos] == '7' ? '8' : '7';
    const fs::path copy = dir / "tampered.pdf";
    std::ofstream(copy, std::ios::binary) << bad;
    const Outcome r = with("", {"verify", copy.string()});
    EXPECT_EQ(r.code, 6) << "byte " << pos;
    EXPECT_NE(r.err.find("tamper"), std::string::npos) << r.err;
  }
}

TEST_F(Signoff, SecretCopiesAreVerifiedAndTheSealRegisterNamesTheApprover) {
  const fs::path secret = dir / "s.toml";
  std::ofstream(secret) << "template = \"notice\"\norgan = \"government\"\ntitle = \"关于做好征兵政治考核工作的通知\"\n"
                           "to = \"各村民委员会\"\ndate = 2026-11-30\ndrafter = \"chenzhiyong\"\nsecrecy = \"秘密\"\n"
                           "copies = 2\nbody = \"\"\"\n各村要做好征兵政治考核工作。\n\"\"\"\n";
  ASSERT_EQ(ok("chenzhiyong", {"submit", secret.string()}).code, 0);
  ASSERT_EQ(ok("zhaoli", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("chenzhiyong", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("zhangjianguo", {"sign", "#1"}).code, 0);
  const Outcome issued = ok("sunxiuying", {"--json", "issue", "#1"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  const auto j = nlohmann::json::parse(issued.out);
  EXPECT_EQ(j["copies"], 2);
  EXPECT_TRUE(fs::exists(fs::path(ws) / j["sheet"].get<std::string>()));
  const fs::path copy2 = fs::path(ws) / "documents/2026/白政发〔2026〕1号/份号-000002.pdf";
  ASSERT_TRUE(fs::exists(copy2));
  const Outcome v = with("", {"--json", "verify", copy2.string()});
  ASSERT_EQ(v.code, 0) << v.err;
  EXPECT_EQ(nlohmann::json::parse(v.out)["registered"], "白政发〔2026〕1号 份号 000002");
  const Outcome log = with("", {"seal", "log"});
  EXPECT_NE(log.out.find("白政发〔2026〕1号\t白路乡人民政府\t批准 zhangjianguo"), std::string::npos) << log.out;
  EXPECT_NE(log.out.find("监印 sunxiuying\t2份"), std::string::npos) << log.out;
}

TEST_F(Signoff, SealWithoutApprovalIsRefusedAndChangesNothing) {
  ASSERT_EQ(ok("wangfang", {"submit", draft.string()}).code, 0);
  ASSERT_EQ(ok("zhaoli", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("chenzhiyong", {"review", "#1"}).code, 0);
  const Outcome r = ok("sunxiuying", {"issue", "#1"});  // reviewed, never signed off
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("领导未签的文件一律不得印发"), std::string::npos) << r.err;
  EXPECT_EQ(with("", {"seal", "log"}).out, "");
  EXPECT_FALSE(fs::exists(fs::path(ws) / "documents" / "2026"));
  EXPECT_NE(audit().find("not signed off (no leader's approval for print or seal)"), std::string::npos);
}

TEST_F(Signoff, KeyImportNeedsAnAdminAndChangesTheSigner) {
  const Outcome refused = ok("wangfang", {"key", "import", "--p12", "/nonexistent"});
  EXPECT_EQ(refused.code, 5);
  EXPECT_NE(refused.err.find("管理员"), std::string::npos);
  run("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", (dir / "k.pem").string(),
                  "-out", (dir / "c.pem").string(), "-days", "30", "-subj", "/CN=Imported Office"});
  const Outcome imp = ok("huanglei", {"key", "import", "--key", (dir / "k.pem").string(), "--cert",
                                      (dir / "c.pem").string()});
  ASSERT_EQ(imp.code, 0) << imp.err;
  EXPECT_NE(with("", {"key", "show"}).out.find("Imported Office"), std::string::npos);
}

// Issuing also writes <文号>.ofd, sealed with the workspace's SM2 electronic seal (docs/ofd.md):
// `gongwen verify FILE.ofd` prints the seal, signer and time, and a changed byte in the
// package is reported with exit 6; receiving the OFD pre-fills the register from it.
TEST_F(Signoff, IssuedOfdIsSealedVerifiedReceivedAndTamperingIsCaught) {
  ASSERT_EQ(ok("wangfang", {"submit", draft.string()}).code, 0);
  ASSERT_EQ(ok("zhaoli", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("chenzhiyong", {"review", "#1"}).code, 0);
  ASSERT_EQ(ok("zhangjianguo", {"sign", "#1"}).code, 0);
  const Outcome issued = ok("sunxiuying", {"--json", "issue", "#1"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  const fs::path pdf = fs::path(ws) / nlohmann::json::parse(issued.out)["pdf"].get<std::string>();
  fs::path ofd = pdf;
  ofd.replace_extension(".ofd");
  ASSERT_TRUE(fs::exists(ofd)) << ofd;
  const Outcome good = with("", {"--json", "verify", ofd.string()});
  ASSERT_EQ(good.code, 0) << good.err << good.out;
  const auto j = nlohmann::json::parse(good.out);
  ASSERT_EQ(j["seals"].size(), 1u);
  EXPECT_EQ(j["seals"][0]["seal"], "白路乡人民政府");
  EXPECT_EQ(j["seals"][0]["ok"], true);
  EXPECT_FALSE(j["seals"][0]["signed_at"].get<std::string>().empty());
  // unzip lists the package: the parts of an OFD and the seal's files.
  const Outcome list = run("unzip", {"-l", ofd.string()});
  ASSERT_EQ(list.code, 0);
  for (const char* part : {"OFD.xml", "Doc_0/Document.xml", "Doc_0/Signs/Signatures.xml",
                           "Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Sign_0/SignedValue.dat"})
    EXPECT_NE(list.out.find(part), std::string::npos) << part;

  // Received back (as another office would receive it): 来文单位, 文号, 标题 and 成文日期 from
  // the OFD itself, the seal checked, the text searchable.
  const fs::path incoming = dir / "来文.ofd";
  fs::copy_file(ofd, incoming);
  const Outcome received = ok("sunxiuying", {"--json", "receive", incoming.string()});
  ASSERT_EQ(received.code, 0) << received.err;
  const auto rj = nlohmann::json::parse(received.out);
  EXPECT_EQ(rj["sender"], "白路乡人民政府") << received.out;
  EXPECT_EQ(rj["number"], "白政发〔2026〕1号") << received.out;
  EXPECT_EQ(rj["date"], "2026-11-30") << received.out;
  EXPECT_EQ(rj["title"], "关于做好除冰工作的通知") << received.out;
  ASSERT_EQ(rj["seal_checks"].size(), 1u) << received.out;
  EXPECT_EQ(rj["seal_checks"][0].get<std::string>().rfind("有效：白路乡人民政府", 0), 0u) << received.out;
  const Outcome found = ok("sunxiuying", {"search", "道路除冰", "--direction", "收文"});
  EXPECT_NE(found.out.find("关于做好除冰工作的通知"), std::string::npos) << found.out << found.err;

  // One changed byte in a page's content, re-zipped with the system's zip.
  const fs::path x = dir / "x";
  ASSERT_EQ(run("unzip", {"-q", ofd.string(), "-d", x.string()}).code, 0);
  const fs::path page = x / "Doc_0" / "Pages" / "Page_0" / "Content.xml";
  std::stringstream ss;
  ss << std::ifstream(page, std::ios::binary).rdbuf();
  std::string s = ss.str();
  const auto at = s.find("各村要");
  ASSERT_NE(at, std::string::npos);
  s.replace(at, 3, "全");
  std::ofstream(page, std::ios::binary) << s;
  const fs::path bad = dir / "bad.ofd";
  ASSERT_EQ(run("sh", {"-c", "cd " + quote(x.string()) + " && zip -q -r " + quote(bad.string()) + " ."}).code, 0);
  const Outcome caught = with("", {"verify", bad.string()});
  EXPECT_EQ(caught.code, 6) << caught.out << caught.err;
  EXPECT_NE(caught.err.find("Doc_0/Pages/Page_0/Content.xml 在签章后被改动"), std::string::npos) << caught.err;
}

}  // namespace
}  // namespace gongwen::e2e
