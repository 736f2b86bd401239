'use strict';
// A tiny HTTP server on 127.0.0.1 (port chosen by the system) for libraries that can only be
// reached through a real connection (EventSource clients, the browser). Each request's chunks
// become one text/event-stream response: every chunk its own write with Nagle off and a short
// pause between writes, so chunks tend to arrive as separate reads (TCP gives no guarantee,
// which is why these adapters never claim `chunk-index`), then the response ends.
// A second connection to the same stream (a client reconnecting before it was closed) gets 204,
// which tells an EventSource to stop.

const http = require('node:http');

class LoopbackServer {
  constructor({pause_ms = 1} = {}) {
    this.pause_ms_ = pause_ms;
    this.streams_ = new Map();
    this.next_id_ = 0;
    this.pages_ = new Map();
    this.server_ = http.createServer((request, response) => this.handle_(request, response));
    // Sockets stay open between streams (keep-alive); never let them hold the process.
    this.server_.keepAliveTimeout = 5000;
  }

  async start() {
    await new Promise((resolve, reject) => {
      this.server_.once('error', reject);
      this.server_.listen(0, '127.0.0.1', resolve);
    });
    this.origin = `http://127.0.0.1:${this.server_.address().port}`;
  }

  async stop() {
    this.server_.closeAllConnections();
    await new Promise((resolve) => this.server_.close(resolve));
  }

  // Serves `body` (a string) with `type` at `path`: e.g. the blank page the browser loads.
  add_page(path, type, body) { this.pages_.set(path, {type, body}); }

  // Registers a stream; returns its URL and a promise that settles when its response has ended.
  add_stream(chunks) {
    const path = `/stream/${this.next_id_++}`;
    let ended;
    const done = new Promise((resolve) => { ended = resolve; });
    this.streams_.set(path, {chunks, served: false, ended});
    return {url: this.origin + path, path, done};
  }

  remove_stream(path) { this.streams_.delete(path); }

  handle_(request, response) {
    const url = request.url.split('?')[0];
    const page = this.pages_.get(url);
    if (page) {
      response.writeHead(200, {'content-type': page.type, 'cache-control': 'no-store'});
      response.end(page.body);
      return;
    }
    const stream = this.streams_.get(url);
    if (!stream) {
      response.writeHead(404, {'content-type': 'text/plain'});
      response.end('no such stream');
      return;
    }
    if (stream.served) {
      response.writeHead(204);
      response.end();
      return;
    }
    stream.served = true;
    this.send_(stream, request, response).catch((error) => {
      process.stderr.write(`loopback server: ${error.stack}\n`);
      response.destroy();
      stream.ended();
    });
  }

  async send_(stream, request, response) {
    request.socket.setNoDelay(true);
    response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store'});
    response.flushHeaders();
    for (let i = 0; i < stream.chunks.length; ++i) {
      // An empty write would not reach the client at all; an empty chunk changes nothing.
      if (stream.chunks[i].length === 0) continue;
      await this.pause_();
      if (response.destroyed) break;  // the client went away
      response.write(stream.chunks[i]);
    }
    await this.pause_();
    response.end(() => stream.ended());
  }

  // How long serving these chunks may reasonably take: the pauses, plus a margin per chunk for a
  // loaded machine, plus a fixed allowance for the client.
  time_budget_ms(chunks) { return 15000 + chunks.length * (this.pause_ms_ + 10); }

  pause_() {
    return new Promise((resolve) => (this.pause_ms_ > 0 ? setTimeout(resolve, this.pause_ms_) : setImmediate(resolve)));
  }
}

// `--pause-ms N` sets the pause between chunk writes.
function pause_argument(default_ms) {
  const index = process.argv.indexOf('--pause-ms');
  if (index === -1) return default_ms;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write('--pause-ms needs a non-negative integer\n');
    process.exit(2);
  }
  return value;
}

// EventSource delivers each event only to listeners of its type, and a page cannot list the types
// it will see. So listeners go on every name that any reading of the input could produce: the
// value of each `event` line under every line-ending convention (CRLF/CR/LF, LF only, CR only),
// with and without one leading space removed, decoded with and without the BOM stripped.
// Registering a type that never comes costs nothing; missing one would lose events.
function candidate_event_types(chunks) {
  const bytes = Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
  const texts = [new TextDecoder('utf-8').decode(bytes), new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)];
  const types = new Set(['message']);
  for (const text of texts) {
    for (const separator of [/\r\n|\r|\n/, /\n/, /\r/, /\r\n/]) {
      for (const line of text.split(separator)) {
        const colon = line.indexOf(':');
        const name = colon === -1 ? line : line.slice(0, colon);
        if (name.replace(/^\uFEFF/, '').replace(/[\r\n]/g, '') !== 'event') continue;
        const value = colon === -1 ? '' : line.slice(colon + 1);
        for (const candidate of [value, value.replace(/^ /, ''), value.trim(), value.replace(/\r$/, ''),
                                 value.replace(/^ /, '').replace(/\r$/, '')]) {
          if (candidate !== '') types.add(candidate);
        }
      }
    }
  }
  return [...types];
}

module.exports = {LoopbackServer, pause_argument, candidate_event_types};
