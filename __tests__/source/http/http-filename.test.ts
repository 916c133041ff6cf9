import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispositionFileName, httpFileName, safeFileName } from '../../../src/source/http/index.ts';

describe('http source file names (BuildKit getFileName)', () => {
  const cases: [string, string | undefined, string | undefined, string][] = [
    ['https://h/a/b/tool.tar.gz', undefined, undefined, 'tool.tar.gz'],
    ['https://h/a/b/', undefined, undefined, 'b'],
    ['https://h/', undefined, undefined, 'download'],
    ['https://h', undefined, undefined, 'download'],
    ['https://h/x%20y.txt', undefined, undefined, 'x y.txt'],
    ['https://h/get?id=1', undefined, 'attachment; filename="r.csv"', 'r.csv'],
    ['https://h/get', undefined, 'attachment; filename="../../etc/passwd"', 'passwd'],
    ['https://h/get', undefined, 'attachment; filename="dir/"', 'get'],
    ['https://h/get', undefined, "attachment; filename*=UTF-8''na%C3%AFve.txt", 'naïve.txt'],
    ['https://h/get', 'mine.bin', 'attachment; filename="r.csv"', 'mine.bin'],
    ['https://h/get', '../up', undefined, 'up'],
  ];
  for (const [url, manual, disposition, want] of cases) {
    it(`${url} ${manual ?? ''} ${disposition ?? ''} → ${want}`, () => {
      assert.equal(httpFileName(url, manual, disposition), want);
    });
  }

  it('safeFileName rejects dot names and control characters', () => {
    assert.equal(safeFileName('..'), 'download');
    assert.equal(safeFileName('a\nb'), 'download');
    assert.equal(safeFileName(' ok '), 'ok');
  });

  it('reads quoted and unquoted Content-Disposition parameters', () => {
    assert.equal(dispositionFileName('attachment; filename=plain.txt'), 'plain.txt');
    assert.equal(dispositionFileName('inline; filename="a \\"q\\".txt"'), 'a "q".txt');
    assert.equal(dispositionFileName('attachment'), undefined);
  });
});
