#include "serve/server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <csignal>
#include <iostream>
#include <regex>
#include <thread>

#include <sys/socket.h>

#include "gongwen/services/indexing.hpp"
#include "serve/state.hpp"

namespace gongwen::app::serve {

void parse_listen(const std::string& text, ServeOptions& opts) {
  static const std::regex re(R"(^(?:([A-Za-z0-9.\-]+|\[[0-9a-fA-F:]+\])?:)?(\d{1,5})$)");
  std::smatch m;
  if (!std::regex_match(text, m, re) || std::stoi(m[2].str()) > 65535)
    fail(Code::Usage, "--listen '" + text + "' is not HOST:PORT", {"e.g. --listen 127.0.0.1:8080"});
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

void run_server(archive::Workspace& ws, const Clock& clock, const ServeOptions& opts) {
  if (!std::filesystem::is_directory(opts.web_dir))
    fail(Code::NotFound, "the web pages folder " + opts.web_dir.string() + " does not exist",
         {"give it with --web DIR, or set GONGWEN_DATA_DIR"});
  State st(ws, clock, opts.web_dir, opts.session_idle);
  st.passwords = std::make_unique<RegistryPasswords>(ws, clock, st.ws_mutex);
  httplib::Server srv;
  srv.new_task_queue = [n = opts.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
  srv.set_payload_max_length(kMaxUploadBytes + 64 * 1024);
  // Browsers and load tests keep connections open: httplib's default of 5 requests per
  // connection made every sixth request pay a reconnect (and showed up as read errors in wrk).
  srv.set_keep_alive_max_count(1000);
  srv.set_read_timeout(30, 0);
  srv.set_write_timeout(30, 0);
  // httplib's default also sets SO_REUSEPORT, with which a second `gongwen serve` on the same
  // port binds too and the kernel splits the office's requests between two workspaces.
  // SO_REUSEADDR alone still allows a quick restart over connections in TIME_WAIT.
  srv.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
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
    reply_error(res, 500, "服务器内部错误");
  });

  int port = opts.port;
  if (port == 0) {
    port = srv.bind_to_any_port(opts.host);
  } else if (!srv.bind_to_port(opts.host, port)) {
    port = -1;
  }
  if (port <= 0)
    fail(Code::Io, "无法在 " + opts.host + ":" + std::to_string(opts.port) + " 上监听：端口已被占用或地址不可用",
         {"是否已有另一个 gongwen serve（或其他程序）在使用该端口？用 --listen 换一个端口"});

  // SIGINT/SIGTERM stop the server cleanly: wait for them on a thread of our own, with the
  // signals blocked everywhere else (the pool threads inherit this mask).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
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
  // Stopped otherwise than by a signal: wake the waiting thread so it can be joined.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::cout << "stopped" << std::endl;
}

}  // namespace gongwen::app::serve
