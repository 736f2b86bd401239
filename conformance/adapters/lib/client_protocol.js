'use strict';
// The ssespec-client/1 plumbing shared by the client-level adapters in ../clients/
// (docs/client-protocol.md): the hello line, reading command lines, writing records with their
// time stamps, `unsupported` for what a client cannot do, closing every stream at the end of stdin.
// An adapter supplies only `open(command, report)`, which starts its client on the command's URL,
// reports what the client does through `report(kind, fields)` and returns an object whose
// `close()` (sync or async) stops it.

const readline = require('node:readline');

const kProtocol = 'ssespec-client/1';
// Longest command line accepted; a longer one gets a bad-command record, never silent truncation.
const kMaxCommandLine = 1024 * 1024;
// At the end of stdin, how long closing the streams may take before the adapter goes on to exit
// (the runner kills the adapter's process group 2 s after closing its stdin).
const kShutdownMs = 1500;

const start = performance.now();

// Thrown by an adapter's open() when its client cannot do what the command asks (a method, a body,
// headers): the runner records the scenario as skipped.
class Unsupported extends Error {}

// Strings from libraries may hold lone surrogates, which JSON.stringify would escape into text the
// runner's strict UTF-8 reader rejects; consumers see them as U+FFFD, so the record does too.
function text(value) {
  if (value === undefined || value === null) return '';
  return String(value).toWellFormed();
}

const kTextFields = new Set(['type', 'data', 'lastEventId', 'message']);

function write_line(object) { process.stdout.write(JSON.stringify(object) + '\n'); }

function make_reporter(id) {
  let closed = false;
  const report = (kind, fields = {}) => {
    if (closed) return;  // the runner ignores records after `closed`; so do we
    const record = {id, kind};
    for (const [key, value] of Object.entries(fields)) {
      // The protocol's string fields are always strings: a library's undefined id or data is
      // read as "" by its users, and a missing `data` would make the runner reject the record.
      record[key] = typeof value === 'string' || kTextFields.has(key) ? text(value) : value;
    }
    record.t = performance.now() - start;
    write_line(record);
  };
  report.finish = () => {
    report('closed');
    closed = true;
  };
  return report;
}

function check_command(command) {
  if (command === null || typeof command !== 'object' || Array.isArray(command)) return 'a command is a JSON object';
  if (typeof command.id !== 'string') return '"id" must be a string';
  if (command.cmd !== 'open' && command.cmd !== 'close') return `unknown "cmd" ${JSON.stringify(command.cmd)}`;
  if (command.cmd === 'open') {
    if (typeof command.url !== 'string' || command.url === '') return '"url" must be a non-empty string';
    if (command.method !== undefined && typeof command.method !== 'string') return '"method" must be a string';
    // null stands for "none" for headers, body and event_types, as the runner's own reader takes it.
    if (command.headers !== undefined && command.headers !== null) {
      if (typeof command.headers !== 'object' || Array.isArray(command.headers) ||
          !Object.values(command.headers).every((value) => typeof value === 'string')) {
        return '"headers" must be an object of strings';
      }
    }
    if (command.body !== undefined && command.body !== null && typeof command.body !== 'string') {
      return '"body" must be a string or null';
    }
    if (command.event_types !== undefined && command.event_types !== null &&
        (!Array.isArray(command.event_types) || !command.event_types.every((type) => typeof type === 'string'))) {
      return '"event_types" must be an array of strings';
    }
  }
  return null;
}

// The event types an adapter listens to by name (clients that cannot report every type): the
// command's `event_types` (the types the scenario's stream uses) and `message`.
function event_types(command) {
  const types = new Set(['message']);
  for (const type of command.event_types || []) {
    if (typeof type === 'string') types.add(type);
  }
  return [...types];
}

// Runs the protocol loop. `hello` is {name, version, capabilities}; `open(command, report)` as above.
// `shutdown()` (optional, async) runs once after every stream is closed at the end of stdin.
function serve_client(hello, open, shutdown) {
  // stdout carries protocol lines only: whatever a library logs goes to stderr (console.error and
  // console.warn already do; console.log, info and debug would write to stdout).
  for (const method of ['log', 'info', 'debug']) {
    console[method] = (...args) => console.error(...args);
  }
  // A library that throws from a timer or rejects a promise nobody awaits must not take the
  // adapter down with the records of its streams: say so on stderr (which the runner attaches to
  // a failure) and carry on.
  const on_stray = (error) => {
    process.stderr.write(`${hello.name}: uncaught: ${error && error.stack ? error.stack : error}\n`);
  };
  process.on('uncaughtException', on_stray);
  process.on('unhandledRejection', on_stray);
  // The runner went away (closed our stdout): nothing left to report to.
  process.stdout.on('error', (error) => {
    process.stderr.write(`${hello.name}: stdout: ${error.message}\n`);
    process.exit(1);
  });
  write_line({protocol: kProtocol, name: hello.name, version: hello.version, capabilities: hello.capabilities});
  const streams = new Map();  // id -> {report, handle}
  const pending = [];         // closes in flight, awaited before exiting

  const close_stream = async (id) => {
    const stream = streams.get(id);
    streams.delete(id);
    if (stream && stream.handle) {
      try {
        await stream.handle.close();
      } catch (error) {
        process.stderr.write(`closing ${id}: ${error && error.stack ? error.stack : error}\n`);
      }
    }
    (stream ? stream.report : make_reporter(id)).finish();
  };

  const on_command = async (command) => {
    if (command.cmd === 'close') {
      const closing = close_stream(command.id);
      pending.push(closing);
      return closing;
    }
    // A second open of an id in use would get the first one's records mixed in; the runner gives
    // every stream its own id.
    if (streams.has(command.id)) {
      write_line({id: command.id, kind: 'bad-command', message: `stream "${command.id}" is already open`,
                  t: performance.now() - start});
      return;
    }
    const report = make_reporter(command.id);
    const stream = {report, handle: null};
    streams.set(command.id, stream);
    try {
      stream.handle = await open({...command, method: command.method || 'GET', headers: command.headers || {},
                                  body: command.body === undefined ? null : command.body},
                                 report);
    } catch (error) {
      streams.delete(command.id);
      if (error instanceof Unsupported) {
        report('unsupported', {message: error.message});
      } else {
        // A client that throws on construction reports an error, as an EventSource constructor
        // that throws would be seen by a page.
        report('error', {message: `the client could not start: ${error && error.message ? error.message : error}`});
      }
    }
  };

  // Commands run one after another: an open that awaits (a browser page) must not overtake a close.
  let queue = Promise.resolve();
  const input = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
  input.on('line', (line) => {
    if (line.length > kMaxCommandLine) {
      write_line({id: '', kind: 'bad-command', message: `command line of ${line.length} characters, over the ${kMaxCommandLine} limit`,
                  t: performance.now() - start});
      return;
    }
    let command;
    try {
      command = JSON.parse(line);
    } catch (error) {
      write_line({id: '', kind: 'bad-command', message: `not JSON: ${error.message}`, t: performance.now() - start});
      return;
    }
    const problem = check_command(command);
    if (problem) {
      const id = command && typeof command.id === 'string' ? command.id : '';
      write_line({id, kind: 'bad-command', message: problem, t: performance.now() - start});
      return;
    }
    queue = queue.then(() => on_command(command)).catch((error) => {
      process.stderr.write(`command ${line}: ${error && error.stack ? error.stack : error}\n`);
    });
  });
  input.on('close', () => {
    queue = queue.then(async () => {
      // A client whose close() never settles must not keep the adapter from exiting; `shutdown`
      // (a browser, say) keeps its own limits.
      let timer = null;
      const too_long = new Promise((resolve) => {
        timer = setTimeout(() => {
          process.stderr.write(`${hello.name}: streams still closing ${kShutdownMs} ms after the end of stdin\n`);
          resolve();
        }, kShutdownMs);
      });
      const closing = Promise.all([...streams.keys()].map((id) => close_stream(id))).then(() => Promise.all(pending));
      await Promise.race([closing, too_long]);
      clearTimeout(timer);
      if (shutdown) await shutdown();
    }).catch(on_stray).finally(() => process.exit(0));
  });
}

module.exports = {serve_client, Unsupported, event_types, text};
