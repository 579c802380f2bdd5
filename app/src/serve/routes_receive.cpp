// 收文: registering an upload (收文登记), the list, 传阅 (circulating to a reader), and the
// reader's 我的待办 with 阅毕. Each route parses, calls the receiving workflow and presents;
// a secret 来文 is invisible (404) to whoever is not cleared for it.
#include "gongwen/archive/receiving.hpp"
#include "day_json.hpp"
#include "gongwen/search/extract.hpp"
#include "gongwen/services/seal_check.hpp"
#include "gongwen/services/workflows.hpp"
#include "next_json.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

namespace fs = std::filesystem;

namespace {

// What an upload really is, from its first bytes, never from its name or declared type.
std::string sniff(const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return "pdf";
  if (bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0 && bytes.find("word/") != std::string::npos) return "docx";
  // An OFD (GB/T 33190): a zip whose entry point is OFD.xml; read_ofd checks the rest.
  if (bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0 && bytes.find("OFD.xml") != std::string::npos) return "ofd";
  return {};
}

// A received OFD's electronic seals as the register keeps them, with the words the page shows
// (Chinese by default); null for a 来文 that is not an OFD (or was registered before schema 5).
nlohmann::json seal_check_json(const archive::ReceivedSealCheck& c) {
  if (c.result.empty()) return nullptr;
  nlohmann::json seals = nlohmann::json::array();
  for (const auto& s : c.seals)
    seals.push_back({{"valid", s.valid}, {"seal", s.seal_name}, {"signer", s.signer}, {"maker", s.maker},
                     {"signed_at", s.signed_at}, {"problem", s.problem}});
  return {{"result", c.result}, {"text", services::seal_check_summary(c)}, {"seals", seals},
          {"problems", c.problems}, {"lines", services::seal_check_lines(c)}};
}

nlohmann::json received_json(const archive::ReceivedRecord& r) {
  return {{"id", r.id}, {"registration", r.registration()}, {"sender", r.sender},
          {"their_number", r.their_number}, {"title", r.title}, {"date", day_json(r.date)},
          {"secrecy", to_chinese(r.secrecy)}, {"received_at", r.received_at}, {"format", r.format},
          {"seal_check", seal_check_json(r.seal_check)}};
}

std::int64_t id_in_path(const httplib::Request& req) { return std::stoll(req.matches[1].str()); }

// The 来文 `id` as this caller may know it: 404 for one that does not exist or is hidden.
archive::ReceivedRecord visible_received(State& st, const User& user, std::int64_t id) {
  archive::Receiving rec(st.ws, st.clock);
  auto r = rec.get(id);
  if (!r || !may_see(user, r->secrecy)) fail(Code::NotFound, msg("web.receive.none", {{"id", std::to_string(id)}}));
  return *r;
}

archive::ReceiveInput receive_input(const httplib::Request& req) {
  auto field = [&](const char* name) { return req.has_file(name) ? req.get_file_value(name).content : std::string(); };
  archive::ReceiveInput in;
  in.sender = field("sender");
  in.their_number = field("their_number");
  in.title = field("title");
  in.kind = field("kind");
  in.date = field("date");
  in.secrecy = field("secrecy");
  in.copy_numbers = field("copy_numbers");
  const std::string copies = field("copies");
  in.copies = copies.empty() ? 1 : std::atoi(copies.c_str());
  return in;
}

// 收文登记: the upload is size-limited, checked by content, written under a name the server
// chooses, then registered by the receiving workflow (which keeps its own copy) and indexed.
void post_receive(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  const User& u = *c.user;
  if (!(u.has(Role::SealKeeper) || u.has(Role::Archivist) || u.has(Role::Reviewer) || u.has(Role::Admin)))
    fail(Code::Forbidden, msg("web.receive.forbidden"));
  if (!req.is_multipart_form_data() || !req.has_file("file")) fail(Code::BadInput, msg("web.upload.none"));
  const auto& f = req.get_file_value("file");
  if (f.content.size() > kMaxUploadBytes) fail(Code::BadInput, msg("web.upload.too_big"));
  const std::string kind = sniff(f.content);
  if (kind.empty()) fail(Code::BadInput, msg("web.receive.kind"));
  archive::ReceiveInput in = receive_input(req);
  in.text = search::extract_text(f.content, "upload." + kind).take();  // before the lock
  std::lock_guard lock(st.ws_mutex);
  UploadedFile upload(st, f.content, kind);
  in.file = upload.path();
  services::Workflows flows(st.ws, st.clock);
  const auto got = flows.receive(in, u.id);
  const auto& r = got.received;
  reply_json(res, 201, {{"ok", true}, {"registration", r.registration()}, {"id", r.id},
                        {"stored", r.file_path}, {"format", r.format}, {"sha256", r.sha256},
                        {"bytes", f.content.size()}, {"next", next_json(got.next)},
                        {"seal_check", seal_check_json(r.seal_check)},
                        {"note", got.index_problem.empty() ? "" : msg("web.receive.not_indexed", {{"why", got.index_problem}})}});
}

// 传阅: send a 来文 to a reader for a number of days ({"to": user id, "days": 3}); the
// workflow checks the sender's role and the reader's clearance and re-indexes the 来文.
void post_circulate(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  auto body = json_body(req, res);
  if (!body) return;
  const std::string to = body->value("to", "");
  if (to.empty()) fail(Code::BadInput, msg("web.circulate.to"));
  const int days = body->value("days", 3);
  if (days < 1 || days > 90) fail(Code::BadInput, msg("web.circulate.days"));
  std::lock_guard lock(st.ws_mutex);
  const std::int64_t id = id_in_path(req);
  const auto r = visible_received(st, *c.user, id);
  services::Workflows(st.ws, st.clock).circulate(id, to, days, c.user->id);
  const User* reader = st.ws.profile().user(to);
  reply_json(res, 200, {{"ok", true}, {"id", id}, {"registration", r.registration()}, {"to", to},
                        {"to_name", reader ? reader->name : to}, {"days", days}});
}

// The 传阅 record of one 来文: who has it, since when, due when, read or returned.
void get_circulation(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  const std::int64_t id = id_in_path(req);
  visible_received(st, *c.user, id);
  archive::Receiving rec(st.ws, st.clock);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& k : rec.circulation(id)) {
    const User* p = st.ws.profile().user(k.person);
    list.push_back({{"person", k.person}, {"name", p ? p->name : k.person}, {"sent_at", k.sent_at},
                    {"due", day_json(k.due)}, {"read_at", k.read_at}, {"returned_at", k.returned_at}});
  }
  reply_json(res, 200, {{"ok", true}, {"id", id}, {"circulation", list}});
}

// 传阅 waiting for me (我的待办).
void get_mine(State& st, const Caller& c, const httplib::Request&, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  archive::Receiving rec(st.ws, st.clock);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : rec.list())
    for (const auto& k : rec.circulation(r.id))
      if (k.person == c.user->id && k.read_at.empty())
        list.push_back({{"id", r.id}, {"registration", r.registration()}, {"title", r.title},
                        {"sender", r.sender}, {"sent_at", k.sent_at}, {"due", day_json(k.due)}});
  reply_json(res, 200, {{"ok", true}, {"circulation", list}});
}

void post_read(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  archive::Receiving rec(st.ws, st.clock);
  rec.mark_read(id_in_path(req), c.user->id, c.user->id);
  reply_json(res, 200, {{"ok", true}});
}

void get_received(State& st, const Caller& c, const httplib::Request&, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  archive::Receiving rec(st.ws, st.clock);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : rec.list()) {
    if (!may_see(*c.user, r.secrecy)) continue;
    list.push_back(received_json(r));
  }
  reply_json(res, 200, {{"ok", true}, {"received", list}});
}

// One 来文 with its register row (and a received OFD's seal check); 404 when hidden.
void get_one_received(State& st, const Caller& c, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(st.ws_mutex);
  reply_json(res, 200, {{"ok", true}, {"received", received_json(visible_received(st, *c.user, id_in_path(req)))}});
}

}  // namespace

void add_receive_routes(httplib::Server& srv, State& st) {
  srv.Post("/api/receive", api(st, Change::Write, post_receive));
  srv.Get("/api/receive", api(st, Change::Read, get_received));
  srv.Get("/api/receive/mine", api(st, Change::Read, get_mine));
  srv.Get(R"(/api/receive/(\d{1,12}))", api(st, Change::Read, get_one_received));
  srv.Post(R"(/api/receive/(\d{1,12})/read)", api(st, Change::Write, post_read));
  srv.Post(R"(/api/receive/(\d{1,12})/circulate)", api(st, Change::Write, post_circulate));
  srv.Get(R"(/api/receive/(\d{1,12})/circulation)", api(st, Change::Read, get_circulation));
}

}  // namespace gongwen::app::serve
