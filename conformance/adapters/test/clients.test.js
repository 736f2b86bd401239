'use strict';
// Tests of the client-level plumbing (lib/client_protocol.js, clients/ready_state.js) and of the
// generic adapter's argument and capability handling: no npm package needed (fake clients, or
// Node's own EventSource where an adapter needs one).
//   node --test conformance/adapters/test/
const assert = require('node:assert/strict');
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const {ReadyStateWatch} = require('../clients/ready_state');

const kAdapters = path.join(__dirname, '..');
const kPlumbing = path.join(kAdapters, 'lib', 'client_protocol');
const kHangMs = 30000;

// Runs a script with the given command lines on stdin, then ends stdin; resolves with the JSON
// lines it wrote (the hello first), its exit code and stderr.
function run(args, lines, {node_args = []} = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node_args, ...args], {cwd: kAdapters, stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    // A hang guard, not a timing check: an adapter must exit once its stdin ends.
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not exit within ${kHangMs} ms of the end of its stdin`));
    }, kHangMs);
    child.on('close', (code) => {
      clearTimeout(guard);
      const out = stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
      resolve({out, code, stderr});
    });
    child.stdin.end(lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)) + '\n').join(''));
  });
}

// A client adapter built on the plumbing with a fake client: open() reports what the command's
// url asks for and logs its close on stderr. Written once, removed after the tests.
const kFakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssespec-client-test-'));
test.after(() => fs.rmSync(kFakeDir, {recursive: true, force: true}));
function fake_adapter() {
  const file = path.join(kFakeDir, 'adapter.js');
  if (fs.existsSync(file)) return file;
  fs.writeFileSync(file, `'use strict';
const {serve_client, Unsupported, event_types} = require(${JSON.stringify(kPlumbing)});
serve_client({name: 'fake', version: '1.0', capabilities: ['reconnect']}, async (command, report) => {
  if (command.url === 'http://x/unsupported') throw new Unsupported('no such method');
  if (command.url === 'http://x/throws') throw new TypeError('bad url');
  if (command.url === 'http://x/logs') console.log('library chatter');
  await new Promise((resolve) => setTimeout(resolve, 5));
  setInterval(() => {}, 60000);  // a library's timer, left running: the adapter must exit anyway
  report('readyState', {readyState: 0});
  report('open');
  report('event', {type: 'message', data: 'a\\uD800b', lastEventId: undefined});
  report('event', {type: event_types(command).join(','), data: JSON.stringify(command.headers) + ' ' + command.method + ' ' + command.body, lastEventId: '1'});
  if (command.url === 'http://x/close-hangs') return {close: () => new Promise(() => {})};
  return {close: () => { process.stderr.write('closed ' + command.id + '\\n'); }};
});
`);
  return file;
}

const records = (out, id, kind) => out.filter((record) => record.id === id && (!kind || record.kind === kind));

test('the hello line comes first and names the protocol', async () => {
  const {out, code} = await run([fake_adapter()], []);
  assert.equal(code, 0);
  assert.deepEqual(out, [{protocol: 'ssespec-client/1', name: 'fake', version: '1.0', capabilities: ['reconnect']}]);
});

test('lines that are not valid commands get bad-command, and the adapter carries on', async () => {
  const {out, code} = await run([fake_adapter()], [
    'not json',
    '[1,2]',
    {cmd: 'open', url: 'http://x/'},
    {id: 'a', cmd: 'jump'},
    {id: 'b', cmd: 'open'},
    {id: 'c', cmd: 'open', url: 'http://x/', headers: {'X-A': 1}},
    {id: 'd', cmd: 'open', url: 'http://x/', body: 5},
    {id: 'e', cmd: 'open', url: 'http://x/', event_types: 'message'},
    {id: 'f', cmd: 'open', url: 'http://x/', headers: ['X-A']},
    {id: 'ok', cmd: 'open', url: 'http://x/'},
  ]);
  assert.equal(code, 0);
  const bad = out.filter((record) => record.kind === 'bad-command');
  assert.deepEqual(bad.map((record) => record.id), ['', '', '', 'a', 'b', 'c', 'd', 'e', 'f']);
  for (const record of bad) assert.ok(record.message.length > 0 && typeof record.t === 'number');
  assert.match(bad[0].message, /not JSON/);
  assert.match(bad[3].message, /unknown "cmd"/);
  assert.match(bad[4].message, /"url"/);
  assert.match(bad[5].message, /"headers"/);
  assert.equal(records(out, 'ok', 'open').length, 1, 'a valid command after bad ones still runs');
});

test('null headers, body and event_types mean none, as the runner sends them', async () => {
  const {out} = await run([fake_adapter()], [
    {id: 's', cmd: 'open', url: 'http://x/', method: 'GET', headers: null, body: null, event_types: null},
    {id: 't', cmd: 'open', url: 'http://x/', method: 'POST', headers: {'X-A': 'v'}, body: 'q', event_types: ['update']},
  ]);
  assert.equal(records(out, 's', 'bad-command').length, 0);
  assert.deepEqual(records(out, 's', 'event')[1], {id: 's', kind: 'event', type: 'message', data: '{} GET null', lastEventId: '1',
                                                   t: records(out, 's', 'event')[1].t});
  assert.equal(records(out, 't', 'event')[1].type, 'message,update', 'event_types adds message');
  assert.equal(records(out, 't', 'event')[1].data, '{"X-A":"v"} POST q');
});

test('records carry the stream id and a time; lone surrogates become U+FFFD; undefined becomes ""', async () => {
  const {out} = await run([fake_adapter()], [{id: 's', cmd: 'open', url: 'http://x/'}]);
  assert.deepEqual(records(out, 's').map((record) => record.kind), ['readyState', 'open', 'event', 'event', 'closed']);
  const event = records(out, 's', 'event')[0];
  assert.equal(event.data, 'a\uFFFDb');
  assert.equal(event.lastEventId, '');
  assert.ok(records(out, 's').every((record) => typeof record.t === 'number' && record.t >= 0));
});

test('close of an unknown id gets closed; close of an open stream closes its client first', async () => {
  const {out, code, stderr} = await run([fake_adapter()], [
    {id: 'nobody', cmd: 'close'},
    {id: 's', cmd: 'open', url: 'http://x/'},
    {id: 's', cmd: 'close'},
  ]);
  assert.equal(code, 0);
  assert.equal(records(out, 'nobody', 'closed').length, 1);
  assert.equal(records(out, 's', 'closed').length, 1);
  assert.equal(records(out, 's').at(-1).kind, 'closed', 'nothing is reported after closed');
  assert.match(stderr, /closed s\n/);
});

test('end of stdin closes every open stream, acknowledges each, and exits 0', async () => {
  const {out, code, stderr} = await run([fake_adapter()], [
    {id: 's1', cmd: 'open', url: 'http://x/'},
    {id: 's2', cmd: 'open', url: 'http://x/'},
  ]);
  assert.equal(code, 0);
  assert.equal(records(out, 's1', 'closed').length, 1);
  assert.equal(records(out, 's2', 'closed').length, 1);
  assert.match(stderr, /closed s1\n/);
  assert.match(stderr, /closed s2\n/);
});

test('a client whose close() never settles does not keep the adapter from exiting at the end of stdin', async () => {
  const {code, stderr} = await run([fake_adapter()], [{id: 's', cmd: 'open', url: 'http://x/close-hangs'}]);
  assert.equal(code, 0);
  assert.match(stderr, /streams still closing 1500 ms after the end of stdin/);
});

test('a client that cannot do what open asks gets unsupported; one that throws gets error', async () => {
  const {out} = await run([fake_adapter()], [
    {id: 'u', cmd: 'open', url: 'http://x/unsupported'},
    {id: 'e', cmd: 'open', url: 'http://x/throws'},
  ]);
  assert.deepEqual(records(out, 'u').map((record) => record.kind), ['unsupported'], 'nothing left to close at the end');
  assert.equal(records(out, 'u', 'unsupported')[0].message, 'no such method');
  assert.equal(records(out, 'e')[0].kind, 'error');
  assert.match(records(out, 'e')[0].message, /could not start: bad url/);
});

test('a second open of an id in use is a bad command; the first stream goes on', async () => {
  const {out} = await run([fake_adapter()], [
    {id: 's', cmd: 'open', url: 'http://x/'},
    {id: 's', cmd: 'open', url: 'http://x/'},
  ]);
  assert.deepEqual(records(out, 's').map((record) => record.kind),
                   ['readyState', 'open', 'event', 'event', 'bad-command', 'closed']);
});

test('what a library logs with console.log goes to stderr, not into the records', async () => {
  const {out, stderr} = await run([fake_adapter()], [{id: 's', cmd: 'open', url: 'http://x/logs'}]);
  assert.ok(out.length > 1, 'stdout still parses as records');
  assert.match(stderr, /library chatter/);
});

test('ReadyStateWatch reports the first state, each change, nothing invalid, nothing after stop', async () => {
  const seen = [];
  let state = 0;
  const watch = new ReadyStateWatch(() => state, (kind, fields) => seen.push([kind, fields.readyState]));
  assert.deepEqual(seen, [['readyState', 0]]);
  assert.equal(watch.check(), 0);
  state = 1;
  assert.equal(watch.check(), 1);
  state = 'open';
  assert.equal(watch.check(), null, 'not 0, 1 or 2: not reported');
  state = 2;
  // The timer alone must notice a change nobody announced (20 ms period; waits for it, not on it).
  for (let i = 0; i < 1000 && seen.length < 3; ++i) await new Promise((resolve) => setTimeout(resolve, 10));
  watch.stop();
  state = 0;
  watch.check();
  assert.deepEqual(seen, [['readyState', 0], ['readyState', 1], ['readyState', 2]]);
});

test('event-source.js: an unknown --library is a usage error (exit 2) naming the choices', async () => {
  const {code, stderr, out} = await run(['clients/event-source.js', '--library', 'nope'], []);
  assert.equal(code, 2);
  assert.deepEqual(out, []);
  assert.match(stderr, /eventsource, eventsource-2, undici.*not "nope"/);
});

test('event-source.js --library node: POST and extra headers are unsupported (Node\'s own EventSource)', async () => {
  const {out, code} = await run(['clients/event-source.js', '--library', 'node'], [
    {id: 'p', cmd: 'open', url: 'http://127.0.0.1:9/', method: 'POST', headers: {}, body: 'x'},
    {id: 'h', cmd: 'open', url: 'http://127.0.0.1:9/', method: 'GET', headers: {'X-A': 'v'}, body: null},
  ], {node_args: ['--experimental-eventsource']});
  assert.equal(code, 0);
  assert.deepEqual(out[0].capabilities, ['reconnect', 'last-event-id', 'retry', 'ready-state']);
  assert.deepEqual(records(out, 'p').map((record) => record.kind), ['unsupported']);
  assert.match(records(out, 'p')[0].message, /GET requests without a body only/);
  assert.deepEqual(records(out, 'h').map((record) => record.kind), ['unsupported']);
});

test('event-source.js --library node runs itself again with --experimental-eventsource when needed', async () => {
  const {out, code} = await run(['clients/event-source.js', '--library', 'node'], []);
  assert.equal(code, 0);
  assert.equal(out.length, 1);
  assert.equal(out[0].name, 'node EventSource');
});
