'use strict';
// ssespec-client/1 adapter (docs/client-protocol.md) for @microsoft/fetch-event-source 2.0.1:
//   node conformance/adapters/clients/fetch-event-source.js
// fetchEventSource(url, {method, headers, body, signal, onopen, onmessage, onclose, onerror}):
// any method, headers and body (its README). Its own behaviour, which the adapter leaves alone:
// - after an error (a dropped connection, an onopen that throws) it calls onerror and, when that
//   returns nothing, tries again after the stream's `retry` (1 s before any), sending the last
//   `id` it saw as Last-Event-ID;
// - after a clean end it calls onclose and stops: it reconnects only if onclose throws, which
//   is the application's choice, so the adapter's onclose does not;
// - it has no readyState, and hands every blank-line block to onmessage (empty ones too), each
//   with the `id` field of its own block.
// What is reported: `open` when onopen resolves (the adapter's onopen makes the library's default
// check: a Content-Type starting with text/event-stream, nothing about the status), `error` for
// each onerror call, `event` for each onmessage call (type `message` where the block has none).
const {serve_client} = require('../lib/client_protocol');
const {package_version} = require('../lib/protocol');

// It is written for browsers: it reads `window.fetch`, `window.setTimeout`/`clearTimeout` and
// subscribes to `document`'s visibilitychange. In Node the page is never hidden.
function install_browser_shims() {
  if (globalThis.window === undefined) {
    globalThis.window = {
      fetch: (...args) => fetch(...args),
      setTimeout: (...args) => setTimeout(...args),
      clearTimeout: (...args) => clearTimeout(...args),
    };
  }
  if (globalThis.document === undefined) {
    globalThis.document = {hidden: false, addEventListener: () => {}, removeEventListener: () => {}};
  }
}

function make_open(fetch_event_source, event_stream_type) {
  return (command, report) => {
    const controller = new AbortController();
    const options = {
      method: command.method,
      headers: {...command.headers},
      signal: controller.signal,
      onopen: async (response) => {
        // The library's default onopen (defaultOnOpen in lib/cjs/fetch.js) makes this check and
        // no other; an onopen that throws goes to onerror and a retry.
        const type = response.headers.get('content-type');
        if (!type || !type.startsWith(event_stream_type)) {
          throw new Error(`Expected content-type to be ${event_stream_type}, Actual: ${type}`);
        }
        report('open');
      },
      onmessage: (message) => {
        report('event', {type: message.event || 'message', data: message.data, lastEventId: message.id});
      },
      onclose: () => {
        process.stderr.write(`${command.id}: onclose: the response ended; the library does not reconnect by itself\n`);
      },
      onerror: (error) => {
        report('error', {message: error && error.message ? error.message : String(error)});
        // Nothing returned: the library retries after its reconnection interval.
      },
    };
    if (command.body !== null) options.body = command.body;
    fetch_event_source(command.url, options).catch((error) => {
      process.stderr.write(`${command.id}: fetchEventSource rejected: ${error && error.stack ? error.stack : error}\n`);
    });
    return {close: () => controller.abort()};
  };
}

function main() {
  install_browser_shims();
  let library;
  try {
    library = require('@microsoft/fetch-event-source');
  } catch (error) {
    process.stderr.write(`@microsoft/fetch-event-source: ${error.message}\n`);
    process.exit(1);
  }
  serve_client({name: '@microsoft/fetch-event-source', version: package_version('@microsoft/fetch-event-source'),
                // No ready-state: it has none. `reconnect`: after a dropped connection, by itself.
                capabilities: ['reconnect', 'last-event-id', 'retry', 'custom-headers', 'post']},
               make_open(library.fetchEventSource, library.EventStreamContentType));
}

main();
