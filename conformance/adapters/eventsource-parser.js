'use strict';
// eventsource-parser (https://github.com/rexxars/eventsource-parser): a push parser fed strings.
// `--package eventsource-parser-3` or `-1` drives an older major line installed side by side.
// Fed as its README shows: bytes through a streaming TextDecoder, each chunk one feed() call.
// Its events carry only the id field of their own block, so no `last-event-id` capability.
const {serve, feed_sync, decode_utf8_stream, package_version, package_real_name, package_argument} = require('./lib/protocol');

const package_name = package_argument('eventsource-parser');

async function main() {
  const library = await import(package_name);
  const version = package_version(package_name);
  const major = Number(version.split('.')[0]);
  // Before 2.0 the parser took one callback for events and reconnection intervals, and had no
  // comment callback.
  const legacy = major < 2;
  const capabilities = legacy ? ['retry', 'chunk-index'] : ['retry', 'comments', 'chunk-index'];

  function parse(chunks, out) {
    let parser;
    const on_event = (event) => out.event(event.event || 'message', event.data, event.id);
    if (legacy) {
      parser = library.createParser((item) => {
        if (item.type === 'event') on_event(item);
        else if (item.type === 'reconnect-interval') out.add_retry(item.value);
      });
    } else {
      parser = library.createParser({
        onEvent: on_event,
        onRetry: (value) => out.add_retry(value),
        onComment: (value) => out.comment(value),
      });
    }
    const pieces = decode_utf8_stream(chunks);
    feed_sync(chunks, out, (_, i) => parser.feed(pieces[i]), () => {
      // The decoder's tail (U+FFFD for a truncated sequence) arrives when the stream ends;
      // the parser itself has no end-of-stream call.
      if (pieces[chunks.length] !== '') parser.feed(pieces[chunks.length]);
    });
  }

  await serve({name: package_real_name(package_name), version, capabilities, parse});
}

main();
