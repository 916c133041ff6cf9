/**
 * A local HTTP server answering from a script, one reply per request (the last one repeats),
 * recording each request's path, headers and JSON body. For the twirp client's unit tests.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status: number;
  body?: unknown;
  /** Raw text instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export class ScriptedServer {
  readonly seen: SeenRequest[] = [];
  script: ScriptedReply[];
  url = '';
  #server: Server | undefined;

  constructor(script: ScriptedReply[]) {
    this.script = script;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        this.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        const reply = this.script[Math.min(this.seen.length - 1, this.script.length - 1)]!;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.text ?? JSON.stringify(reply.body ?? {}));
      });
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}
