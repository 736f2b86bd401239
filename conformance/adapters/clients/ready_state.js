'use strict';
// Reports a client's readyState (docs/client-protocol.md: 0 CONNECTING, 1 OPEN, 2 CLOSED): the
// state right after construction, then every change. Adapters call check() in each callback of
// the client; a 20 ms timer catches the changes a library makes without any callback (a
// reconnection attempt that sets CONNECTING silently, CLOSED set after the error event fired).

const kPollMs = 20;

class ReadyStateWatch {
  // `read()` returns the client's state as 0, 1 or 2; `report` is the stream's reporter.
  constructor(read, report) {
    this.read_ = read;
    this.report_ = report;
    this.last_ = null;
    this.stopped_ = false;
    this.complained_ = false;
    this.check();
    this.timer_ = setInterval(() => this.check(), kPollMs);
  }

  // Reports the state if it changed; returns it (null when the library gave no valid state).
  check() {
    if (this.stopped_) return this.last_;
    const state = this.read_();
    if (state !== 0 && state !== 1 && state !== 2) {
      // The protocol carries 0, 1 or 2 only; a library giving anything else is shown on stderr
      // rather than turned into a made-up state.
      if (!this.complained_) {
        this.complained_ = true;
        process.stderr.write(`readyState ${JSON.stringify(state)} is not 0, 1 or 2: not reported\n`);
      }
      return null;
    }
    if (state !== this.last_) {
      this.last_ = state;
      this.report_('readyState', {readyState: state});
    }
    return state;
  }

  // Stops watching before the adapter closes the client: the CLOSED state that close() sets is
  // the runner's doing, not the client's behaviour, so it is not reported.
  stop() {
    this.stopped_ = true;
    clearInterval(this.timer_);
  }
}

module.exports = {ReadyStateWatch};
