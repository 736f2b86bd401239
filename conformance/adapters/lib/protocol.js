'use strict';
// The ssespec-adapter/1 plumbing shared by every adapter in this folder (docs/adapters.md):
// the hello line, reading request lines, decoding base64 chunks, writing response lines.
// An adapter supplies only `parse(chunks, out)`, which feeds the chunks to its library and
// records what the library reported into `out`.

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const kProtocol = 'ssespec-adapter/1';
// Longest request line accepted; a longer one gets an error response, never silent truncation.
const kMaxRequestLine = 256 * 1024 * 1024;

// What one request produced. `chunk` is the index of the chunk being fed when something came
// out; adapters that feed synchronously set it, asynchronous ones leave it null.
class Output {
  constructor(chunk_count) {
    this.chunk_count = chunk_count;
    this.chunk = null;
    this.events = [];
    this.retry = [];
    this.comments = [];
  }

  event(type, data, last_event_id) {
    const entry = {type: text(type), data: text(data), lastEventId: text(last_event_id)};
    if (this.chunk !== null) entry.chunk = this.chunk;
    this.events.push(entry);
  }

  add_retry(value) {
    const number = Number(value);
    // The protocol carries non-negative integers; anything else the library reports is shown
    // as an error rather than dropped, so a library that reports nonsense is seen doing so.
    if (!Number.isInteger(number) || number < 0) {
      throw new Error(`library reported a reconnection time that is not a non-negative integer: ${String(value)}`);
    }
    if (!Number.isSafeInteger(number)) {
      throw new Error(`library reported a reconnection time of ${String(value)}, beyond 2^53: ` +
                      'it holds reconnection times as JavaScript numbers, which cannot hold this one exactly');
    }
    this.retry.push(number);
  }

  comment(value) { this.comments.push(text(value)); }
}

// Libraries hand back strings; JSON needs well-formed UTF-16 (a lone surrogate would make the
// runner reject the line), and undefined/null become "" the way a consumer would read them.
function text(value) {
  if (value === undefined || value === null) return '';
  return String(value).toWellFormed();
}

// Feeds chunks one by one through `feed(bytes, index)`, then `finish()`, recording the chunk
// index of everything reported meanwhile: for libraries that report synchronously.
function feed_sync(chunks, out, feed, finish) {
  for (let i = 0; i < chunks.length; ++i) {
    out.chunk = i;
    feed(chunks[i], i);
  }
  out.chunk = chunks.length;
  if (finish) finish();
  out.chunk = null;
}

// A streaming UTF-8 decoder as a library's own documentation uses it (TextDecoderStream or
// decode(..., {stream: true})): one BOM stripped, invalid bytes replaced, a code point split
// across chunks kept whole. Returns [pieces per chunk..., tail flushed at the end].
function decode_utf8_stream(chunks) {
  const decoder = new TextDecoder('utf-8');
  const pieces = chunks.map((chunk) => decoder.decode(chunk, {stream: true}));
  pieces.push(decoder.decode());
  return pieces;
}

function decode_request(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return {error: 'malformed request: not valid JSON'};
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return {error: 'malformed request: not a JSON object'};
  }
  const id = typeof request.id === 'string' ? request.id : undefined;
  if (id === undefined) return {error: 'malformed request: missing "id"'};
  if (!Array.isArray(request.chunks)) return {id, error: 'malformed request: "chunks" is not an array'};
  const chunks = [];
  for (let i = 0; i < request.chunks.length; ++i) {
    const chunk = request.chunks[i];
    if (typeof chunk !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(chunk) || chunk.length % 4 !== 0) {
      return {id, error: `malformed request: chunks[${i}] is not base64`};
    }
    chunks.push(new Uint8Array(Buffer.from(chunk, 'base64')));
  }
  return {id, chunks};
}

function encode_response(id, out) {
  const response = {id, events: out.events, retry: out.retry};
  if (out.with_comments) response.comments = out.comments;
  return JSON.stringify(response);
}

function error_message(error) {
  if (error instanceof Error) return error.message || String(error);
  return String(error);
}

// Runs the adapter loop. `adapter`: {name, version, capabilities, parse(chunks, out) (may be
// async), start() and stop() (optional, async: e.g. a browser or a server shared by all requests),
// timeout_ms (optional, a number or a function of the chunks: an asynchronous library that never
// finishes gets an error response)}.
async function serve(adapter) {
  // A library that throws from a callback or a timer must not take the adapter down silently:
  // the error is reported on stderr and fails the request in progress.
  let fail_current = null;
  const on_stray = (error) => {
    process.stderr.write(`${adapter.name}: uncaught: ${error && error.stack ? error.stack : error}\n`);
    if (fail_current) fail_current(error);
  };
  process.on('uncaughtException', on_stray);
  process.on('unhandledRejection', on_stray);
  // The runner went away (closed our stdout): nothing left to answer to.
  process.stdout.on('error', (error) => {
    process.stderr.write(`${adapter.name}: stdout: ${error.message}\n`);
    shutdown(adapter, 1);
  });

  try {
    if (adapter.start) await adapter.start();
  } catch (error) {
    process.stderr.write(`${adapter.name}: could not start: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  }
  const capabilities = adapter.capabilities;
  process.stdout.write(JSON.stringify({protocol: kProtocol, name: adapter.name, version: adapter.version,
                                       capabilities}) + '\n');

  const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity, terminal: false});
  for await (const line of lines) {
    if (line.trim() === '') continue;  // blank lines between requests are harmless
    let reply;
    if (line.length > kMaxRequestLine) {
      reply = JSON.stringify({error: `request line longer than ${kMaxRequestLine} bytes`});
    } else {
      const request = decode_request(line);
      if (request.error) {
        reply = JSON.stringify(request.id === undefined ? {id: '', error: request.error}
                                                        : {id: request.id, error: request.error});
      } else {
        const out = new Output(request.chunks.length);
        out.with_comments = capabilities.includes('comments');
        try {
          await new Promise((resolve, reject) => {
            fail_current = reject;
            let timer = null;
            // A number, or a function of the chunks for adapters whose time grows with their count.
            const timeout_ms = typeof adapter.timeout_ms === 'function' ? adapter.timeout_ms(request.chunks)
                                                                         : adapter.timeout_ms;
            if (timeout_ms) {
              timer = setTimeout(() => reject(new Error(`no end of stream from the library within ${timeout_ms} ms`)),
                                 timeout_ms);
            }
            Promise.resolve()
                .then(() => adapter.parse(request.chunks, out))
                .then(resolve, reject)
                .finally(() => { if (timer) clearTimeout(timer); });
          });
          reply = encode_response(request.id, out);
        } catch (error) {
          reply = JSON.stringify({id: request.id, error: `library error: ${error_message(error)}`});
        } finally {
          fail_current = null;
        }
      }
    }
    if (!process.stdout.write(reply + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
  await shutdown(adapter, 0);
}

// Stops what the adapter started (a browser, a server) and exits: a library's timers or sockets
// must not keep the process alive after its input has ended.
let shutting_down = false;
async function shutdown(adapter, code) {
  if (shutting_down) return;
  shutting_down = true;
  try {
    if (adapter.stop) await adapter.stop();
  } catch (error) {
    process.stderr.write(`${adapter.name}: stopping: ${error_message(error)}\n`);
  }
  process.exit(code);
}

// The installed version of a package under node_modules (the adapters report it in their hello).
function package_manifest(name) {
  const file = path.join(__dirname, '..', 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
function package_version(name) { return package_manifest(name).version; }
// The real name of a package installed under an alias (eventsource-parser-3 -> eventsource-parser).
function package_real_name(name) { return package_manifest(name).name; }

// `--package NAME` picks which installed copy an adapter drives (e.g. eventsource-parser-3).
function package_argument(default_name) {
  const index = process.argv.indexOf('--package');
  if (index === -1) return default_name;
  const name = process.argv[index + 1];
  if (!name) {
    process.stderr.write('--package needs a package name\n');
    process.exit(2);
  }
  return name;
}

module.exports = {Output, feed_sync, decode_utf8_stream, serve, package_version, package_real_name, package_argument, text};
