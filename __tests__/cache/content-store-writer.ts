// Child process for the concurrent-writers test: streams a file into the store and prints the digest.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ContentStore } from '../../src/cache/index.ts';

const [root, source, digest] = process.argv.slice(2) as [string, string, string];
const store = new ContentStore(root);
const writer = await store.writer({ digest });
await pipeline(createReadStream(source, { highWaterMark: 64 * 1024 }), writer.stream);
const result = await writer.commit();
process.stdout.write(`${result.digest}\n`);
