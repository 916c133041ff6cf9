import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cleanPath,
  destRelativeToWorkdir,
  normalizePath,
} from '../../../../src/frontend/dockerfile/convert/copy-options.ts';
import { goClean } from '../../../../src/util/patterns/index.ts';

describe('normalizePath', () => {
  it('is goClean of the joined path for any path (already-clean paths skip the work)', () => {
    const parts = ['', '/', '//', '.', './', '..', '../', 'a', 'bc', '.x', 'x.', '..y', '...', 'é'];
    let seed = 3;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return parts[seed % parts.length]!;
    };
    for (let i = 0; i < 20000; i++) {
      let p = '';
      for (let j = seed % 6; j >= 0; j--) p += pick() + (seed % 3 === 0 ? '' : '/');
      for (const base of ['/', '/app', '/app/']) {
        const joined = p.startsWith('/') ? p : `${base}/${p}`;
        assert.equal(normalizePath(base, p, false), goClean(joined), JSON.stringify([base, p]));
        assert.equal(cleanPath(p), goClean(p), JSON.stringify(p));
      }
    }
  });

  it('keeps a trailing slash when asked, as BuildKit does for "into this directory"', () => {
    assert.equal(normalizePath('/app', 'dst/', true), '/app/dst/');
    assert.equal(normalizePath('/app', 'dst/.', true), '/app/dst/');
    assert.equal(normalizePath('/', '/', true), '/');
    assert.equal(destRelativeToWorkdir('/w', '.'), '/w/');
    assert.equal(destRelativeToWorkdir('/w', '/abs//x/../y'), '/abs/y');
  });
});
