'use strict';
// ssespec-client/1 adapter (docs/client-protocol.md) for eventsource-client 1.2.0:
//   node conformance/adapters/clients/eventsource-client.js
// Its own API, createEventSource({url, method, headers, body, onMessage, onConnect,
// onScheduleReconnect, onDisconnect}): any method, headers and body (README), reconnection with
// Last-Event-ID and the stream's `retry` (2 s before any), a readyState string.
// What is reported:
// - `event`: each onMessage call (one callback for every type); type `message` where the event
//   has none; lastEventId is the client's `lastEventId`, its persistent last event ID;
// - `open`: each onConnect call (it fires for every response, whatever the status);
// - `error`: the client has no error event; its notices of a lost connection are
//   onScheduleReconnect (a drop, an end) and onDisconnect (an end, a 204). An end calls both, one
//   right after the other, and counts once;
// - `readyState`: "connecting" 0, "open" 1, "closed" 2.
const {serve_client} = require('../lib/client_protocol');
const {package_version} = require('../lib/protocol');
const {ReadyStateWatch} = require('./ready_state');

const kStates = {connecting: 0, open: 1, closed: 2};

function make_open(create_event_source) {
  return (command, report) => {
    let client = null;
    let watch = null;
    // One `error` per lost connection: the second notice of the same one comes in the same tick.
    let noticed = false;
    const lost = (message) => {
      if (noticed) return;
      noticed = true;
      queueMicrotask(() => { noticed = false; });
      report('error', {readyState: watch.check() ?? undefined, message});
    };
    const options = {
      url: command.url,
      method: command.method,
      headers: {...command.headers},
      onMessage: (message) => {
        watch.check();
        report('event', {type: message.event || 'message', data: message.data, lastEventId: client.lastEventId});
      },
      onConnect: () => {
        watch.check();
        report('open');
      },
      onScheduleReconnect: ({delay}) => lost(`reconnecting in ${delay} ms`),
      onDisconnect: () => lost('disconnected'),
    };
    if (command.body !== null) options.body = command.body;
    // It starts a fetch and returns: no callback runs before `client` and `watch` are set.
    client = create_event_source(options);
    watch = new ReadyStateWatch(() => kStates[client.readyState], report);
    return {
      close: () => {
        watch.stop();
        client.close();
      },
    };
  };
}

async function main() {
  let create_event_source;
  try {
    ({createEventSource: create_event_source} = await import('eventsource-client'));
  } catch (error) {
    process.stderr.write(`eventsource-client: ${error.message}\n`);
    process.exit(1);
  }
  serve_client({name: 'eventsource-client', version: package_version('eventsource-client'),
                capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers', 'post']},
               make_open(create_event_source));
}

main();
