import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactCredentials } from '../../src/util/redact-url.ts';

describe('redactCredentials', () => {
  const cases: [string, string][] = [
    ['https://user:pw@host/repo.git', 'https://user:xxxxx@host/repo.git'],
    ['https://ghp_TOKEN@github.com/o/r.git', 'https://xxxxx@github.com/o/r.git'],
    ['ssh://git@host/repo.git', 'ssh://git@host/repo.git'],
    ['git@github.com:o/r.git', 'git@github.com:o/r.git'],
    ['https://host/path@v1', 'https://host/path@v1'],
    [
      "fatal: unable to access 'http://a:b@h/x/': 403\nsee http://c:d@h2/",
      "fatal: unable to access 'http://a:xxxxx@h/x/': 403\nsee http://c:xxxxx@h2/",
    ],
  ];
  for (const [input, want] of cases) {
    it(input, () => assert.equal(redactCredentials(input), want));
  }
});
