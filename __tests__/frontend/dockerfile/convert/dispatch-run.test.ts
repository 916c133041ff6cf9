import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCommandString } from '../../../../src/frontend/dockerfile/convert/dispatch-run.ts';
import { OrderedEnv } from '../../../../src/frontend/dockerfile/shell/index.ts';

describe('runCommandString', () => {
  const env = OrderedEnv.fromList(['A=from-env', 'B=']);
  const cases: [string, string[], { key: string; value: string | undefined }[], string][] = [
    ['no build args: the command alone', ['/bin/sh', '-c', 'make'], [], '/bin/sh -c make'],
    [
      'env values win over defaults; unset without default is empty',
      ['/bin/sh', '-c', 'x'],
      [
        { key: 'A', value: 'default' },
        { key: 'C', value: 'c' },
        { key: 'D', value: undefined },
        { key: 'B', value: 'ignored' },
      ],
      '|4 A=from-env C=c D= B= /bin/sh -c x',
    ],
    [
      'a repeated key keeps its first position and takes the last value',
      ['run'],
      [
        { key: 'C', value: '1' },
        { key: 'E', value: 'e' },
        { key: 'C', value: '2' },
      ],
      '|2 C=2 E=e run',
    ],
    ['no command words: no trailing blank', [], [{ key: 'C', value: '1' }], '|1 C=1'],
    ['one empty command word: joined as strings.Join does', [''], [{ key: 'C', value: '1' }], '|1 C=1 '],
  ];
  for (const [name, args, buildArgs, want] of cases) {
    it(name, () => assert.equal(runCommandString(args, buildArgs, env), want));
  }
});
