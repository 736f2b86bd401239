'use strict';
// The browser's native EventSource in Debian's Chromium (/usr/bin/chromium, installed by
// `scripts/bootstrap --browser`), headless, driven with playwright-core (which never downloads a
// browser here: it is given the executable). One browser and one page serve every request: the
// page, loaded from the loopback server, opens an EventSource on the request's stream, records
// every MessageEvent (type, data, lastEventId) and closes it at the first error (the end of the
// stream). The chunks are the response body, written one by one with a pause between them.
// Capabilities: `last-event-id` only; the page cannot see retry values or comments, and timing
// over TCP gives no chunk index.
const fs = require('node:fs');
const {serve} = require('./lib/protocol');
const {kExecutable, kArgs, make_user_data_dir, remove_stale_user_data_dirs} = require('./lib/chromium');
const {LoopbackServer, pause_argument, candidate_event_types} = require('./lib/loopback');

// How long after the server ended the response the page may take to report the end.
const kEndGraceMs = 5000;

const server = new LoopbackServer({pause_ms: pause_argument(1)});
let context = null;
let page = null;
let user_data_dir = null;
let version = 'unknown';

async function start() {
  if (!fs.existsSync(kExecutable)) {
    throw new Error(`${kExecutable} not found: install it with scripts/bootstrap --browser`);
  }
  await server.start();
  server.add_page('/', 'text/html; charset=utf-8', '<!doctype html><title>ssespec</title>');
  const {chromium} = require('playwright-core');
  remove_stale_user_data_dirs();
  user_data_dir = make_user_data_dir();
  // A persistent context is how playwright takes a user data dir of our choosing (a fresh one).
  context = await chromium.launchPersistentContext(user_data_dir, {executablePath: kExecutable, headless: true,
                                                                   args: kArgs});
  version = context.browser() ? context.browser().version() : version;
  page = context.pages()[0] || await context.newPage();
  await page.goto(server.origin + '/');
  if (version === 'unknown') version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] || 'unknown');
}

async function stop() {
  if (context) await context.close();
  await server.stop();
  if (user_data_dir) fs.rmSync(user_data_dir, {recursive: true, force: true});
}

// Runs inside the page.
function page_collect({url, types}) {
  return new Promise((resolve) => {
    const events = [];
    const source = new EventSource(url);
    const on_event = (event) => {
      if (event instanceof MessageEvent) {
        events.push({type: event.type, data: event.data, lastEventId: event.lastEventId});
      } else if (event.type === 'error') {
        source.close();
        resolve(events);
      }
    };
    for (const type of types) source.addEventListener(type, on_event);
    source.addEventListener('error', on_event);
  });
}

async function parse(chunks, out) {
  const stream = server.add_stream(chunks);
  let grace = null;
  const too_late = new Promise((_, reject) => {
    stream.done.then(() => {
      grace = setTimeout(() => reject(new Error(`page reported no error within ${kEndGraceMs} ms of the end of the stream`)),
                         kEndGraceMs);
    });
  });
  try {
    const types = [...new Set([...candidate_event_types(chunks), 'error'])];
    const events = await Promise.race([page.evaluate(page_collect, {url: stream.url, types}), too_late]);
    for (const event of events) out.event(event.type, event.data, event.lastEventId);
  } catch (error) {
    // Leave no EventSource running into the next request.
    await page.goto(server.origin + '/').catch(() => {});
    throw error;
  } finally {
    if (grace) clearTimeout(grace);
    server.remove_stream(stream.path);
  }
}

async function main() {
  const adapter = {name: 'chromium EventSource', version: 'unknown', capabilities: ['last-event-id'], start, stop, parse,
                   timeout_ms: (chunks) => server.time_budget_ms(chunks)};
  // The hello carries the browser's version, known only once it has started.
  Object.defineProperty(adapter, 'version', {get: () => version});
  await serve(adapter);
}

main();
