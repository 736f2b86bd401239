'use strict';
// @azure/core-sse: createSseStream() over a ReadableStream<Uint8Array>, one chunk per read.
// Asynchronous, so no chunk index. Each message carries the id field of its own block and the
// retry field of its own block (so a reconnection time is seen only on a dispatched message).
const {serve, package_version} = require('./lib/protocol');
const {chunk_stream} = require('./lib/sources');

let create_sse_stream;

async function parse(chunks, out) {
  for await (const message of create_sse_stream(chunk_stream(chunks))) {
    // An empty `event` is the library's way of saying "no event field".
    out.event(message.event || 'message', message.data, message.id);
    if (message.retry !== undefined) out.add_retry(message.retry);
  }
}

async function main() {
  ({createSseStream: create_sse_stream} = await import('@azure/core-sse'));
  await serve({name: '@azure/core-sse', version: package_version('@azure/core-sse'), capabilities: ['retry'],
               parse, timeout_ms: 25000});
}

main();
