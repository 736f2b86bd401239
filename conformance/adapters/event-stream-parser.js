'use strict';
// event-stream-parser: parse(ReadableStream<Uint8Array>) gives a ReadableStream of MessageEvent
// (type, data, lastEventId). Fed one chunk per read; asynchronous, so no chunk index. It
// decodes bytes itself and keeps the last event ID across events.
const {serve, package_version} = require('./lib/protocol');
const {chunk_stream} = require('./lib/sources');
const {parse: parse_stream} = require('event-stream-parser');

async function parse(chunks, out) {
  const events = await parse_stream(chunk_stream(chunks));
  for await (const event of events) out.event(event.type, event.data, event.lastEventId);
}

serve({name: 'event-stream-parser', version: package_version('event-stream-parser'), capabilities: ['last-event-id'],
       parse, timeout_ms: 25000});
