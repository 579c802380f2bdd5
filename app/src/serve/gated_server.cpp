#include "serve/gated_server.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "gongwen/pipeline/messages.hpp"
#include "serve/request_head.hpp"

namespace gongwen::app::serve {

namespace {

using SteadyClock = std::chrono::steady_clock;

// httplib's accept thread hands each connection to the gate itself: no pool thread needed.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) return;  // a short final answer to a misbehaving client: best effort
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void refuse(int fd, int status, const char* reason) {
  std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                      "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
                      std::to_string(std::strlen(reason)) + "\r\n\r\n" + reason;
  send_all(fd, reply);
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

// Set by a GateStream on its worker's thread when the body came too slowly; the error handler
// (GatedServer's constructor) turns httplib's 400 for the failed read into a 408.
thread_local bool t_body_too_slow = false;

// One request's view of a connection for httplib: first the bytes the gate already read (the
// whole head, perhaps some body), then the socket, each wait bounded by the I/O timeout and
// everything by the request's deadline. Reading from the socket (the body) is also bounded by
// the minimum body rate after the body's grace (GateLimits).
class GateStream : public httplib::Stream {
 public:
  GateStream(int fd, std::string& buffered, const GateLimits& limits)
      : m_fd(fd),
        m_buf(buffered),
        m_io(limits.io_timeout),
        m_start(SteadyClock::now()),
        m_deadline(m_start + limits.request_deadline),
        m_grace(limits.body_grace),
        m_rate(std::max<std::size_t>(limits.min_body_rate, 1)) {}
  bool is_readable() const override { return m_pos < m_buf.size() || wait(POLLIN, body_deadline()); }
  bool is_writable() const override { return wait(POLLOUT, m_deadline); }
  ssize_t read(char* ptr, size_t size) override {
    if (m_pos < m_buf.size()) {
      const std::size_t n = std::min(size, m_buf.size() - m_pos);
      std::memcpy(ptr, m_buf.data() + m_pos, n);
      m_pos += n;
      return static_cast<ssize_t>(n);
    }
    if (!wait(POLLIN, body_deadline())) {
      if (SteadyClock::now() >= body_deadline()) t_body_too_slow = true;
      return -1;
    }
    ssize_t n;
    do n = ::recv(m_fd, ptr, size, 0);
    while (n < 0 && errno == EINTR);
    if (n > 0) m_from_socket += static_cast<std::size_t>(n);
    return n;
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!wait(POLLOUT, m_deadline)) return -1;
    ssize_t n;
    do n = ::send(m_fd, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(m_fd, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(m_fd, false, ip, port); }
  socket_t socket() const override { return m_fd; }
  // What the request did not read: the start of the connection's next request.
  std::string rest() const { return m_buf.substr(std::min(m_pos, m_buf.size())); }

 private:
  // The bytes read so far buy time at the minimum rate, after the grace.
  SteadyClock::time_point body_deadline() const {
    const auto earned = std::chrono::microseconds(
        static_cast<std::int64_t>(static_cast<double>(m_from_socket) * 1e6 / static_cast<double>(m_rate)));
    return std::min(m_deadline, m_start + m_grace + std::chrono::duration_cast<SteadyClock::duration>(earned));
  }
  bool wait(short events, SteadyClock::time_point until) const {
    const auto left = std::min<SteadyClock::duration>(m_io, until - SteadyClock::now());
    if (left <= SteadyClock::duration::zero()) return false;
    pollfd p{m_fd, events, 0};
    const int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()) + 1;
    int r;
    do r = ::poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    return r > 0 && !(p.revents & (POLLERR | POLLNVAL));
  }
  int m_fd;
  std::string& m_buf;
  std::size_t m_pos = 0;
  std::chrono::seconds m_io;
  SteadyClock::time_point m_start, m_deadline;
  std::chrono::seconds m_grace;
  std::size_t m_rate;
  std::size_t m_from_socket = 0;
};

// A request held in memory and its answer, for answer().
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : m_in(in) {}
  bool is_readable() const override { return m_pos < m_in.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, m_in.size() - m_pos);
    std::memcpy(ptr, m_in.data() + m_pos, n);
    m_pos += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    m_out.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return -1; }
  const std::string& out() const { return m_out; }

 private:
  std::string_view m_in;
  std::size_t m_pos = 0;
  std::string m_out;
};

}  // namespace

struct GatedServer::Gate {
  struct Waiting {
    std::string buf;
    SteadyClock::time_point deadline;
    int served = 0;  // requests already answered on this connection
  };
  struct Ready {
    int fd;
    std::string buf;
    int served;
  };

  Gate(GatedServer& s, GateLimits l) : server(s), limits(l) {
    epfd = ::epoll_create1(EPOLL_CLOEXEC);
    wakefd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wakefd;
    ::epoll_ctl(epfd, EPOLL_CTL_ADD, wakefd, &ev);
    loop = std::thread([this] { run_loop(); });
    for (int i = 0; i < limits.workers; ++i) workers.emplace_back([this] { run_worker(); });
  }

  // A connection whose next request is awaited: at once to a worker if its head is already
  // here (pipelining), otherwise into the epoll set.
  void admit(int fd, std::string buf, int served, SteadyClock::time_point deadline) {
    std::unique_lock lock(mutex);
    if (stopping) {
      ::close(fd);
      return;
    }
    if (end_of_head(buf) != std::string::npos) {
      to_worker(lock, fd, std::move(buf), served);
      return;
    }
    if (waiting.size() >= limits.max_waiting) drop_longest_waiting();
    waiting[fd] = Waiting{std::move(buf), deadline, served};
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.fd = fd;
    ::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
  }

  void drop_longest_waiting() {
    const auto oldest = std::min_element(waiting.begin(), waiting.end(),
                                         [](const auto& a, const auto& b) { return a.second.deadline < b.second.deadline; });
    if (oldest != waiting.end()) forget(oldest->first);
  }

  // Takes fd out of the epoll set and the table and closes it; answers it first when a
  // status is given.
  void forget(int fd, int status = 0, const char* reason = nullptr) {
    ::epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
    waiting.erase(fd);
    if (status != 0) refuse(fd, status, reason);
    ::close(fd);
  }

  void to_worker(std::unique_lock<std::mutex>&, int fd, std::string buf, int served) {
    const auto head = std::string_view(buf).substr(0, end_of_head(buf));
    if (const auto problem = head_framing_problem(head); !problem.empty()) {
      refuse(fd, 400, "Bad Request");
      ::close(fd);
      return;
    }
    ready.push_back(Ready{fd, std::move(buf), served});
    ready_cv.notify_one();
  }

  void on_readable(int fd) {
    std::unique_lock lock(mutex);
    const auto it = waiting.find(fd);
    if (it == waiting.end()) return;
    Waiting& w = it->second;
    const bool was_idle = w.buf.empty();
    bool ended = false;  // the client closed its side (perhaps right after a whole request)
    char chunk[16 * 1024];
    for (;;) {
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
      if (n > 0) {
        w.buf.append(chunk, static_cast<std::size_t>(n));
        if (w.buf.size() > limits.max_head_bytes) break;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      ended = true;  // end of stream, or an error
      break;
    }
    if (end_of_head(w.buf) != std::string::npos) {
      ::epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
      Waiting taken = std::move(w);
      waiting.erase(it);
      to_worker(lock, fd, std::move(taken.buf), taken.served);
      return;
    }
    if (ended) {
      forget(fd);
      return;
    }
    if (w.buf.size() > limits.max_head_bytes) {
      forget(fd, 431, "Request Header Fields Too Large");
      return;
    }
    // The first byte of a request on a kept-alive connection starts its head's deadline.
    if (was_idle && !w.buf.empty()) w.deadline = std::min(w.deadline, SteadyClock::now() + limits.head_deadline);
  }

  void sweep() {
    std::unique_lock lock(mutex);
    const auto now = SteadyClock::now();
    std::vector<int> late;
    for (const auto& [fd, w] : waiting)
      if (w.deadline <= now) late.push_back(fd);
    for (int fd : late) {
      if (waiting[fd].buf.empty())
        forget(fd);  // an idle connection: just closed
      else
        forget(fd, 408, "Request Timeout");
    }
  }

  void run_loop() {
    std::vector<epoll_event> events(256);
    auto next_sweep = SteadyClock::now();
    for (;;) {
      const int n = ::epoll_wait(epfd, events.data(), static_cast<int>(events.size()), 250);
      {
        std::lock_guard lock(mutex);
        if (stopping) return;
      }
      for (int i = 0; i < n; ++i)
        if (events[i].data.fd != wakefd) on_readable(events[i].data.fd);
      if (SteadyClock::now() >= next_sweep) {
        sweep();
        next_sweep = SteadyClock::now() + std::chrono::milliseconds(250);
      }
    }
  }

  void run_worker() {
    for (;;) {
      Ready job;
      {
        std::unique_lock lock(mutex);
        ready_cv.wait(lock, [&] { return stopping || !ready.empty(); });
        if (ready.empty()) return;
        job = std::move(ready.front());
        ready.pop_front();
      }
      bool keep = false;
      const bool last = job.served + 1 >= limits.keep_alive_max;
      server.serve_one(job.fd, job.buf, last, keep);
      if (keep)
        admit(job.fd, std::move(job.buf), job.served + 1, SteadyClock::now() + limits.idle_deadline);
      else
        ::close(job.fd);
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      stopping = true;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] auto w = ::write(wakefd, &one, sizeof one);
    ready_cv.notify_all();
    loop.join();
    for (auto& t : workers) t.join();
    for (const auto& [fd, _] : waiting) ::close(fd);
    waiting.clear();
    for (const auto& r : ready) ::close(r.fd);
    ready.clear();
    ::close(epfd);
    ::close(wakefd);
  }

  GatedServer& server;
  GateLimits limits;
  int epfd = -1, wakefd = -1;
  std::mutex mutex;
  std::condition_variable ready_cv;
  bool stopping = false;
  std::unordered_map<int, Waiting> waiting;
  std::deque<Ready> ready;
  std::thread loop;
  std::vector<std::thread> workers;
};

GatedServer::GatedServer(GateLimits limits) {
  new_task_queue = [] { return new InlineQueue; };
  // httplib answers a body it could not read with 400; one that came too slowly is a 408.
  set_error_handler(HandlerWithResponse([limits](const httplib::Request&, httplib::Response& res) {
    if (!t_body_too_slow) return HandlerResponse::Unhandled;
    res.status = 408;
    res.set_content(msg("web.body.slow", {{"grace", std::to_string(limits.body_grace.count())},
                                          {"rate", std::to_string(limits.min_body_rate / 1024)}}),
                    "text/plain; charset=utf-8");
    return HandlerResponse::Handled;
  }));
  m_gate = std::make_unique<Gate>(*this, limits);
}

GatedServer::~GatedServer() { shut_gate(); }

void GatedServer::shut_gate() { m_gate->stop(); }

bool GatedServer::process_and_close_socket(socket_t sock) {
  m_gate->admit(sock, {}, 0, SteadyClock::now() + m_gate->limits.head_deadline);
  return true;
}

bool GatedServer::serve_one(int fd, std::string& buffered, bool last, bool& keep) {
  GateStream stream(fd, buffered, m_gate->limits);
  bool closed = false;
  t_body_too_slow = false;
  const bool ok = process_request(stream, last, closed, nullptr);
  // After a body cut short the rest of it is still on its way: the connection cannot be reused.
  keep = ok && !closed && !last && !t_body_too_slow;
  t_body_too_slow = false;
  buffered = stream.rest();
  return ok;
}

std::string GatedServer::answer(std::string_view request) {
  const std::size_t end = end_of_head(request);
  if (end == std::string_view::npos) return "HTTP/1.1 408 Request Timeout\r\n\r\n";  // the gate would wait, then close
  if (end > m_gate->limits.max_head_bytes) return "HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n";
  if (!head_framing_problem(request.substr(0, end)).empty()) return "HTTP/1.1 400 Bad Request\r\n\r\n";
  MemoryStream stream(request);
  bool closed = false;
  process_request(stream, true, closed, nullptr);
  return stream.out();
}

void raise_open_file_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }
}

}  // namespace gongwen::app::serve
