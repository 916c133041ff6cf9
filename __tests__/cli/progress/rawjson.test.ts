import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPrinter, resolveMode } from '../../../src/cli/progress/printer.ts';
import { parseRawJson, RawJsonPrinter } from '../../../src/cli/progress/rawjson.ts';
import { MemoryStream } from '../memory-io.ts';
import { recordedEvents } from './recorded-events.ts';

describe('rawjson printer', () => {
  it('writes one JSON event per line that reads back to the same events', () => {
    const out = new MemoryStream();
    const p = new RawJsonPrinter(out);
    for (const e of recordedEvents) p.onEvent(e);
    p.close();
    assert.equal(out.text.trimEnd().split('\n').length, recordedEvents.length);
    assert.deepEqual(parseRawJson(out.text), recordedEvents);
  });
});

describe('printer choice', () => {
  it('auto is tty on a terminal, plain elsewhere; tty falls back to plain; none is quiet', () => {
    assert.equal(resolveMode('auto', new MemoryStream(true)), 'tty');
    assert.equal(resolveMode('auto', new MemoryStream(false)), 'plain');
    assert.equal(resolveMode('tty', new MemoryStream(false)), 'plain');
    assert.equal(resolveMode('none', new MemoryStream(true)), 'quiet');
    assert.equal(resolveMode('rawjson', new MemoryStream(true)), 'rawjson');
  });
  it('quiet prints nothing', () => {
    const out = new MemoryStream();
    const p = createPrinter('quiet', out);
    for (const e of recordedEvents) p.onEvent(e);
    p.close();
    assert.equal(out.text, '');
  });
});
