import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvFieldError, splitCsvFields } from '../../src/util/csv-fields.ts';

describe('splitCsvFields', () => {
  const cases: Array<[string, string[]]> = [
    ['type=oci,dest=out.tar', ['type=oci', 'dest=out.tar']],
    ['type=image,"name=a:1,b:2",push=true', ['type=image', 'name=a:1,b:2', 'push=true']],
    ['"a ""quoted"" word",x', ['a "quoted" word', 'x']],
    ['a,,b', ['a', '', 'b']],
    ['a,', ['a', '']],
    ['single', ['single']],
    ['', []],
    ['x\n', ['x']],
  ];
  for (const [input, want] of cases) {
    it(`splits ${JSON.stringify(input)}`, () => assert.deepEqual(splitCsvFields(input), want));
  }

  it('refuses a bare quote inside an unquoted field, as encoding/csv does', () => {
    assert.throws(() => splitCsvFields('type=image,name="a,b"'), CsvFieldError);
  });
  it('refuses an unterminated quoted field', () => {
    assert.throws(() => splitCsvFields('"abc'), /missing "/);
  });
  it('refuses text after a closing quote', () => {
    assert.throws(() => splitCsvFields('"abc"d,e'), CsvFieldError);
  });
});
