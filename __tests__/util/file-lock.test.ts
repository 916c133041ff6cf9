import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireFileLock, withFileLock } from '../../src/util/file-lock.ts';
import { isOwnerAlive, ownerTag, parseOwnerTag, processStartTime } from '../../src/util/process-owner.ts';

/** The tag of a process that has exited (spawned and waited for). */
function deadTag(): string {
  const child = spawnSync('sh', ['-c', 'echo $$ $(cut -d" " -f22 /proc/$$/stat)'], { encoding: 'utf8' });
  const [pid, start] = child.stdout.trim().split(' ');
  return `${pid}-${start}`;
}

describe('file lock', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-lock-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('names this process as owner, alive; an exited process is dead', () => {
    const me = parseOwnerTag(ownerTag())!;
    assert.equal(me.pid, process.pid);
    assert.equal(me.start, processStartTime(process.pid));
    assert.equal(isOwnerAlive(me), true);
    assert.equal(isOwnerAlive(parseOwnerTag(deadTag())!), false);
    assert.equal(
      isOwnerAlive({ pid: process.pid, start: me.start + 1 }),
      false,
      'a recycled pid is not the owner',
    );
  });

  it('excludes a second taker until released', async () => {
    const file = path.join(dir, 'a.lock');
    const first = await acquireFileLock(file);
    assert.equal(await acquireFileLock(file, { wait: false }), undefined);
    const order: string[] = [];
    const second = withFileLock(file, async () => {
      order.push('second');
    });
    await new Promise((r) => setTimeout(r, 50));
    order.push('first released');
    await first.release();
    await second;
    assert.deepEqual(order, ['first released', 'second']);
  });

  it('breaks a lock whose owner died, but not a live one', async () => {
    const file = path.join(dir, 'b.lock');
    await writeFile(file, `${deadTag()}\n`);
    const lock = await acquireFileLock(file, { wait: false });
    assert.ok(lock);
    assert.equal((await readFile(file, 'utf8')).trim(), ownerTag());
    await lock.release();
    await writeFile(file, `1-${processStartTime(1)}\n`); // init: alive
    assert.equal(await acquireFileLock(file, { wait: false }), undefined);
  });

  it('stops waiting when aborted', async () => {
    const file = path.join(dir, 'c.lock');
    const held = await acquireFileLock(file);
    const abort = new AbortController();
    const waiting = acquireFileLock(file, { signal: abort.signal });
    abort.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    await held.release();
  });
});
