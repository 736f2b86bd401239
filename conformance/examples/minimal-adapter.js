#!/usr/bin/env node
// A minimal ssespec-adapter/1 adapter in Node.js (docs/adapter-protocol.md). The parser below stands
// in for yours: replace parse() with calls into your implementation, keeping the protocol loop.
'use strict';
const readline = require('node:readline');

const write = (object) => process.stdout.write(JSON.stringify(object) + '\n');
// Reconnection times are BigInts (the corpus checks values up to 2^64 - 1, past JavaScript's exact
// integers), so the response is written with them spliced in as plain JSON numbers.
const MAX_U64 = 2n ** 64n - 1n;
const writeResponse = (id, { events, retry, comments }) => process.stdout.write(
  JSON.stringify({ id, events, comments }).slice(0, -1) + ',"retry":[' + retry.join(',') + ']}\n');
write({ protocol: 'ssespec-adapter/1', name: 'minimal-node', version: '1',
        capabilities: ['retry', 'comments', 'last-event-id', 'chunk-index'] });

// Feeds each chunk separately and records what comes out, with the chunk it came out in.
function parse(chunks) {
  const events = [], retry = [], comments = [];
  const decoder = new TextDecoder('utf-8');  // WHATWG UTF-8: replacement characters, one BOM stripped
  let line = '', skipLf = false, data = '', hasData = false, type = '', idBuffer = '', lastId = '';
  const endLine = (chunk) => {
    const text = line;
    line = '';
    if (text === '') {  // a blank line dispatches
      lastId = idBuffer;
      if (hasData) events.push({ type: type || 'message', data: data.slice(0, -1), lastEventId: lastId, chunk });
      data = ''; hasData = false; type = '';
      return;
    }
    if (text[0] === ':') { comments.push(text.slice(1)); return; }
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (name === 'data') { data += value + '\n'; hasData = true; }
    else if (name === 'event') type = value;
    else if (name === 'id') { if (!value.includes('\0')) idBuffer = value; }
    else if (name === 'retry') { if (/^[0-9]+$/.test(value)) retry.push(BigInt(value) > MAX_U64 ? MAX_U64 : BigInt(value)); }
  };
  chunks.forEach((chunk, index) => {
    for (const c of decoder.decode(chunk, { stream: true })) {
      if (skipLf) { skipLf = false; if (c === '\n') continue; }
      if (c === '\r') { endLine(index); skipLf = true; }
      else if (c === '\n') endLine(index);
      else line += c;
    }
  });
  decoder.decode();  // the end of the stream: an unfinished line and event are discarded
  return { events, retry, comments };
}

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (text) => {
  if (text === '') return;
  let request;
  try {
    request = JSON.parse(text);
  } catch (error) {
    write({ id: '', error: 'malformed request: ' + error.message });
    return;
  }
  const chunks = request.chunks.map((chunk) => Buffer.from(chunk, 'base64'));
  writeResponse(request.id, parse(chunks));
});
