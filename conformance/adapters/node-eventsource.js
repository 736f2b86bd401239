'use strict';
// Node's built-in EventSource (globalThis.EventSource, from the undici bundled with Node). In
// Node 20 and 22 it exists only with `--experimental-eventsource`, so run this adapter as
// `node --experimental-eventsource node-eventsource.js`. Driven through a loopback HTTP server;
// events carry the persistent last event ID; no retry, comments or chunk index.
const {serve} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');
const {collect_events} = require('./lib/event_source');

if (typeof globalThis.EventSource !== 'function') {
  process.stderr.write(`node ${process.version} has no global EventSource: run with --experimental-eventsource\n`);
  process.exit(2);
}
const server = new LoopbackServer({pause_ms: pause_argument(1)});

serve({
  name: 'node EventSource', version: `${process.version} (undici ${process.versions.undici})`,
  capabilities: ['last-event-id'],
  start: () => server.start(), stop: () => server.stop(),
  parse: (chunks, out) => collect_events((url) => new globalThis.EventSource(url), server, chunks, out),
  timeout_ms: (chunks) => server.time_budget_ms(chunks),
});
