// A small HTTP file server on 127.0.0.1 for http-source tests: files with ETag and/or
// Last-Modified validators (honouring If-None-Match / If-Modified-Since), redirects, injected
// 503s, Content-Disposition, and a log of every request.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  body: string | Buffer;
  /** Send an ETag (default true). */
  etag?: boolean;
  /** Send Last-Modified (Date), default none. */
  lastModified?: Date;
  contentDisposition?: string;
  /** Answer the next N requests with 503 first. */
  failTimes?: number;
  /** Ignore conditional headers (always 200). */
  ignoreConditions?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  authorization?: string;
  status: number;
}

export interface FileServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  files: Map<string, ServedFile>;
  redirects: Map<string, string>;
  requests: LoggedRequest[];
  /** Requests to `path` (optionally of one method). */
  count(path: string, method?: string): number;
  stop(): Promise<void>;
}

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, ServedFile>();
  const redirects = new Map<string, string>();
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const status = handle(req, res, files, redirects);
    const entry: LoggedRequest = { method: req.method ?? '', path: req.url ?? '', status };
    if (req.headers['if-none-match']) entry.ifNoneMatch = String(req.headers['if-none-match']);
    if (req.headers['if-modified-since']) entry.ifModifiedSince = String(req.headers['if-modified-since']);
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    requests.push(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    redirects,
    requests,
    count: (path, method) =>
      requests.filter((r) => r.path === path && (!method || r.method === method)).length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  files: Map<string, ServedFile>,
  redirects: Map<string, string>,
): number {
  const path = req.url ?? '/';
  const target = redirects.get(path);
  if (target) {
    res.writeHead(302, { location: target }).end();
    return 302;
  }
  const file = files.get(path);
  if (!file) {
    res.writeHead(404).end('not found');
    return 404;
  }
  if (file.failTimes && file.failTimes > 0) {
    file.failTimes--;
    res.writeHead(503, { 'retry-after': '0' }).end('busy');
    return 503;
  }
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  const etag = file.etag === false ? undefined : etagOf(file.body);
  if (etag) headers.etag = etag;
  if (file.lastModified) headers['last-modified'] = file.lastModified.toUTCString();
  if (file.contentDisposition) headers['content-disposition'] = file.contentDisposition;
  if (!file.ignoreConditions && notModified(req, etag, file.lastModified)) {
    res.writeHead(304, headers).end();
    return 304;
  }
  headers['content-length'] = String(Buffer.byteLength(file.body));
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : file.body);
  return 200;
}

function notModified(
  req: IncomingMessage,
  etag: string | undefined,
  lastModified: Date | undefined,
): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return etag !== undefined && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined && lastModified) {
    return Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
  }
  return false;
}
