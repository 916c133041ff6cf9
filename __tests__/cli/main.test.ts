import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { version } from '../../src/cli/help.ts';

// The entry file wires the real process (argv, stdio, exit code) to run().
function tsbuild(...args: string[]) {
  return spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('src/cli/main.ts', () => {
  it('prints the version and exits 0', () => {
    const r = tsbuild('--version');
    assert.deepEqual([r.status, r.stdout], [0, `tsbuild ${version}\n`]);
  });
  it('exits 125 on an unknown flag, with the suggestion on stderr', () => {
    const r = tsbuild('build', '--platfrom', 'linux/amd64', '.');
    assert.equal(r.status, 125);
    assert.match(r.stderr, /^unknown flag: --platfrom\ndid you mean --platform\?/);
    assert.equal(r.stdout, '');
  });
  it('exits 1 with ERROR and no stack trace on a bad value', () => {
    const r = tsbuild('build', '-o', 'type=tar', '--iidfile', 'x', '.');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ERROR: local and tar exporters are incompatible with image ID file\nhint: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
