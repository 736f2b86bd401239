'use strict';
// @microsoft/fetch-event-source: its exported parse layer, getLines() and getMessages(), wired
// the way its fetchEventSource() wires them: bytes in, one onChunk() call per chunk, every
// message handed to onmessage. The layer has no end-of-stream call (fetchEventSource just stops
// reading). Messages carry the id field of their own block, so no `last-event-id` capability.
const {serve, feed_sync, package_version} = require('./lib/protocol');
const {getLines, getMessages} = require('@microsoft/fetch-event-source/lib/cjs/parse.js');

function parse(chunks, out) {
  const on_chunk = getLines(getMessages(
      () => {},
      (retry) => out.add_retry(retry),
      // An empty `event` is the library's way of saying "no event field": a consumer reads it as
      // the default type.
      (message) => out.event(message.event || 'message', message.data, message.id)));
  feed_sync(chunks, out, (chunk) => on_chunk(chunk));
}

serve({name: '@microsoft/fetch-event-source', version: package_version('@microsoft/fetch-event-source'),
       capabilities: ['retry', 'chunk-index'], parse});
