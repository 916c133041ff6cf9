import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheExportHook, type PostContext } from '../../src/action/post-hooks.ts';
import { runPost } from '../../src/action/post-step.ts';

function fakeCore(state: Record<string, string>) {
  const log: string[] = [];
  return {
    log,
    core: {
      getState: (n: string) => state[n] ?? '',
      info: (m: string) => log.push(`info ${m}`),
      warning: (m: string) => log.push(`warning ${m}`),
      debug: (m: string) => log.push(`debug ${m}`),
    },
  };
}

test('post runs every hook with what main saved; a failing hook is a warning, the next still runs', async () => {
  const { core, log } = fakeCore({
    root: '/var/lib/tsbuild',
    outcome: 'success',
    cacheExports: '["gha","local"]',
  });
  const seen: PostContext[] = [];
  await runPost({
    core,
    hooks: [
      { name: 'first', run: async () => Promise.reject(new Error('boom')) },
      { name: 'second', run: async (ctx) => void seen.push(ctx) },
    ],
  });
  assert.deepEqual(log, ['warning post step: first failed: boom']);
  assert.equal(seen.length, 1);
  assert.deepEqual(
    [seen[0]!.root, seen[0]!.outcome, seen[0]!.cacheExports],
    ['/var/lib/tsbuild', 'success', ['gha', 'local']],
  );
});

test('post is safe when main failed before saving anything (even garbage state)', async () => {
  const { core, log } = fakeCore({ cacheExports: '{not json' });
  const seen: PostContext[] = [];
  await runPost({ core, hooks: [{ name: 'h', run: async (ctx) => void seen.push(ctx) }, cacheExportHook] });
  assert.deepEqual([seen[0]!.root, seen[0]!.outcome, seen[0]!.cacheExports], [undefined, 'unknown', []]);
  assert.equal(
    log.some((l) => l.startsWith('warning')),
    false,
    log.join('\n'),
  );
});

test('the cache export placeholder: only for type=gha, only after a successful main', async () => {
  const run = async (state: Record<string, string>) => {
    const { core, log } = fakeCore(state);
    await runPost({ core, hooks: [cacheExportHook] });
    return log.filter((l) => l.startsWith('info')).join('\n');
  };
  assert.equal(await run({ root: '/r', outcome: 'success', cacheExports: '["local"]' }), '');
  assert.match(
    await run({ root: '/r', outcome: 'success', cacheExports: '["gha"]' }),
    /type=gha cache export is not implemented yet/,
  );
  assert.match(
    await run({ root: '/r', outcome: 'failure', cacheExports: '["gha"]' }),
    /skipped \(main failed\)/,
  );
});
