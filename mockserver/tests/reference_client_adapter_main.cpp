// The reference client adapter as its own small program, so the mockserver tests do not depend on
// the whole CLI (`ssespec client-adapter` is the same function).
#include "client_adapter.h"

#include <csignal>
#include <iostream>

int main() {
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  return ssespec::client::serve_client_adapter(std::cin, std::cout);
}
