/**
 * The name of the one file an http source produces, chosen as BuildKit's source/http does:
 * the op's `filename`, else the `filename` parameter of Content-Disposition, else the last
 * component of the URL path, each made safe (a base name, no control characters), falling back
 * to `download`.
 */
export function httpFileName(url: string, manual: string | undefined, contentDisposition?: string): string {
  if (manual) return safeFileName(manual);
  const fromHeader = contentDisposition === undefined ? undefined : dispositionFileName(contentDisposition);
  if (fromHeader !== undefined && !fromHeader.endsWith('/')) {
    const base = lastComponent(fromHeader);
    if (base !== '' && base !== '/') return safeFileName(base);
  }
  try {
    const pathname = new URL(url).pathname;
    const base = lastComponent(pathname);
    if (base !== '' && base !== '.' && base !== '/') return safeFileName(decodeSafe(base));
  } catch {
    // not a URL: the default name
  }
  return safeFileName('');
}

/** BuildKit's pathutil.SafeFileName: the base name, or `download` when empty, dot-ish or binary. */
export function safeFileName(name: string): string {
  const base = lastComponent(name.trim());
  if (base === '' || base === '.' || base === '..' || base === '/') return 'download';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(base)) return 'download';
  return base;
}

/** Go's filepath.Base on a slash path: trailing slashes dropped, `/` for the root, `.` for empty. */
function lastComponent(p: string): string {
  if (p === '') return '';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The `filename` parameter of a Content-Disposition value (RFC 6266; `filename*` of RFC 5987
 * is what Go's mime.ParseMediaType also turns into `filename`).
 */
export function dispositionFileName(value: string): string | undefined {
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of value.matchAll(re)) {
    const key = m[1]!.toLowerCase();
    let v = m[2]!.trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params.set(key, v);
  }
  const extended = params.get('filename*');
  if (extended !== undefined) {
    const m = /^([^']*)'[^']*'(.*)$/.exec(extended);
    if (m && /^utf-8$/i.test(m[1]!)) {
      const decoded = decodeSafe(m[2]!);
      if (decoded !== '') return decoded;
    }
  }
  const plain = params.get('filename');
  return plain === '' ? undefined : plain;
}
