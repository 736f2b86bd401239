'use strict';
// event-source-polyfill (Yaffle): the EventSource polyfill for browsers, run in Node, where it
// picks its fetch transport (Node has fetch and Response bodies). Driven through a loopback HTTP
// server: the chunks are the response body. Events carry the persistent last event ID; retry and
// comments are not exposed; timing over TCP gives no chunk index.
const {serve, package_version} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');
const {collect_events} = require('./lib/event_source');
const {EventSourcePolyfill} = require('event-source-polyfill');

const server = new LoopbackServer({pause_ms: pause_argument(1)});

serve({
  name: 'event-source-polyfill', version: package_version('event-source-polyfill'), capabilities: ['last-event-id'],
  start: () => server.start(), stop: () => server.stop(),
  parse: (chunks, out) => collect_events((url) => new EventSourcePolyfill(url), server, chunks, out),
  timeout_ms: (chunks) => server.time_budget_ms(chunks),
});
