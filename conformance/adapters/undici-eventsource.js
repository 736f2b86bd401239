'use strict';
// undici's EventSource client (WHATWG EventSource over undici's fetch), driven through a loopback
// HTTP server: the chunks are the response body. `--package undici-7` / `undici-6` drives an
// older line. Events carry the persistent last event ID; retry and comments are not exposed;
// timing over TCP gives no chunk index. (Its parser alone: undici-stream.js.)
const {serve, package_version, package_argument} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');
const {collect_events} = require('./lib/event_source');

const package_name = package_argument('undici');
const {EventSource} = require(package_name);
const server = new LoopbackServer({pause_ms: pause_argument(1)});

serve({
  name: 'undici EventSource', version: package_version(package_name), capabilities: ['last-event-id'],
  start: () => server.start(), stop: () => server.stop(),
  parse: (chunks, out) => collect_events((url) => new EventSource(url), server, chunks, out),
  timeout_ms: (chunks) => server.time_budget_ms(chunks),
});
