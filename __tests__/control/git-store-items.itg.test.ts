/**
 * The git source's state (cache repositories under git/repos, git context checkouts under
 * git/contexts) in `du`, `prune` and recovery, with real git against a `git daemon` on
 * 127.0.0.1: du lists each as a `source.git.checkout` item sized like `du -sb`, a use refreshes
 * its lastUsedAt, a live lease keeps prune off it, prune in the same process waits for a
 * running fetch, and what prune removed is fetched again on next use. The last test builds
 * through the CLI (src/cli/main.ts, needs root; FROM scratch, so no runc or registry).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildLease } from '../../src/cache/build-lease.ts';
import type { CacheUsageRecord } from '../../src/control/build-request.ts';
import { diskUsage } from '../../src/control/disk-usage.ts';
import { prune } from '../../src/control/prune.ts';
import { recoverStore } from '../../src/control/store-recovery.ts';
import { OverlaySnapshotter } from '../../src/snapshot/index.ts';
import {
  checkoutGitContext,
  GitSource,
  type GitSourceSpec,
  gitStateDir,
} from '../../src/source/git/index.ts';
import { ownerTag } from '../../src/util/process-owner.ts';
import { type GitServer, startGitServer } from '../source/git/git-server.ts';

const gitType = 'source.git.checkout';
const repoRoot = path.resolve(import.meta.dirname, '../..');
const duSb = (p: string): number => Number(execFileSync('du', ['-sb', p]).toString().split('\t')[0]);
const du = (root: string, types?: string[]): Promise<CacheUsageRecord[]> =>
  diskUsage({ root, filter: types ? { types } : {}, verbose: false });
const pruneGit = (root: string): Promise<CacheUsageRecord[]> =>
  prune({ root, all: true, filter: { types: [gitType] }, verbose: false });

/** Names under git/repos and git/contexts, hidden ones included. */
async function gitNames(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['repos', 'contexts']) {
    for (const n of await readdir(path.join(gitStateDir(root), sub)).catch(() => [] as string[])) {
      out.push(`${sub}/${n}`);
    }
  }
  return out.sort();
}

describe('git source state in du and prune', () => {
  let server: GitServer;
  let work: string;
  let spec: GitSourceSpec;
  let n = 0;

  before(async () => {
    server = await startGitServer();
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-gitgc-'));
    spec = { remote: `${server.url}/app`, ref: 'main', keepGitDir: false };
  });
  after(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A store with one git context (and so one cache repository) and one snapshot. */
  async function filledStore(): Promise<{ root: string; repo: string; context: string; snapshot: string }> {
    const root = path.join(work, `root-${++n}`);
    const context = (await checkoutGitContext(spec, gitStateDir(root))).dir;
    const repo = new GitSource({ stateDir: gitStateDir(root) }).repos.repoDir(spec.remote);
    const snaps = new OverlaySnapshotter(root);
    const active = await snaps.prepare('other');
    await writeFile(path.join(snaps.diffDir(active), 'f'), 'x'.repeat(5000));
    return { root, repo, context, snapshot: await snaps.commit(active) };
  }

  it('du lists the repository and the context checkout, sized as du -sb, adding up', async () => {
    const { root, repo, context } = await filledStore();
    const records = await du(root);
    const git = records.filter((r) => r.type === gitType);
    const byId = new Map(git.map((r) => [r.id, r]));
    assert.equal(git.length, 2, JSON.stringify(records, null, 1));
    const repoItem = byId.get(path.basename(repo));
    const ctxItem = byId.get(path.basename(context));
    assert.ok(repoItem && ctxItem, git.map((r) => r.id).join(' '));
    assert.equal(repoItem.description, `git repository ${spec.remote}`);
    assert.equal(ctxItem.description, `git context ${spec.remote}#refs/heads/main`);
    assert.equal(repoItem.size, duSb(repo));
    assert.equal(ctxItem.size, duSb(context) + (await stat(`${context}.source`)).size);
    assert.ok(repoItem.size > 10_000, 'the repository holds the fetched objects');
    for (const r of git) assert.ok(r.reclaimable && !r.inUse);
    assert.equal(
      records.reduce((s, r) => s + r.size, 0),
      duSb(root),
    );
  });

  it('--filter type=source.git.checkout selects only them (library and CLI)', async () => {
    const { root, repo, context, snapshot } = await filledStore();
    const all = await du(root);
    assert.ok(all.some((r) => r.id === snapshot && r.type === 'regular'));
    const git = await du(root, [gitType]);
    assert.deepEqual(git.map((r) => r.id).sort(), [path.basename(repo), path.basename(context)].sort());
    const cli = execFileSync(
      process.execPath,
      [
        path.join(repoRoot, 'src/cli/main.ts'),
        'du',
        '--root',
        root,
        '--verbose',
        '--filter',
        `type=${gitType}`,
      ],
      { encoding: 'utf8' },
    );
    assert.ok(cli.includes(path.basename(repo)) && cli.includes(path.basename(context)), cli);
    assert.ok(!cli.includes(snapshot), cli);
  });

  it('a use touches the directory: lastUsedAt moves forward', async () => {
    const { root, repo, context } = await filledStore();
    const dayAgo = new Date(Date.now() - 86_400_000);
    await utimes(repo, dayAgo, dayAgo);
    await utimes(context, dayAgo, dayAgo);
    const lastUsed = async () => new Map((await du(root, [gitType])).map((r) => [r.id, r.lastUsedAt ?? 0]));
    const old = await lastUsed();
    for (const at of old.values()) assert.ok(at <= dayAgo.getTime() + 1000);
    // The context is reused as is (no fetch); an ADD from the same remote uses the repository
    // (with keep-git-dir only reading from it: nothing in it is written).
    await checkoutGitContext(spec, gitStateDir(root));
    const dest = path.join(work, `dest-${n}`);
    await mkdir(dest);
    const source = new GitSource({ stateDir: gitStateDir(root) });
    const keep = { ...spec, keepGitDir: true };
    await source.checkout(keep, await source.resolve(keep), dest);
    const now = await lastUsed();
    assert.ok(now.get(path.basename(repo))! > old.get(path.basename(repo))! + 3_600_000);
    assert.ok(now.get(path.basename(context))! > old.get(path.basename(context))! + 3_600_000);
  });

  it('--keep-storage weighs them with the other items, least recently used first', async () => {
    const { root, repo, context, snapshot } = await filledStore();
    const old = new Date(Date.now() - 2 * 86_400_000);
    await utimes(context, old, old);
    const records = await du(root);
    const total = records.reduce((s, r) => s + r.size, 0);
    const ctxSize = records.find((r) => r.id === path.basename(context))!.size;
    // Room for everything but the (oldest) context, plus prune's own lock file and lease.
    const removed = await prune({
      root,
      all: false,
      filter: {},
      verbose: false,
      reservedSpace: total - ctxSize + 8192,
    });
    assert.deepEqual(
      removed.map((r) => r.id),
      [path.basename(context)],
    );
    // Now the repository is the oldest: the next item to go, before the newer snapshot.
    await utimes(repo, old, old);
    const again = await prune({ root, all: false, filter: {}, verbose: false, reservedSpace: 1 });
    assert.equal(again[0]?.id, path.basename(repo));
    assert.ok(again.some((r) => r.id === snapshot));
  });

  it('a live lease naming the repository keeps prune off it; without it both go', async () => {
    const { root, repo, context } = await filledStore();
    await mkdir(path.join(root, 'leases'), { recursive: true });
    // Written as BuildLease writes it, owned by this (live) process.
    const leaseFile = path.join(root, 'leases', `${ownerTag()}-test.lease`);
    await writeFile(leaseFile, `git repos/${path.basename(repo)}\n`);
    const shown = await du(root, [gitType]);
    assert.equal(shown.find((r) => r.id === path.basename(repo))?.inUse, true);
    const removed = await pruneGit(root);
    assert.deepEqual(
      removed.map((r) => r.id),
      [path.basename(context)],
    );
    assert.ok(existsSync(path.join(repo, 'HEAD')));
    assert.ok(!existsSync(context) && !existsSync(`${context}.source`));
    await rm(leaseFile);
    assert.deepEqual(
      (await pruneGit(root)).map((r) => r.id),
      [path.basename(repo)],
    );
    assert.deepEqual(await gitNames(root), [], 'nothing left behind, hidden copies included');
  });

  it('a lease taken after prune listed the store still saves the repository (hide, re-check, restore)', async () => {
    const { root, repo, context } = await filledStore();
    const leaseFile = path.join(root, 'leases', `${ownerTag()}-late.lease`);
    // freeSpace is asked after the inventory, before anything is removed: a build leases then.
    const removed = await prune(
      { root, all: true, filter: { types: [gitType] }, verbose: false, minFreeSpace: 1e15 },
      {
        freeSpace: async () => {
          await mkdir(path.dirname(leaseFile), { recursive: true });
          await writeFile(leaseFile, `git repos/${path.basename(repo)}\n`);
          return 0;
        },
      },
    );
    assert.deepEqual(
      removed.map((r) => r.id),
      [path.basename(context)],
    );
    assert.ok(existsSync(path.join(repo, 'HEAD')), 'restored in place');
    assert.deepEqual(await gitNames(root), [`repos/${path.basename(repo)}`]);
    await rm(leaseFile);
  });

  it("a build's lease passes through GitSource and the git context to prune", async () => {
    const root = path.join(work, `root-${++n}`);
    const lease = await BuildLease.open(root);
    try {
      const { dir } = await checkoutGitContext(spec, gitStateDir(root), { lease });
      const text = await readFile(lease.file, 'utf8');
      assert.match(text, /^git repos\/[0-9a-f]{32}$/m);
      assert.ok(text.includes(`git contexts/${path.basename(dir)}\n`), text);
      assert.deepEqual(await pruneGit(root), []);
      assert.ok(existsSync(dir));
    } finally {
      await lease.close();
    }
    assert.equal((await pruneGit(root)).length, 2);
  });

  it('after prune --all the next use fetches and checks out again', async () => {
    const { root } = await filledStore();
    const before = server.uploads('app');
    await prune({ root, all: true, filter: {}, verbose: false });
    assert.deepEqual(
      (await du(root)).filter((r) => r.type !== 'internal'),
      [],
    );
    const { dir } = await checkoutGitContext(spec, gitStateDir(root));
    assert.equal(await readFile(path.join(dir, 'src/main.txt'), 'utf8'), 'main\n');
    assert.ok(server.uploads('app') > before, 'fetched again');
    assert.equal((await du(root, [gitType])).length, 2);
  });

  it('a prune in the same process waits for a fetch or checkout holding the repository', async () => {
    const { root, repo } = await filledStore();
    await pruneGit(root); // an idle store: only the repository below
    const source = new GitSource({ stateDir: gitStateDir(root) });
    let pruning: Promise<CacheUsageRecord[]> | undefined;
    let seenDuring = true;
    await source.repos.withRepo(spec.remote, async (gitDir) => {
      assert.equal(gitDir, repo);
      pruning = pruneGit(root);
      // Give prune every chance to move the repository away under us.
      for (let i = 0; i < 20; i++) {
        await sleep(10);
        seenDuring &&= existsSync(path.join(gitDir, 'HEAD'));
      }
    });
    assert.ok(seenDuring, 'the repository vanished while in use');
    assert.deepEqual(
      (await pruning)?.map((r) => r.id),
      [path.basename(repo)],
    );
    assert.ok(!existsSync(repo));
  });

  it('recovery removes what a dead prune hid or a dead git source was creating', async () => {
    const root = path.join(work, `root-${++n}`);
    const dead = execFileSync('sh', ['-c', 'echo $$-$(cut -d" " -f22 /proc/$$/stat)'], {
      encoding: 'utf8',
    }).trim();
    const live = ownerTag();
    const names = [
      `repos/.gc-${dead}-${'a'.repeat(32)}`,
      `repos/${'b'.repeat(32)}.tmp-${dead}-1234`,
      `contexts/.tmp-${dead}-${'c'.repeat(32)}-1234`,
      `repos/.gc-${live}-${'d'.repeat(32)}`,
      `contexts/.tmp-${live}-${'e'.repeat(32)}-1234`,
      `contexts/${'f'.repeat(32)}`,
    ];
    for (const name of names) await mkdir(path.join(gitStateDir(root), name, 'x'), { recursive: true });
    await recoverStore(root, { runtimeStateDir: path.join(work, 'no-runtime') });
    assert.deepEqual(await gitNames(root), names.slice(3).sort());
  });
});

describe('git sources through the CLI, pruned and built again', {
  skip: process.getuid?.() !== 0 ? 'needs root' : false,
}, () => {
  let server: GitServer;
  let work: string;

  before(async () => {
    server = await startGitServer();
    work = await mkdtemp(path.join(tmpdir(), 'tsbuild-gitgc-cli-'));
  });
  after(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const cli = (root: string, args: string[]) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'src/cli/main.ts'), ...args], {
        env: { ...process.env, TSBUILD_ROOT: root, TSBUILD_GC: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });

  it('a git main context and an ADD from git: du shows them, prune --all removes them, the build works again', {
    timeout: 120_000,
  }, async () => {
    const root = path.join(work, 'root');
    // app@main's Dockerfile: FROM scratch, COPY src/ /src/; the ADD brings lib's cache repository.
    const app = `${server.url}/app#main`;
    const ctx = path.join(work, 'ctx');
    await mkdir(ctx);
    await writeFile(path.join(ctx, 'Dockerfile'), `FROM scratch\nADD ${server.url}/lib#main /lib\n`);
    const build = async (name: string) => {
      const out = path.join(work, name);
      const a = await cli(root, ['build', '--progress=plain', '-o', `type=local,dest=${out}-a`, app]);
      assert.equal(a.code, 0, a.output.slice(-3000));
      assert.equal(await readFile(path.join(`${out}-a`, 'src/main.txt'), 'utf8'), 'main\n');
      const b = await cli(root, ['build', '--progress=plain', '-o', `type=local,dest=${out}-b`, ctx]);
      assert.equal(b.code, 0, b.output.slice(-3000));
      assert.equal(await readFile(path.join(`${out}-b`, 'lib/lib.txt'), 'utf8'), 'lib v1\n');
    };
    await build('first');
    const items = await du(root, [gitType]);
    const descriptions = items.map((r) => r.description).sort();
    assert.deepEqual(descriptions, [
      `git context ${server.url}/app#refs/heads/main`,
      `git repository ${server.url}/app`,
      `git repository ${server.url}/lib`,
    ]);
    assert.ok(items.every((r) => r.reclaimable && !r.inUse));
    const pruned = await cli(root, ['prune', '--all', '-f']);
    assert.equal(pruned.code, 0, pruned.output);
    assert.deepEqual(await du(root, [gitType]), []);
    assert.deepEqual(await gitNames(root), []);
    await build('second');
    assert.equal((await du(root, [gitType])).length, 3);
  });
});
