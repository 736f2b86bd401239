'use strict';
// What the two Chromium adapters (../chromium.js, parser level; ../clients/chromium.js, client
// level) share: which executable, the flags a headless browser needs as root on a machine with no
// display and no network beyond loopback, and the cleanup of user-data dirs left by killed adapters.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Debian's Chromium (`scripts/bootstrap --browser`); SSESPEC_CHROMIUM names another executable.
const kExecutable = process.env.SSESPEC_CHROMIUM || '/usr/bin/chromium';
const kArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync',
               '--disable-dev-shm-usage'];
// Each adapter's fresh user-data dir is `<tmp>/ssespec-chromium-<adapter pid>-*`.
const kUserDataPrefix = 'ssespec-chromium-';

// A new, empty user-data dir for this adapter process.
function make_user_data_dir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${kUserDataPrefix}${process.pid}-`));
}

// An adapter killed outright (the runner kills a hanging adapter's process group) cannot remove its
// user-data dir; Chromium itself exits when its pipe to playwright closes. Directories whose
// adapter process is gone are removed by the next adapter to start, whichever of the two it is.
function remove_stale_user_data_dirs() {
  const pattern = new RegExp(`^${kUserDataPrefix}(\\d+)-`);
  for (const name of fs.readdirSync(os.tmpdir())) {
    const match = pattern.exec(name);
    if (!match) continue;
    try {
      process.kill(Number(match[1]), 0);  // still running: not ours to remove
    } catch (error) {
      if (error.code === 'ESRCH') fs.rmSync(path.join(os.tmpdir(), name), {recursive: true, force: true});
    }
  }
}

module.exports = {kExecutable, kArgs, make_user_data_dir, remove_stale_user_data_dirs};
