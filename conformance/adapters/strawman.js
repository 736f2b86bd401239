'use strict';
// The pattern often written by hand instead of using a parser: every network chunk is taken to
// hold whole messages, split on "\n\n", and each `data:` line's value is kept. It is here so
// the suite is seen to fail it: chunk boundaries inside a line, CR line endings, ids, event types
// and the one optional space are all handled wrongly or not at all.
const {serve, feed_sync} = require('./lib/protocol');

function parse(chunks, out) {
  feed_sync(chunks, out, (chunk) => {
    const text = new TextDecoder().decode(chunk);
    for (const message of text.split('\n\n')) {
      const data = message.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
      if (data.length > 0) out.event('message', data.join('\n'), '');
    }
  });
}

serve({name: 'strawman-chunk-per-message', version: '1.0.0', capabilities: ['chunk-index'], parse});
