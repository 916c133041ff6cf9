import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPlatform, parsePlatform, platformMatches } from '../../src/oci/index.ts';

describe('platform', () => {
  const cases: [string, string][] = [
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['Linux/X86_64', 'linux/amd64'],
    ['linux/arm/7', 'linux/arm/v7'],
  ];
  for (const [input, want] of cases) {
    it(`normalises ${input} to ${want}`, () => assert.equal(formatPlatform(parsePlatform(input)), want));
  }

  it('matches arm64 with and without v8, but not arm/v6 against arm/v7', () => {
    assert.ok(
      platformMatches(parsePlatform('linux/arm64'), { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    );
    assert.ok(!platformMatches(parsePlatform('linux/arm/v7'), parsePlatform('linux/arm/v6')));
    assert.ok(!platformMatches(parsePlatform('linux/amd64'), parsePlatform('linux/arm64')));
  });

  it('rejects malformed strings', () => {
    assert.throws(() => parsePlatform('linux'), /invalid platform/);
    assert.throws(() => parsePlatform('linux//v7'), /invalid platform/);
  });
});
