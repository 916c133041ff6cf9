import type { IncomingMessage } from 'node:http';
import { BuildError } from '../errors/index.ts';
import type { OperationContext } from './retry.ts';

/** distribution's error body: `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…"}]}`. */
export function describeErrorBody(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    }
  } catch {
    // Not JSON: fall back to the raw text.
  }
  return body.toString('utf8').slice(0, 200).trim();
}

/** A BuildError for a final (non-retryable) HTTP failure, coded by status. */
export function responseError(context: OperationContext, res: IncomingMessage, body: Buffer): BuildError {
  const status = res.statusCode ?? 0;
  const detail = describeErrorBody(body);
  const where = `${context.registry}/${context.repository}`;
  const data = { ...context, status, detail };
  if (status === 401) {
    return new BuildError(
      'ERR_TSBUILD_REGISTRY_UNAUTHORIZED',
      `${context.operation}: ${where} needs credentials (${detail || 'HTTP 401'})`,
      {
        hint: `log in to ${context.registry} (docker login) or pass credentials`,
        data,
      },
    );
  }
  if (status === 403) {
    return new BuildError(
      'ERR_TSBUILD_REGISTRY_DENIED',
      `${context.operation}: access to ${where} denied (${detail || 'HTTP 403'})`,
      {
        hint: 'check that these credentials may read (pull) or write (push) this repository',
        data,
      },
    );
  }
  if (status === 404) {
    return new BuildError(
      'ERR_TSBUILD_REGISTRY_NOT_FOUND',
      `${context.operation}: not found in ${where}${detail ? ` (${detail})` : ''}`,
      {
        hint: 'check the image name, tag and registry',
        data,
      },
    );
  }
  return new BuildError(
    'ERR_TSBUILD_REGISTRY_HTTP',
    `${context.operation} on ${where} failed: HTTP ${status}${detail ? ` ${detail}` : ''}`,
    { data },
  );
}
