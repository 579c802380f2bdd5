#pragma once
// The web desk's HTTP server: cpp-httplib's request handling behind a gate that holds every
// connection while its request head is still arriving (issue 13 #8, slow headers).
//
// httplib 0.11 (Debian 12) gives each connection a pool thread for its whole life, and its read
// timeout restarts with every byte: 40 connections that send a header line every 5 s took all
// 32 threads and the desk stopped answering. Here one thread waits (epoll) on every connection
// until a whole head has arrived, within a deadline counted from the first byte it waits for;
// only then does a worker thread run the request (httplib's own parsing and routing), after
// which a kept-alive connection goes back to the gate. Slow or idle connections cost a file
// descriptor and a buffer, never a thread; the gate holds at most `max_waiting` of them and
// drops the longest-waiting one first. A request's body is read by its worker, bounded by a
// minimum rate (GateLimits::min_body_rate): a slow body holds a worker for seconds, not minutes.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>

namespace gongwen::app::serve {

struct GateLimits {
  int workers = 32;                                 // requests run at once
  std::chrono::seconds head_deadline{10};           // the whole head, or the connection is closed
  std::chrono::seconds idle_deadline{30};           // a kept-alive connection with no new request
  std::chrono::seconds request_deadline{300};       // reading the body and writing the reply
  std::chrono::seconds io_timeout{30};              // one read or write of the body or reply
  // A body must keep coming at `min_body_rate` bytes a second once `body_grace` has passed
  // (counted from the end of its head): a trickled body is answered 408 after about
  // `body_grace`; an upload at 64 KB/s or faster is never cut short (issue 13, slow bodies).
  std::chrono::seconds body_grace{10};
  std::size_t min_body_rate = 64 * 1024;
  std::size_t max_head_bytes = 64 * 1024;           // a longer head gets 431
  std::size_t max_waiting = 4000;                   // connections held by the gate
  int keep_alive_max = 1000;                        // requests on one connection
};

class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(GateLimits limits);
  ~GatedServer() override;
  // Closes every waiting connection and joins the gate and its workers; call after listen returns.
  void shut_gate();
  // The whole answer to `request` (raw bytes: head and body) as a connection would get it, with
  // the gate's head checks, on the calling thread: for the fuzz targets (tests/fuzz/http_*).
  std::string answer(std::string_view request);

 private:
  // httplib calls this on its accept thread (our task queue runs it inline): the connection
  // is handed to the gate, no thread waits on it.
  bool process_and_close_socket(socket_t sock) override;
  struct Gate;
  friend struct Gate;
  bool serve_one(int fd, std::string& buffered, bool last, bool& keep);  // runs httplib on one request
  std::unique_ptr<Gate> m_gate;
};

// Raises this process's open-file limit to its hard limit: every held connection is a descriptor.
void raise_open_file_limit();

}  // namespace gongwen::app::serve
