'use strict';
// ssespec-client/1 adapter (docs/client-protocol.md): the browser's native EventSource in Debian's
// Chromium (/usr/bin/chromium, installed by `scripts/bootstrap --browser`; SSESPEC_CHROMIUM names
// another executable), headless, driven with playwright-core, which is given the executable and
// never downloads a browser. One browser serves the adapter's whole life; each `open` gets its own
// page, whose origin is the stream's origin so the EventSource is same-origin (no CORS). The page's
// document never reaches the server: it is answered by a route, removed again before the
// EventSource starts so the stream's requests go to the network without interception.
// Capabilities: reconnect, last-event-id, retry, ready-state. A page cannot see every event type,
// only the ones it listens to by name: those the runner lists in the open command, and `message`.
//   node conformance/adapters/clients/chromium.js
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const {serve_client, Unsupported, event_types} = require('../lib/client_protocol');

const {kExecutable, kArgs, make_user_data_dir, remove_stale_user_data_dirs} = require('../lib/chromium');
// A launch (about 0.3 s on an idle machine) still going after this long fails with a clear
// message: the open command waiting for it gets an error record and the adapter exits 1.
const kLaunchTimeoutMs = 20000;
// `chromium --version` (0.1 s), which gives the hello its version without starting a browser.
const kVersionTimeoutMs = 5000;
// Closing the browser at the end; past this the process exits anyway (Chromium exits by itself
// when its pipe to playwright closes).
const kShutdownTimeoutMs = 5000;
// How often the page also polls readyState, besides at each event: a change with no event
// (none is expected from the standard) is still reported.
const kReadyStatePollMs = 50;
// The page's own path, answered by a route and never sent to the server.
const kPagePath = '/__ssespec_page';
// Nothing but the stream may reach the server (its record is checked): the empty icon keeps the
// browser from asking the server's origin for /favicon.ico after the page has loaded.
const kPageBody = '<!doctype html><title>ssespec</title><link rel="icon" href="data:,">';
const kCapabilities = ['reconnect', 'last-event-id', 'retry', 'ready-state'];

let context = null;
let launching = null;  // the launch's promise, from the first open on
let user_data_dir = null;
let shutting_down = false;
const streams = new Map();  // id -> {report, page}

function log(message) { process.stderr.write(`chromium client: ${message}\n`); }

function remove_user_data_dir() {
  if (!user_data_dir) return;
  try {
    fs.rmSync(user_data_dir, {recursive: true, force: true, maxRetries: 5, retryDelay: 100});
  } catch (error) {
    log(`cannot remove ${user_data_dir}: ${error.message}`);
  }
  user_data_dir = null;
}

async function launch() {
  const {chromium} = require('playwright-core');
  remove_stale_user_data_dirs();
  user_data_dir = make_user_data_dir();
  // A persistent context is how playwright takes a user data dir of our choosing (a fresh one).
  context = await chromium.launchPersistentContext(user_data_dir, {executablePath: kExecutable, headless: true,
                                                                   args: kArgs, timeout: kLaunchTimeoutMs});
  context.on('close', on_browser_gone);
}

// The browser starts with the first open, not before the hello: a scenario the adapter lacks a
// capability for is skipped without starting it, and the runner sends `open` right after reading
// the hello, so starting earlier would gain nothing. A launch that fails ends the adapter.
async function ensure_browser(report) {
  if (!launching) launching = launch();
  try {
    await launching;
  } catch (error) {
    const message = `cannot start ${kExecutable}: ${error && error.message ? error.message : error}`;
    log(message);
    // The record gets the first line; playwright's launch log (the command line, the call log) is
    // on stderr, which the runner attaches to the result.
    report('error', {message: message.split('\n')[0]});
    shutting_down = true;
    if (context) await context.close().catch(() => {});
    remove_user_data_dir();
    process.exit(1);
  }
}

// The version for the hello, from the executable itself (the user agent string would only say
// 156.0.0.0). Also proves the executable runs before the hello promises anything.
function browser_version() {
  const output = execFileSync(kExecutable, ['--version'], {encoding: 'utf8', timeout: kVersionTimeoutMs,
                                                           stdio: ['ignore', 'pipe', 'pipe']});
  const match = /(\d+(?:\.\d+)+)/.exec(output);
  if (!match) throw new Error(`no version number in ${JSON.stringify(output.trim())}`);
  return match[1];
}

// The browser went away while streams were open (a crash, a kill): every open stream gets an error
// record, and the adapter exits non-zero, so the runner reports it instead of waiting.
function on_browser_gone() {
  if (shutting_down) return;
  log('the browser exited unexpectedly');
  for (const {report} of streams.values()) {
    report('error', {readyState: 2, message: 'the browser exited unexpectedly'});
  }
  remove_user_data_dir();
  process.exit(1);
}

// Runs inside the page: starts the EventSource and reports through the exposed binding.
function page_open({url, types, poll_ms}) {
  const report = (kind, fields) => { window.__ssespec_record(kind, fields || {}); };
  const source = new EventSource(url);
  let state = source.readyState;
  report('readyState', {readyState: state});
  const watch = () => {
    if (source.readyState === state) return;
    state = source.readyState;
    report('readyState', {readyState: state});
  };
  const on_event = (event) => {
    watch();
    if (event instanceof MessageEvent) {
      report('event', {type: event.type, data: event.data, lastEventId: event.lastEventId});
    } else if (event.type === 'open') {
      report('open');
    } else if (event.type === 'error') {
      report('error', {readyState: source.readyState});  // the event carries no message
    }
  };
  // `open` and `error` are listened to once each even when the stream also names them as types.
  for (const type of new Set(['open', 'error', ...types])) source.addEventListener(type, on_event);
  const timer = setInterval(watch, poll_ms);
  window.__ssespec_close = () => {
    clearInterval(timer);
    source.close();
  };
}

async function open(command, report) {
  if (command.method !== 'GET') throw new Unsupported(`an EventSource only sends GET, not ${command.method}`);
  if (command.body !== null) throw new Unsupported('an EventSource sends no request body');
  if (Object.keys(command.headers).length > 0) {
    throw new Unsupported(`an EventSource sends no custom headers (asked: ${Object.keys(command.headers).join(', ')})`);
  }
  let origin;
  try {
    origin = new URL(command.url).origin;
  } catch (error) {
    throw new Error(`bad url ${JSON.stringify(command.url)}: ${error.message}`);
  }
  await ensure_browser(report);
  const page = await context.newPage();
  let crashed = false;  // a crashed page's EventSource is gone: closing it is closing the page
  const stream = {report, page};
  streams.set(command.id, stream);
  try {
    page.on('crash', () => {
      crashed = true;
      report('error', {readyState: 2, message: 'the page crashed'});
    });
    await page.exposeFunction('__ssespec_record', (kind, fields) => report(kind, fields));
    const page_url = origin + kPagePath;
    await page.route(page_url, (route) => route.fulfill({status: 200, contentType: 'text/html; charset=utf-8',
                                                         body: kPageBody}));
    await page.goto(page_url);
    // With no route left, playwright stops intercepting requests: the stream's connections
    // (reconnections, redirects) go through the browser's network stack untouched.
    await page.unrouteAll();
    await page.evaluate(page_open, {url: command.url, types: event_types(command), poll_ms: kReadyStatePollMs});
  } catch (error) {
    streams.delete(command.id);
    await page.close().catch(() => {});
    throw error;
  }
  return {
    close: async () => {
      streams.delete(command.id);
      try {
        if (!crashed) await page.evaluate(() => window.__ssespec_close());
      } finally {
        await page.close();
      }
    },
  };
}

async function shutdown() {
  shutting_down = true;
  // A launch in flight (stdin ended right after the open) settles first; its failure is moot now.
  if (launching) await launching.catch(() => {});
  if (context) {
    let timer = null;
    const too_long = new Promise((resolve) => {
      timer = setTimeout(() => {
        log(`the browser did not close within ${kShutdownTimeoutMs} ms`);
        resolve();
      }, kShutdownTimeoutMs);
    });
    await Promise.race([context.close().catch((error) => log(`closing the browser: ${error.message}`)), too_long]);
    clearTimeout(timer);
  }
  remove_user_data_dir();
}

function main() {
  if (!fs.existsSync(kExecutable)) {
    log(`${kExecutable} not found: install it with scripts/bootstrap --browser (or set SSESPEC_CHROMIUM)`);
    process.exit(1);
  }
  let version;
  try {
    version = browser_version();
  } catch (error) {
    log(`cannot run ${kExecutable} --version: ${error && error.message ? error.message : error}`);
    process.exit(1);
  }
  serve_client({name: 'chromium EventSource', version, capabilities: kCapabilities}, open, shutdown);
}

main();
