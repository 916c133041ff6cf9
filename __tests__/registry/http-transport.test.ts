import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HttpTransport, readBody } from '../../src/registry/http-transport.ts';

describe('HttpTransport', () => {
  it('sends plain http requests, and https ones through node:https loaded on first use', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tsbuild-transport-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ]);
    const plain = createHttpServer((_, res) => res.end('plain'));
    const tls = createHttpsServer(
      { key: await readFile(path.join(dir, 'key.pem')), cert: await readFile(path.join(dir, 'cert.pem')) },
      (_, res) => res.end('tls'),
    );
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const transport = new HttpTransport();
    t.after(() => {
      transport.close();
      plain.close();
      tls.close();
    });

    const res = await transport.send({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/`),
    });
    assert.equal((await readBody(res, 1024)).toString(), 'plain');

    // The self-signed certificate is not trusted: the request must fail in the TLS handshake,
    // which shows it went through node:https (loaded on first use) and not plain http.
    await assert.rejects(
      transport.send({
        method: 'GET',
        url: new URL(`https://127.0.0.1:${(tls.address() as AddressInfo).port}/`),
      }),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.match(`${err.message} ${String((err as { cause?: unknown }).cause)}`, /self[- ]signed/i);
        return true;
      },
    );
  });
});
