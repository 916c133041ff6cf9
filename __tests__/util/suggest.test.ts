import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levenshtein, suggest, withSuggestion } from '../../src/util/suggest.ts';

test('levenshtein distance', () => {
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(levenshtein('chmood', 'chmod'), 1);
  assert.equal(levenshtein('é', 'e'), 1);
});

test('suggest picks the closest option below distance 3, matching case when insensitive', () => {
  assert.equal(suggest('COPPY', ['ADD', 'COPY', 'RUN'], false), 'COPY');
  assert.equal(suggest('coppy', ['ADD', 'COPY', 'RUN'], false), 'copy');
  assert.equal(suggest('Coppy', ['ADD', 'COPY'], false), 'copy');
  assert.equal(suggest('chmood', ['chown', 'chmod'], true), 'chmod');
  assert.equal(suggest('zzzzzz', ['chown', 'chmod'], true), undefined);
  assert.equal(suggest('chmod', ['chmod', 'chmo'], true), undefined);
  assert.equal(
    withSuggestion('unknown flag: --mout', 'mout', ['device', 'mount'], true),
    'unknown flag: --mout (did you mean mount?)',
  );
});
