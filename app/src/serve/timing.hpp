#pragma once
// Server-Timing figures for the benchmark (bench/web_bench.sh): wall time and this thread's
// CPU time. On the shared 2-core machine a request's wall time is mostly waiting for a core,
// so the CPU time is what tells where the work is.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace gongwen::app::serve {

class Stopwatch {
 public:
  Stopwatch() : m_wall(std::chrono::steady_clock::now()), m_cpu(thread_cpu_ms()) {}
  double wall_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_wall).count();
  }
  double cpu_ms() const { return thread_cpu_ms() - m_cpu; }
  // "NAME;dur=WALL, NAME-cpu;dur=CPU"
  std::string header(const char* name) const { return entry(name, wall_ms()) + ", " + entry((std::string(name) + "-cpu").c_str(), cpu_ms()); }

  static std::string entry(const char* name, double ms) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s;dur=%.1f", name, ms);
    return buf;
  }

 private:
  static double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
  std::chrono::steady_clock::time_point m_wall;
  double m_cpu;
};

}  // namespace gongwen::app::serve
