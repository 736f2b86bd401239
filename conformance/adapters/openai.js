'use strict';
// The openai SDK's server-sent events decoder: `_iterSSEMessages(response, controller)` from
// `openai/core/streaming` (what `Stream.fromSSEResponse` reads before parsing JSON payloads),
// given a Response whose body yields one chunk per read. It reports event name and data only:
// no id, no retry, no comments; asynchronous, so no chunk index.
const {serve, package_version} = require('./lib/protocol');
const {chunk_response} = require('./lib/sources');
const {_iterSSEMessages: iterate_messages} = require('openai/core/streaming');

async function parse(chunks, out) {
  for await (const message of iterate_messages(chunk_response(chunks), new AbortController())) {
    // A null event is the SDK's way of saying "no event field".
    out.event(message.event === null ? 'message' : message.event, message.data, '');
  }
}

serve({name: 'openai', version: package_version('openai'), capabilities: [], parse, timeout_ms: 25000});
