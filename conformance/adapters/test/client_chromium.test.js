'use strict';
// Tests of the Chromium client adapter (../clients/chromium.js) that need no browser: a stand-in
// executable answers `--version`, and the paths checked are the ones taken before a browser starts
// (or when it cannot start).
//   node --test conformance/adapters/test/
const assert = require('node:assert/strict');
const {spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const kAdapter = path.join(__dirname, '..', 'clients', 'chromium.js');

// Runs the adapter with SSESPEC_CHROMIUM=executable and the given command lines on stdin.
function run_adapter(executable, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [kAdapter], {cwd: path.dirname(kAdapter), stdio: ['pipe', 'pipe', 'pipe'],
                                                        env: {...process.env, SSESPEC_CHROMIUM: executable}});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    child.on('close', (code) => {
      const records = stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
      resolve({records, code, stderr, pid: child.pid});
    });
    child.stdin.end(lines.map((line) => JSON.stringify(line) + '\n').join(''));
  });
}

// A stand-in for the browser: prints a version for `--version`, and exits 1 for anything else (a
// launch, which then fails at once).
const fake_dirs = [];
test.after(() => {
  for (const dir of fake_dirs) fs.rmSync(dir, {recursive: true, force: true});
});

function fake_browser() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssespec-fake-chromium-'));
  fake_dirs.push(dir);
  const file = path.join(dir, 'chromium');
  fs.writeFileSync(file, '#!/bin/sh\nif [ "$1" = --version ]; then echo "Chromium 123.4.5678.90 built on test"; exit 0; fi\nexit 1\n',
                   {mode: 0o755});
  return file;
}

function open_command(id, fields = {}) {
  return {id, cmd: 'open', url: 'http://127.0.0.1:9/scenarios/x', method: 'GET', headers: {}, body: null, ...fields};
}

test('a missing executable: a message naming it, exit 1, no hello', async () => {
  const missing = path.join(os.tmpdir(), 'ssespec-no-such-chromium');
  const {records, code, stderr} = await run_adapter(missing, []);
  assert.equal(code, 1);
  assert.deepEqual(records, []);
  assert.match(stderr, /ssespec-no-such-chromium not found/);
});

test('an executable that cannot say its version: exit 1, no hello', async () => {
  const {records, code, stderr} = await run_adapter('/bin/false', []);
  assert.equal(code, 1);
  assert.deepEqual(records, []);
  assert.match(stderr, /--version/);
});

test('the hello carries the executable\'s version and the four EventSource capabilities', async () => {
  const {records, code} = await run_adapter(fake_browser(), []);
  assert.equal(code, 0);
  assert.deepEqual(records, [{protocol: 'ssespec-client/1', name: 'chromium EventSource', version: '123.4.5678.90',
                              capabilities: ['reconnect', 'last-event-id', 'retry', 'ready-state']}]);
});

test('a method, a body or headers are unsupported, answered without starting the browser', async () => {
  const {records, code} = await run_adapter(fake_browser(), [
    open_command('post', {method: 'POST'}),
    open_command('body', {body: 'x'}),
    open_command('headers', {headers: {Authorization: 'Bearer t'}}),
    {id: 'post', cmd: 'close'},
  ]);
  assert.equal(code, 0);
  const kinds = records.slice(1).map((record) => [record.id, record.kind]);
  assert.deepEqual(kinds, [['post', 'unsupported'], ['body', 'unsupported'], ['headers', 'unsupported'],
                           ['post', 'closed']]);
  assert.match(records[1].message, /GET/);
  assert.match(records[3].message, /Authorization/);
});

let playwright_present = true;
try {
  require.resolve('playwright-core', {paths: [path.dirname(kAdapter)]});
} catch {
  playwright_present = false;
}

test('a browser that fails to start: an error record for the open, then exit 1', {skip: !playwright_present && 'playwright-core is not installed'},
     async () => {
       const {records, code, stderr, pid} = await run_adapter(fake_browser(), [open_command('s')]);
       assert.equal(code, 1);
       assert.equal(records.length, 2);
       assert.equal(records[1].id, 's');
       assert.equal(records[1].kind, 'error');
       assert.match(records[1].message, /cannot start/);
       assert.match(stderr, /cannot start/);
       assert.deepEqual(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`ssespec-chromium-${pid}-`)), [],
                        'its user data directory is removed');
     });
