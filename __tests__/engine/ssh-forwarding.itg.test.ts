/**
 * `--ssh default=SOCK` forwards a real ssh-agent into `RUN --mount=type=ssh`. busybox has no
 * agent client, so the build context carries the host's own `ssh-add`, its shared libraries and
 * the dynamic loader (copied by this test); the step bind-mounts them from the context and runs
 * `ssh-add -l` through the loader: it speaks the agent protocol over the forwarded socket and must
 * list exactly the key this test generated and added to its agent.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Harness, skipReason, startHarness } from './engine-harness.ts';

const sshAdd = '/usr/bin/ssh-add';
const skip =
  skipReason || (!existsSync(sshAdd) || !existsSync('/usr/bin/ssh-agent') ? 'needs openssh-client' : false);

/** ssh-add and the files it loads (libraries, loader), as listed by ldd. */
function sshAddFiles(): { loader: string; files: string[] } {
  const out = execFileSync('ldd', [sshAdd], { encoding: 'utf8' });
  const libs = [...out.matchAll(/=> (\/\S+)/g)].map((m) => m[1] as string);
  const loader = /^\s*(\/\S*ld-linux\S*)/m.exec(out)?.[1];
  assert.ok(loader, `no dynamic loader in:\n${out}`);
  return { loader, files: [sshAdd, loader, ...libs] };
}

describe('SSH agent forwarding', { skip }, () => {
  let h: Harness;
  let agent: ChildProcess | undefined;
  let sock: string;
  let fingerprint: string;
  let ctx: string;

  before(async () => {
    h = await startHarness('ssh');
    const key = path.join(h.dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tsbuild-test-key', '-f', key]);
    // "256 SHA256:… tsbuild-test-key (ED25519)": the same line `ssh-add -l` prints.
    fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${key}.pub`], { encoding: 'utf8' }).trim();
    sock = path.join(h.dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    for (let i = 0; !existsSync(sock); i++) {
      assert.ok(i < 200, 'ssh-agent did not create its socket');
      await sleep(10);
    }
    execFileSync(sshAdd, ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: sock } });

    const { loader, files } = sshAddFiles();
    ctx = await h.context('ctx', {
      Dockerfile: [
        `FROM ${h.baseRef}`,
        'RUN test -z "$SSH_AUTH_SOCK" && echo no-agent-without-mount',
        `RUN --mount=type=bind,source=tools,target=/t --mount=type=ssh test -S "$SSH_AUTH_SOCK" && /t/${path.basename(loader)} --library-path /t /t/ssh-add -l`,
        '',
      ].join('\n'),
    });
    await mkdir(path.join(ctx, 'tools'));
    for (const f of files) await copyFile(f, path.join(ctx, 'tools', path.basename(f)));
  });
  after(async () => {
    agent?.kill('SIGTERM');
    await h?.close();
  });

  it('lists the agent key inside RUN --mount=type=ssh', async () => {
    const run = await h.cli(['build', '--progress=plain', '--ssh', `default=${sock}`, ctx]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^#\d+ [\d.]+ no-agent-without-mount$/m);
    const listed = [...run.stderr.matchAll(/^#\d+ [\d.]+ (\d+ SHA256:\S+ .*)$/gm)].map((m) => m[1]);
    assert.deepEqual(listed, [fingerprint]);
  });

  it('skips an optional ssh mount and fails a required one when no agent is forwarded', async () => {
    // --no-cache: a cached step needs no agent (as in BuildKit).
    const optional = await h.cli(['build', '--progress=plain', '--no-cache', ctx]);
    assert.equal(optional.code, 1, 'the step must find no socket');
    assert.match(optional.stderr, /did not complete successfully: exit code: 1/);
    assert.doesNotMatch(optional.stderr, /SHA256:/);

    const required = await h.context('required', {
      Dockerfile: `FROM ${h.baseRef}\nRUN --mount=type=ssh,required=true echo should-not-run\n`,
    });
    const run = await h.cli(['build', '--progress=plain', required]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /ERROR: .*no SSH key "?default"? forwarded/);
    assert.doesNotMatch(run.stderr, /^#\d+ [\d.]+ should-not-run/m);
    assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  });
});
