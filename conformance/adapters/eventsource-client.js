'use strict';
// eventsource-client (https://github.com/rexxars/eventsource-client): a fetch-based client with
// callbacks, driven through a loopback HTTP server: the chunks are the response body. onMessage
// gives type and data; the client's `lastEventId` (read inside onMessage) is its persistent last
// event ID; onComment gives comments. Reconnection times are not exposed (only the delay of the
// next reconnection), so no `retry`; timing over TCP gives no chunk index.
const {serve, package_version} = require('./lib/protocol');
const {LoopbackServer, pause_argument} = require('./lib/loopback');

const server = new LoopbackServer({pause_ms: pause_argument(1)});
let create_event_source;

function parse(chunks, out) {
  const stream = server.add_stream(chunks);
  return new Promise((resolve) => {
    const client = create_event_source({
      url: stream.url,
      onMessage: (message) => out.event(message.event || 'message', message.data, client.lastEventId),
      onComment: (comment) => out.comment(comment),
      // The stream ended: the client would reconnect; this is where the stream's end is.
      onDisconnect: () => {
        client.close();
        server.remove_stream(stream.path);
        resolve();
      },
    });
  });
}

async function main() {
  ({createEventSource: create_event_source} = await import('eventsource-client'));
  await serve({name: 'eventsource-client', version: package_version('eventsource-client'),
               capabilities: ['last-event-id', 'comments'], start: () => server.start(), stop: () => server.stop(),
               parse, timeout_ms: (chunks) => server.time_budget_ms(chunks)});
}

main();
