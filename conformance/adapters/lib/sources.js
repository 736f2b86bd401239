'use strict';
// Byte sources for libraries that read a stream rather than take feed() calls: each chunk is
// its own read, in order, then the end of the stream.

// A WHATWG ReadableStream that hands out one chunk per pull (never two chunks merged).
function chunk_stream(chunks) {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < chunks.length) {
        controller.enqueue(chunks[next++]);
      } else {
        controller.close();
      }
    },
  }, {highWaterMark: 0});
}

// A fetch Response whose body is those chunks, as a server would have sent them.
function chunk_response(chunks) {
  return new Response(chunk_stream(chunks), {status: 200, headers: {'content-type': 'text/event-stream'}});
}

module.exports = {chunk_stream, chunk_response};
