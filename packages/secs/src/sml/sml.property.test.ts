import { hostileText } from '@bondline/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECS_PIECES } from '../hostile-pieces.test-util.js';
import { anyItem } from '../item/test-arbitrary.test-util.js';
import type { SecsMessage } from '../message.js';
import { parseSml, parseSmlItem } from './parse.js';
import { printSml, printSmlItem } from './print.js';

describe('SML properties', () => {
  it('parse(print(item)) deep-equals item, F4/F8 included, in both layouts', () => {
    fc.assert(
      fc.property(anyItem, fc.boolean(), (item, compact) => {
        expect(parseSmlItem(printSmlItem(item, { compact }))).toEqual({ ok: true, value: item });
      }),
      { numRuns: 500 },
    );
  });

  it('messages round-trip and printing is stable', () => {
    const message = fc.record({
      stream: fc.integer({ min: 0, max: 127 }),
      function: fc.integer({ min: 0, max: 255 }),
      wBit: fc.boolean(),
      body: fc.option(anyItem, { nil: undefined }),
    });
    fc.assert(
      fc.property(message, (m) => {
        const msg: SecsMessage = { stream: m.stream, function: m.function, wBit: m.wBit };
        if (m.body !== undefined) msg.body = m.body;
        const text = printSml(msg);
        const back = parseSml(text);
        expect(back).toEqual({ ok: true, value: [msg] });
        if (back.ok) expect(printSml(back.value[0]!)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('random text never throws out of the parser', () => {
    // Core's hostile text grown from nothing: runs of its hostile pieces and of SML's own words.
    const smlish = hostileText('', { pieces: SECS_PIECES });
    fc.assert(
      fc.property(fc.oneof(smlish, fc.string()), (text) => {
        const r = parseSml(text);
        if (!r.ok) {
          expect(r.issues).toHaveLength(1);
          expect(r.issues[0]?.path).toMatch(/^[1-9]\d*:[1-9]\d*$/);
          expect(r.issues[0]?.message).toMatch(/^line \d+, column \d+: /);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
