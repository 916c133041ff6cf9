import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseModeSpec } from '../../../../src/solver/ops/file/index.ts';

describe('parseModeSpec', () => {
  it('octal replaces permission and special bits', () => {
    const m = parseModeSpec(0o4750);
    assert.equal(m.octal, 0o4750);
    assert.equal(m.apply(0o644, false), 0o4750);
    assert.equal(parseModeSpec('0640').apply(0o777, true), 0o640);
  });

  // [mode, file mode before, is dir, expected]: chmod(1) semantics as BSD setmode (BuildKit's
  // dchapes-mode) implements them; unlike GNU chmod, `X` only counts with `+`.
  const table: [string, number, boolean, number][] = [
    ['u+x', 0o644, false, 0o744],
    ['+x', 0o644, false, 0o755],
    ['g-w', 0o664, false, 0o644],
    ['o=r', 0o666, false, 0o664],
    ['u+x,g-w,o=r', 0o676, false, 0o754],
    ['a=rX', 0o640, true, 0o444],
    ['a+rX', 0o640, true, 0o755],
    ['a=rX', 0o640, false, 0o444],
    ['a+X', 0o744, false, 0o755],
    ['go=u', 0o640, false, 0o666],
    ['u+s', 0o755, false, 0o4755],
    ['g+s', 0o755, true, 0o2755],
    ['+t', 0o777, true, 0o1777],
    ['o+t', 0o777, true, 0o777],
    ['u=rwx,go=', 0o4755, false, 0o700],
    ['=', 0o755, false, 0o000],
  ];
  for (const [mode, before, isDir, want] of table) {
    it(`${mode} on ${before.toString(8)}${isDir ? ' dir' : ''} → ${want.toString(8)}`, () => {
      const spec = parseModeSpec(mode);
      assert.equal(spec.octal, undefined);
      assert.equal(spec.apply(before, isDir).toString(8), want.toString(8));
    });
  }

  it('rejects nonsense', () => {
    for (const bad of ['', 'u', 'u+q', 'x+r', '99', 'u+x,']) {
      assert.throws(() => parseModeSpec(bad), { code: 'ERR_TSBUILD_FILE_INVALID_MODE' }, bad);
    }
  });
});
