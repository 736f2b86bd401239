// Ctrl-C for a run: SIGINT sets a flag that the runner checks between requests and that subprocess
// waits check while they wait, so a run stops within a fraction of a second, kills its adapters and
// still writes what it has.
#pragma once

namespace ssespec {

// Installs the SIGINT handler (the second Ctrl-C ends the process at once, as usual).
void install_interrupt_handler();
bool interrupted();
void request_interrupt(); // what the handler does; also for tests
void clear_interrupt();

} // namespace ssespec
