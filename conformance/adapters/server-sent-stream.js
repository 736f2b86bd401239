'use strict';
// @server-sent-stream/parser: a push parser fed strings. As its documentation asks, bytes go
// through a streaming TextDecoder first; each chunk is one push(), then end(). Its callback
// receives the persistent last event ID.
const {serve, feed_sync, decode_utf8_stream, package_version} = require('./lib/protocol');
const EventStreamParser = require('@server-sent-stream/parser').default;

function parse(chunks, out) {
  const parser = new EventStreamParser((data, type, last_event_id) => out.event(type, data, last_event_id));
  const pieces = decode_utf8_stream(chunks);
  feed_sync(chunks, out, (_, i) => parser.push(pieces[i]), () => {
    if (pieces[chunks.length] !== '') parser.push(pieces[chunks.length]);
    parser.end();
  });
}

serve({name: '@server-sent-stream/parser', version: package_version('@server-sent-stream/parser'),
       capabilities: ['last-event-id', 'chunk-index'], parse});
