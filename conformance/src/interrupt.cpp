#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace ssespec {
namespace {

std::atomic<bool> flag{false};

extern "C" void on_sigint(int) {
  flag.store(true);
  std::signal(SIGINT, SIG_DFL);
}

} // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_sigint);
}
bool interrupted() {
  return flag.load(std::memory_order_relaxed);
}
void request_interrupt() {
  flag.store(true);
}
void clear_interrupt() {
  flag.store(false);
}

} // namespace ssespec
