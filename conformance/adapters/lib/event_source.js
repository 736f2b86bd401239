'use strict';
// Drives an EventSource-shaped client (constructor(url), addEventListener, close) against one
// loopback stream and records the events it dispatches. The stream ends, the client announces
// the lost connection with an `error` event and would reconnect: it is closed at that first
// error, which is where the stream's end is.

const {candidate_event_types} = require('./loopback');

// How long after the server ended the response a client may take to report the end.
const kEndGraceMs = 3000;

function collect_events(create, server, chunks, out) {
  const stream = server.add_stream(chunks);
  return new Promise((resolve, reject) => {
    let source;
    let finished = false;
    let grace = null;
    const finish = (error) => {
      if (finished) return;
      finished = true;
      if (grace) clearTimeout(grace);
      try { source.close(); } catch (_) { /* closing twice is harmless */ }
      server.remove_stream(stream.path);
      if (error) reject(error); else resolve();
    };
    try {
      source = create(stream.url);
    } catch (error) {
      finish(error);
      return;
    }
    const on_event = (event) => {
      // `event: error` or `event: open` in the stream come as MessageEvents with string data;
      // the client's own error and open notifications have no data.
      if (typeof event.data !== 'string') {
        if (event.type === 'error') finish();
        return;
      }
      out.event(event.type, event.data, event.lastEventId);
    };
    const types = new Set(candidate_event_types(chunks));
    types.add('error');
    for (const type of types) source.addEventListener(type, on_event);
    stream.done.then(() => {
      grace = setTimeout(() => finish(new Error(`client reported no error within ${kEndGraceMs} ms of the end of the stream`)),
                         kEndGraceMs);
    });
  });
}

module.exports = {collect_events};
