// Login, logout and "who am I": sessions in HttpOnly SameSite=Strict cookies, login throttled.
#include "gongwen/pipeline/model.hpp"
#include "gongwen/pipeline/profile.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

namespace {

nlohmann::json user_json(const User& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : u.roles) roles.push_back(role_name(r));
  return {{"id", u.id}, {"name", u.name}, {"title", u.title}, {"roles", roles},
          {"clearance", to_chinese(u.clearance)}};
}

}  // namespace

void add_session_routes(httplib::Server& srv, State& st) {
  srv.Post("/api/login", [&st](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto body = json_body(req, res);
      if (!body) return;
      const std::string user = body->value("user", "");
      const std::string password = body->value("password", "");
      if (user.size() > 64) {  // no user id is this long; keeps the throttle's table small
        reply_error(res, 401, msg("web.login.wrong"));
        return;
      }
      const std::string from =
          client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"), st.trusted_proxies);
      if (const long wait = st.throttle.blocked_for(user, from); wait > 0) {
        res.set_header("Retry-After", std::to_string(wait));
        reply_error(res, 429,
                    wait < 60 ? "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试"
                              : "登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试");
        return;
      }
      const User* u = st.ws.profile().user(user);
      // One message for unknown user and wrong password: do not reveal who has an account.
      if (user.empty() || password.empty() || password.size() > 1024 || !st.passwords->verify(user, password) || !u) {
        st.throttle.failed(user, from);
        std::string why = st.passwords->unavailable_reason();
        reply_error(res, 401, why.empty() ? "用户名或口令错误" : why);
        return;
      }
      st.throttle.succeeded(user, from);
      const Session s = st.sessions.create(u->id);
      res.set_header("Set-Cookie", "gw_session=" + s.id + "; Path=/; HttpOnly; SameSite=Strict");
      reply_json(res, 200, {{"ok", true}, {"user", user_json(*u)}, {"csrf", s.csrf}});
    });
  });

  srv.Post("/api/logout", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Write);
    if (!c) return;
    st.sessions.remove(c->session.id);
    res.set_header("Set-Cookie", "gw_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    reply_json(res, 200, {{"ok", true}});
  });

  srv.Get("/api/me", [&st](const httplib::Request& req, httplib::Response& res) {
    auto c = authenticate(st, req, res, Change::Read);
    if (!c) return;
    reply_json(res, 200, {{"ok", true}, {"user", user_json(*c->user)}, {"csrf", c->session.csrf},
                          {"office", st.ws.profile().office_name}});
  });
}

}  // namespace gongwen::app::serve
