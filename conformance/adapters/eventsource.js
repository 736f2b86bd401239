'use strict';
// eventsource (https://github.com/EventSource/eventsource): the EventSource client for Node.
// Its parser is internal (v3 and later use eventsource-parser inside), so it is driven through
// a loopback HTTP server: the chunks are the response body. `--package eventsource-2` drives the
// 2.x line, which many projects still have installed. Events carry the persistent last event ID;
// retry and comments are not exposed; timing over TCP gives no chunk index.
const {serve, package_version, package_argument} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');
const {collect_events} = require('./lib/event_source');

const package_name = package_argument('eventsource');
const server = new LoopbackServer({pause_ms: pause_argument(1)});

async function main() {
  const library = await import(package_name);
  // 3.x and later export {EventSource}; 2.x exports the class itself.
  const EventSource = library.EventSource || library.default;
  await serve({
    name: 'eventsource', version: package_version(package_name), capabilities: ['last-event-id'],
    start: () => server.start(), stop: () => server.stop(),
    parse: (chunks, out) => collect_events((url) => new EventSource(url), server, chunks, out),
    timeout_ms: (chunks) => server.time_budget_ms(chunks),
  });
}

main();
