'use strict';
// extended-eventsource: an EventSource built on fetch (its own parser inside), driven through a
// loopback HTTP server: the chunks are the response body. It reports each reconnection time
// through onRetryDelayReceived, so `retry` is declared; events carry a last event ID.
// No comments; timing over TCP gives no chunk index.
const {serve, package_version} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');
const {collect_events} = require('./lib/event_source');
const {EventSource} = require('extended-eventsource');

const server = new LoopbackServer({pause_ms: pause_argument(1)});

function create(url, out) {
  // Its default logger writes every reconnection to the console; stdout belongs to the protocol.
  const source = new EventSource(url, {disableLogger: true});
  source.onRetryDelayReceived = (delay) => out.add_retry(delay);
  return source;
}

serve({
  name: 'extended-eventsource', version: package_version('extended-eventsource'), capabilities: ['retry', 'last-event-id'],
  start: () => server.start(), stop: () => server.stop(),
  parse: (chunks, out) => collect_events((url) => create(url, out), server, chunks, out),
  timeout_ms: (chunks) => server.time_budget_ms(chunks),
});
