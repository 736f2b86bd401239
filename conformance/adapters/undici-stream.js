'use strict';
// undici's event-stream parser, EventSourceStream (lib/web/eventsource/eventsource-stream.js):
// the Transform stream its EventSource pipes the response body through. Reached by its file
// path (undici has no "exports" map, so the file is part of what the package ships, but it is
// not a documented API). `--package undici-7` / `undici-6` drives an older line.
// Each chunk is one write(); a Transform processes a write synchronously when nothing is queued,
// and the `push` hook hands out events as they are dispatched, so chunk indices are exact.
// The settings object it updates holds the persistent last event ID and the reconnection time.
const {serve, package_version, package_argument} = require('./lib/protocol');

const package_name = package_argument('undici');
const {EventSourceStream} = require(`${package_name}/lib/web/eventsource/eventsource-stream.js`);

function parse(chunks, out) {
  return new Promise((resolve, reject) => {
    let reconnection_time;
    const settings = {lastEventId: '', origin: 'http://127.0.0.1'};
    // Every assignment of a reconnection time is one retry value, in order.
    Object.defineProperty(settings, 'reconnectionTime', {
      get: () => reconnection_time,
      set: (value) => { reconnection_time = value; out.add_retry(value); },
    });
    const stream = new EventSourceStream({
      eventSourceSettings: settings,
      push: (event) => {
        if (event === null) return true;  // end of the readable side
        out.event(event.type, event.options.data, event.options.lastEventId);
        return true;
      },
    });
    stream.on('error', reject);
    for (let i = 0; i < chunks.length; ++i) {
      out.chunk = i;
      stream.write(Buffer.from(chunks[i]));
      // The library failed the stream (e.g. one of its size limits): that is its answer.
      if (stream.errored) {
        reject(stream.errored);
        return;
      }
      // The chunk index is exact only if the write was processed before write() returned.
      if (stream.writableLength !== 0) {
        reject(new Error(`chunk ${i} was queued instead of parsed at once: chunk indices would be wrong`));
        return;
      }
    }
    out.chunk = chunks.length;
    stream.end(() => { out.chunk = null; resolve(); });
  });
}

serve({name: 'undici EventSourceStream', version: package_version(package_name),
       capabilities: ['retry', 'last-event-id', 'chunk-index'], parse, timeout_ms: 25000});
