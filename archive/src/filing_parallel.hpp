#pragma once
// Runs work(i) for i in [0, n) on the machine's cores. Each index is handled once; results
// go into slots the caller indexes by i, so the output order (and bytes) never depend on
// scheduling. The first exception is rethrown after every worker stopped.
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gongwen::archive {

inline void parallel_for(std::size_t n, const std::function<void(std::size_t)>& work) {
  const std::size_t threads =
      std::min<std::size_t>(n, std::max(1u, std::min(4u, std::thread::hardware_concurrency())));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&] {
    for (std::size_t i; !stop && (i = next++) < n;) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        stop = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace gongwen::archive
