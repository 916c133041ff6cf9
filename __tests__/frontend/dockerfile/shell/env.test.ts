import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isProxyArg, OrderedEnv, ShellLex } from '../../../../src/frontend/dockerfile/shell/index.ts';

describe('OrderedEnv', () => {
  it('keeps declaration order; replacing a key keeps its position; keys are case-sensitive', () => {
    const env = OrderedEnv.fromList(['PATH=/bin', 'A=1', 'a=2', 'B']);
    env.set('A', '3');
    env.set('C', '4');
    assert.deepEqual(env.toList(), ['PATH=/bin', 'A=3', 'a=2', 'B=', 'C=4']);
    assert.equal(env.get('b'), undefined);
    assert.equal(env.get('B'), '');
    const copy = env.clone();
    copy.delete('A');
    assert.equal(env.has('A'), true);
    assert.deepEqual(copy.keys(), ['PATH', 'a', 'B', 'C']);
  });

  it('toList follows every change, whatever was listed before, and hands out copies', () => {
    const env = new OrderedEnv([['A', '1']]);
    const first = env.toList();
    first.push('X=junk');
    env.set('B', '2');
    assert.deepEqual(env.toList(), ['A=1', 'B=2']);
    env.set('A', '3');
    assert.deepEqual(env.toList(), ['A=3', 'B=2']);
    const copy = env.clone();
    env.delete('A');
    env.set('C', '4');
    assert.deepEqual(env.toList(), ['B=2', 'C=4']);
    copy.set('D', '5');
    assert.deepEqual(copy.toList(), ['A=3', 'B=2', 'D=5']);
    env.set('B', '2');
    env.set('A', '6');
    assert.deepEqual(env.toList(), ['B=2', 'C=4', 'A=6']);
    assert.deepEqual(first, ['A=1', 'X=junk']);
  });

  it('listJson is JSON.stringify(toList()) through any sequence of changes and clones', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let env = new OrderedEnv();
    for (let i = 0; i < 3000; i++) {
      const key = ['A', 'B', 'C', 'D', 'É', 'q"k'][rand(6)]!;
      const op = rand(10);
      if (op < 5) env.set(key, `v${rand(4)}\n"`);
      else if (op < 6) env.delete(key);
      else if (op < 7) env = env.clone();
      else if (op < 8) env.toList();
      assert.equal(env.listJson(), JSON.stringify(env.toList()), `step ${i}`);
      assert.equal(env.size, env.toList().length);
    }
  });

  it('serves as the lexer environment', () => {
    const env = OrderedEnv.fromList(['A=x']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell word under test
    const got = new ShellLex('\\').processWord('$A-${B:-y}', env);
    assert.equal(got.result, 'x-y');
    assert.deepEqual([...got.unmatched], ['B']);
  });
});

describe('proxy args', () => {
  it('lists both cases of the five proxy variables only', () => {
    for (const name of ['HTTP_PROXY', 'https_proxy', 'FTP_PROXY', 'no_proxy', 'ALL_PROXY']) {
      assert.equal(isProxyArg(name), true, name);
    }
    assert.equal(isProxyArg('Http_Proxy'), false);
    assert.equal(isProxyArg('PROXY'), false);
  });
});
