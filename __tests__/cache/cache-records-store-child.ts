// Child process for cache-records-store.test.ts: solves one graph against an on-disk record
// directory and prints what it executed, so two processes can be compared.
import { CacheRecordDir } from '../../src/cache/cache-record-dir.ts';
import { RecordCacheStore } from '../../src/cache/cache-records-store.ts';
import { type Result, Solver } from '../../src/solver/index.ts';
import { contentOf, contentsAndRelease, node, out, type TestVertex, World } from '../solver/test-graph.ts';

const [dir, ctxData] = process.argv.slice(2) as [string, string];
const world = new World();
const store = new RecordCacheStore<Result>(new CacheRecordDir(dir), {
  encode: async (r, output) => ({
    output,
    snapshot: Buffer.from(contentOf(r)).toString('base64url'),
    layers: [],
  }),
  decode: async (e) => world.newResult(Buffer.from(e.snapshot, 'base64url').toString()),
});
const solver = new Solver<TestVertex>({ cache: store, resolveOp: world.resolveOp });
const ctx = node('ctx', [], { data: ctxData, content: () => 'files' });
const graph = node('run', [node('copy', [node('base'), ctx], { contentDeps: [1] })]);
const [result] = await contentsAndRelease(await solver.solve([out(graph)]));
process.stdout.write(JSON.stringify({ execs: world.execs, result }));
