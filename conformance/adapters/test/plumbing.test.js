'use strict';
// Tests of the shared adapter plumbing (lib/): no npm package needed.
//   node --test conformance/adapters/test/
const assert = require('node:assert/strict');
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const {Output, feed_sync, decode_utf8_stream} = require('../lib/protocol');
const {LoopbackServer, candidate_event_types} = require('../lib/loopback');

const kAdapters = path.join(__dirname, '..');
const b64 = (text) => Buffer.from(text, 'latin1').toString('base64');

// Runs an adapter script with the given request lines; resolves with its output lines and exit code.
function run_adapter(script, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {cwd: kAdapters, stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    child.on('close', (code) => resolve({lines: stdout.split('\n').filter((line) => line !== ''), code, stderr}));
    child.stdin.end(lines.map((line) => line + '\n').join(''));
  });
}

function temp_adapter(body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssespec-adapter-test-'));
  const file = path.join(dir, 'adapter.js');
  fs.writeFileSync(file, `'use strict';\nconst {serve} = require(${JSON.stringify(path.join(kAdapters, 'lib', 'protocol'))});\n${body}\n`);
  return file;
}

test('feed_sync labels what comes out with the chunk being fed, and the end with chunks.length', () => {
  const out = new Output(2);
  const chunks = [new Uint8Array([1]), new Uint8Array([2])];
  feed_sync(chunks, out, (_, i) => out.event('message', `in ${i}`, ''), () => out.event('end', '', ''));
  assert.deepEqual(out.events.map((event) => event.chunk), [0, 1, 2]);
  out.event('later', '', '');
  assert.equal(out.events[3].chunk, undefined, 'nothing is labelled outside feeding');
});

test('decode_utf8_stream keeps a code point split across chunks whole and flushes a truncated one', () => {
  const euro = Buffer.from('€', 'utf8');
  const pieces = decode_utf8_stream([euro.subarray(0, 1), euro.subarray(1), new Uint8Array([0xe2])]);
  assert.deepEqual(pieces, ['', '€', '', '\uFFFD']);
  assert.deepEqual(decode_utf8_stream([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf, 0x61])]), ['', 'a', ''],
                   'one leading BOM removed even when split');
});

test('Output rejects a reconnection time that is not a non-negative integer', () => {
  const out = new Output(0);
  out.add_retry('15');
  assert.deepEqual(out.retry, [15]);
  assert.throws(() => out.add_retry(NaN), /not a non-negative integer/);
  assert.throws(() => out.add_retry(-1), /not a non-negative integer/);
});

test('Output makes strings well-formed for JSON', () => {
  const out = new Output(0);
  out.event(undefined, 'a\uD800b', null);
  assert.deepEqual(out.events[0], {type: '', data: 'a\uFFFDb', lastEventId: ''});
});

test('candidate_event_types finds types under every line-ending reading', () => {
  const chunks = [Buffer.from('event: one\rdata: x\r\r'), Buffer.from('\uFEFFevent:two\n\nevent:  three\r\n')];
  const types = candidate_event_types(chunks);
  for (const type of ['message', 'one', 'two', ' three', 'three']) assert.ok(types.includes(type), type);
});

test('the strawman adapter speaks the protocol and labels chunks', async () => {
  const {lines, code} = await run_adapter('strawman.js', [
    JSON.stringify({id: 'a', chunks: [b64('data: x\n\n'), b64('data: y\n\n')]}),
    '',
    'not json',
    JSON.stringify({id: 'b', chunks: ['***']}),
    JSON.stringify({chunks: []}),
  ]);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(lines[0]), {protocol: 'ssespec-adapter/1', name: 'strawman-chunk-per-message',
                                          version: '1.0.0', capabilities: ['chunk-index']});
  assert.deepEqual(JSON.parse(lines[1]), {id: 'a', retry: [], events: [
    {type: 'message', data: 'x', lastEventId: '', chunk: 0}, {type: 'message', data: 'y', lastEventId: '', chunk: 1}]});
  assert.deepEqual(JSON.parse(lines[2]), {id: '', error: 'malformed request: not valid JSON'});
  assert.deepEqual(JSON.parse(lines[3]), {id: 'b', error: 'malformed request: chunks[0] is not base64'});
  assert.deepEqual(JSON.parse(lines[4]), {id: '', error: 'malformed request: missing "id"'});
  assert.equal(lines.length, 5, 'one response per non-blank request line');
});

test('a library that throws, or never finishes, gets an error response and the adapter carries on', async () => {
  const file = temp_adapter(`
let n = 0;
serve({name: 't', version: '0', capabilities: [], timeout_ms: 200, parse: (chunks, out) => {
  ++n;
  if (n === 1) throw new Error('boom');
  if (n === 2) return new Promise(() => {});
  if (n === 3) { setTimeout(() => { throw new Error('late'); }, 0); return new Promise(() => {}); }
  out.event('message', 'fine', '');
}});`);
  const request = (id) => JSON.stringify({id, chunks: []});
  const {lines, code} = await run_adapter(file, [request('1'), request('2'), request('3'), request('4')]);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(lines[1]), {id: '1', error: 'library error: boom'});
  assert.match(JSON.parse(lines[2]).error, /no end of stream from the library within 200 ms/);
  assert.deepEqual(JSON.parse(lines[3]), {id: '3', error: 'library error: late'});
  assert.deepEqual(JSON.parse(lines[4]).events, [{type: 'message', data: 'fine', lastEventId: ''}]);
});

test('an adapter exits when its stdout goes away', {timeout: 20000}, async () => {
  const child = spawn(process.execPath, ['strawman.js'], {cwd: kAdapters, stdio: ['pipe', 'pipe', 'ignore']});
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.stdout.destroy();
  child.stdin.on('error', () => {});  // EPIPE once the adapter has gone: expected
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 200 && child.exitCode === null; ++i) {
    child.stdin.write(JSON.stringify({id: String(i), chunks: [b64('data: x\n\n')]}) + '\n');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(await exited, 1);
});

test('the loopback server serves the chunks once, then 204', async () => {
  const server = new LoopbackServer({pause_ms: 0});
  await server.start();
  try {
    const stream = server.add_stream([Buffer.from('data: a\n'), new Uint8Array(0), Buffer.from('\n')]);
    const first = await fetch(stream.url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'text/event-stream');
    assert.equal(await first.text(), 'data: a\n\n');
    await stream.done;
    assert.equal((await fetch(stream.url)).status, 204);
    server.remove_stream(stream.path);
    assert.equal((await fetch(stream.url)).status, 404);
  } finally {
    await server.stop();
  }
});
