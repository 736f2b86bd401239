'use strict';
// ssespec-client/1 adapter (docs/client-protocol.md) for the clients shaped like the browser's
// EventSource: constructor(url, init), open/error/message events, readyState, close().
//   node conformance/adapters/clients/event-source.js --library NAME
// NAME is a row of kLibraries below. Each client runs as the library runs it; the adapter only
// watches: every event the client dispatches is seen where the client dispatches it
// (dispatchEvent, or emit for the EventEmitter-based eventsource 2), whatever its type, so no
// listener by name is needed; readyState is read at each dispatch and every 20 ms.
const {spawn} = require('node:child_process');
const EventEmitter = require('node:events');
const {serve_client, Unsupported, event_types} = require('../lib/client_protocol');
const {package_version} = require('../lib/protocol');
const {ReadyStateWatch} = require('./ready_state');

// Extra request headers through an undici dispatcher, the way undici's docs/api/EventSource.md
// shows it (an Agent whose dispatch() adds them). One per stream, destroyed with it.
function undici_header_init(undici, headers) {
  class HeaderAgent extends undici.Agent {
    dispatch(options, handler) {
      for (const [name, value] of Object.entries(headers)) options.headers[name] = value;
      return super.dispatch(options, handler);
    }
  }
  const dispatcher = new HeaderAgent();
  return {init: {dispatcher}, cleanup: () => dispatcher.destroy().catch(() => {})};
}

function undici_row(package_name) {
  let undici = null;
  return {
    name: 'undici EventSource', version: () => package_version(package_name),
    // It reconnects after an end or a drop, sends Last-Event-ID, takes `retry`, keeps readyState;
    // headers through a dispatcher (its docs); GET only.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers'],
    load: () => {
      try {
        undici = require(package_name);
      } catch (error) {
        const engines = require(`${package_name}/package.json`).engines || {};
        throw new Error(`${package_name} ${package_version(package_name)} cannot be loaded on Node ${process.version} ` +
                        `(its package.json asks for node ${engines.node || '(not given)'}): ${error}`);
      }
      return undici.EventSource;
    },
    init: (command) => (Object.keys(command.headers).length ? undici_header_init(undici, command.headers) : {}),
  };
}

// name -> how to load the client, what it can do, and how to hand it a command's request.
// `init(command)` returns {init (the constructor's second argument), cleanup (optional)}; it is
// only called for what `capabilities` covers (the rest is `unsupported` before it).
const kLibraries = {
  'eventsource': {
    name: 'eventsource', version: () => package_version('eventsource'),
    // Spec-shaped: reconnects, Last-Event-ID, retry, readyState. Headers through its documented
    // `fetch` option ("Setting HTTP request headers" in its README); no method or body.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers'],
    load: async () => (await import('eventsource')).EventSource,
    init: (command) => {
      if (!Object.keys(command.headers).length) return {};
      const headers = command.headers;
      return {init: {fetch: (input, init) => fetch(input, {...init, headers: {...init.headers, ...headers}})}};
    },
  },
  'eventsource-2': {
    name: 'eventsource', version: () => package_version('eventsource-2'),
    // Its own http client: reconnects (1 s by default), Last-Event-ID, retry, readyState; the
    // `headers` init option (README "Setting HTTP request headers"); GET only.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers'],
    load: () => require('eventsource-2'),
    emitter: true,
    init: (command) => (Object.keys(command.headers).length ? {init: {headers: {...command.headers}}} : {}),
  },
  'undici': undici_row('undici'),
  'undici-7': undici_row('undici-7'),
  'undici-6': undici_row('undici-6'),
  'node': {
    name: 'node EventSource', version: () => `${process.version} (undici ${process.versions.undici})`,
    // undici's EventSource inside Node; Node exposes no undici Agent to add headers with.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state'],
    load: () => globalThis.EventSource,
    init: () => ({}),
  },
  'event-source-polyfill': {
    name: 'event-source-polyfill', version: () => package_version('event-source-polyfill'),
    // EventSourcePolyfill (in Node the package's `EventSource`/`NativeEventSource` exports are the
    // global EventSource, absent here), on Node's fetch. It reconnects, takes `retry` (clamped to
    // 1 s..5 h, doubled after each failed attempt), keeps readyState, has a `headers` option. It
    // sends the last event ID on reconnection as its README says: in the query string
    // (?lastEventId=), not as the Last-Event-ID header; `last-event-id` is claimed so that the
    // scenarios show it.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers'],
    load: () => require('event-source-polyfill').EventSourcePolyfill,
    init: (command) => (Object.keys(command.headers).length ? {init: {headers: {...command.headers}}} : {}),
  },
  'extended-eventsource': {
    name: 'extended-eventsource', version: () => package_version('extended-eventsource'),
    // fetch-based; its options are a RequestInit (headers, method, body: dist/eventsource.d.ts),
    // sent again on each reconnection; reconnects (5 s by default), Last-Event-ID, retry.
    capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state', 'custom-headers', 'post'],
    load: () => require('extended-eventsource').EventSource,
    init: (command) => {
      const init = {};
      if (Object.keys(command.headers).length) init.headers = {...command.headers};
      if (command.method !== 'GET') init.method = command.method;
      if (command.body !== null) init.body = command.body;
      return {init};
    },
  },
};

function library_argument() {
  const index = process.argv.indexOf('--library');
  const name = index === -1 ? undefined : process.argv[index + 1];
  if (!name || !Object.hasOwn(kLibraries, name)) {
    process.stderr.write(`usage: event-source.js --library NAME, NAME one of: ${Object.keys(kLibraries).join(', ')}` +
                         `${name ? ` (not ${JSON.stringify(name)})` : ''}\n`);
    process.exit(2);
  }
  return name;
}

// Node 20 and 22 have a global EventSource only with --experimental-eventsource: run again with it.
function reexec_with_eventsource_flag() {
  if (process.execArgv.includes('--experimental-eventsource')) {
    process.stderr.write(`node ${process.version} has no global EventSource, even with --experimental-eventsource\n`);
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--experimental-eventsource', ...process.execArgv, ...process.argv.slice(1)],
                      {stdio: 'inherit'});
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`could not run node --experimental-eventsource: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code === null ? (signal ? 1 : 0) : code));
}

// Error events carry a message in some libraries (eventsource's ErrorEvent, eventsource 2's
// Event, the polyfill's `error`); the spec's Event has none.
function error_message(event) {
  if (typeof event.message === 'string') return event.message;
  if (event.error && typeof event.error.message === 'string') return event.error.message;
  return '';
}

function make_open(row, EventSource) {
  return (command, report) => {
    const caps = row.capabilities;
    if ((command.method !== 'GET' || command.body !== null) && !caps.includes('post')) {
      throw new Unsupported(`${row.name} sends GET requests without a body only (asked: ${command.method}` +
                            `${command.body !== null ? ' with a body' : ''})`);
    }
    if (Object.keys(command.headers).length && !caps.includes('custom-headers')) {
      throw new Unsupported(`${row.name} cannot send extra request headers`);
    }
    const {init, cleanup} = row.init(command);
    const source = init === undefined ? new EventSource(command.url) : new EventSource(command.url, init);
    const watch = new ReadyStateWatch(() => source.readyState, report);
    const reported = new WeakSet();

    const on_dispatch = (event) => {
      watch.check();
      if (!event || typeof event !== 'object') return;
      reported.add(event);
      // An event of the stream is a MessageEvent with string data (`event: error` in the stream
      // included); the client's own open and error notifications carry no data.
      if (typeof event.data === 'string') {
        report('event', {type: event.type, data: event.data, lastEventId: event.lastEventId});
      } else if (event.type === 'open') {
        report('open');
      } else if (event.type === 'error') {
        report('error', {readyState: watch.check() ?? undefined, message: error_message(event)});
      } else {
        process.stderr.write(`${row.name} dispatched ${JSON.stringify(event.type)} without data: not reported\n`);
      }
    };

    if (row.emitter) {
      // eventsource 2 emits an event only when someone listens to its type, and an `error`
      // emitted with no listener throws: report every emit, pass it on only to real listeners.
      const listeners = EventEmitter.prototype.listeners;
      source.listeners = (type) => {
        const real = listeners.call(source, type);
        return real.length ? real : [() => {}];
      };
      source.emit = (type, event, ...rest) => {
        on_dispatch(event && typeof event === 'object' ? event : {type});
        const handled = source.listenerCount(type) ? EventEmitter.prototype.emit.call(source, type, event, ...rest) : false;
        watch.check();
        return handled;
      };
    } else {
      const dispatch = source.dispatchEvent;
      source.dispatchEvent = function(event) {
        on_dispatch(event);
        const result = dispatch.call(this, event);
        watch.check();
        return result;
      };
    }
    // A check of the hook above: a listener for each type the scenario expects must never see an
    // event the hook missed (a library version that dispatches some other way would).
    for (const type of event_types(command)) {
      source.addEventListener(type, (event) => {
        if (typeof event.data !== 'string' || reported.has(event)) return;
        process.stderr.write(`${row.name}: a ${JSON.stringify(type)} event bypassed the dispatch hook\n`);
        reported.add(event);
        report('event', {type: event.type, data: event.data, lastEventId: event.lastEventId});
      });
    }

    return {
      close: async () => {
        watch.stop();
        source.close();
        if (cleanup) await cleanup();
      },
    };
  };
}

async function main() {
  const library = library_argument();
  if (library === 'node' && typeof globalThis.EventSource !== 'function') {
    reexec_with_eventsource_flag();
    return;
  }
  const row = kLibraries[library];
  let EventSource;
  try {
    EventSource = await row.load();
    if (typeof EventSource !== 'function') throw new Error('the package has no EventSource constructor');
  } catch (error) {
    process.stderr.write(`${library}: ${error.message}\n`);
    process.exit(1);
  }
  serve_client({name: row.name, version: row.version(), capabilities: row.capabilities}, make_open(row, EventSource));
}

main();
