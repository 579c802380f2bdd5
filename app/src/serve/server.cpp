#include "serve/server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <regex>
#include <thread>

#include <sys/socket.h>

#include "gongwen/services/indexing.hpp"
#include "serve/gated_server.hpp"
#include "serve/state.hpp"
#include "gongwen/pipeline/messages.hpp"

namespace gongwen::app::serve {

void parse_listen(const std::string& text, ServeOptions& opts) {
  static const std::regex re(R"(^(?:([A-Za-z0-9.\-]+|\[[0-9a-fA-F:]+\])?:)?(\d{1,5})$)");
  std::smatch m;
  if (!std::regex_match(text, m, re) || std::stoi(m[2].str()) > 65535)
    fail(Code::Usage, msg("web.listen.invalid", {{"value", text}}), {msg("web.listen.invalid.hint")});
  if (m[1].matched) opts.host = m[1].str();
  opts.port = std::stoi(m[2].str());
}

namespace {

// Indexing left in the registers' outbox by a command-line process that died after its
// commit: the desk does it by itself, at start and then every two seconds (issue 13 #12).
class IndexCatchUp {
 public:
  explicit IndexCatchUp(State& st) : m_thread([this, &st] { run(st); }) {}
  ~IndexCatchUp() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }

 private:
  void run(State& st) {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
      lock.unlock();
      try {
        std::lock_guard<std::mutex> ws(st.ws_mutex);
        services::catch_up_index(st.ws);
      } catch (const Failure& f) {
        std::cerr << f.error().message << std::endl;  // the work stays queued: tried again
      }
      lock.lock();
      m_wake.wait_for(lock, std::chrono::seconds(2), [this] { return m_stopping; });
    }
  }
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;  // last: starts once the members it uses exist
};

}  // namespace

void add_all_routes(httplib::Server& srv, State& st) {
  add_security_headers(srv);
  add_session_routes(srv, st);
  add_draft_routes(srv, st);
  add_preview_routes(srv, st);
  add_document_routes(srv, st);
  add_search_routes(srv, st);
  add_archive_routes(srv, st);
  add_receive_routes(srv, st);
  add_lending_routes(srv, st);
  add_request_routes(srv, st);
  add_import_routes(srv, st);
  add_static_routes(srv, st);
  srv.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    reply_error(res, 500, msg("web.internal"));
  });
}

void run_server(archive::Workspace& ws, const Clock& clock, const ServeOptions& opts) {
  if (!std::filesystem::is_directory(opts.web_dir))
    fail(Code::NotFound, msg("web.pages.missing", {{"dir", opts.web_dir.string()}}), {msg("web.pages.missing.hint")});
  State st(ws, clock, opts.web_dir, opts.session_idle);
  st.passwords = std::make_unique<RegistryPasswords>(ws, clock, st.ws_mutex);
  st.trusted_proxies = opts.trusted_proxies;
  // SIGINT/SIGTERM stop the server cleanly: wait for them on a thread of our own, with the
  // signals blocked everywhere else (the gate's threads, started below, inherit this mask).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  raise_open_file_limit();  // every connection held by the gate is a descriptor
  GateLimits limits;
  limits.workers = opts.threads;
  limits.head_deadline = opts.head_timeout;
  limits.body_grace = opts.head_timeout;  // then a body must keep coming at 64 KB/s
  GatedServer srv(limits);
  srv.set_payload_max_length(kMaxUploadBytes + 64 * 1024);
  // Browsers and load tests keep connections open: httplib's default of 5 requests per
  // connection made every sixth request pay a reconnect (and showed up as read errors in wrk).
  // A kept-alive connection waits in the gate, not on a thread (gated_server.hpp).
  srv.set_keep_alive_max_count(static_cast<std::size_t>(limits.keep_alive_max));
  srv.set_keep_alive_timeout(limits.idle_deadline.count());
  srv.set_read_timeout(limits.io_timeout.count(), 0);
  srv.set_write_timeout(limits.io_timeout.count(), 0);
  // httplib's default also sets SO_REUSEPORT, with which a second `gongwen serve` on the same
  // port binds too and the kernel splits the office's requests between two workspaces.
  // SO_REUSEADDR alone still allows a quick restart over connections in TIME_WAIT.
  srv.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  add_all_routes(srv, st);

  int port = opts.port;
  if (port == 0) {
    port = srv.bind_to_any_port(opts.host);
  } else if (!srv.bind_to_port(opts.host, port)) {
    port = -1;
  }
  if (port <= 0)
    fail(Code::Io, msg("web.listen", {{"host", opts.host}, {"port", std::to_string(opts.port)}}), {msg("web.listen.hint")});

  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&set, &sig);
    signalled = true;
    srv.stop();
  });
  IndexCatchUp catch_up(st);
  std::cout << "listening on http://" << opts.host << ":" << port << std::endl;
  srv.listen_after_bind();
  srv.shut_gate();
  // Stopped otherwise than by a signal: wake the waiting thread so it can be joined.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::cout << "stopped" << std::endl;
}

}  // namespace gongwen::app::serve
