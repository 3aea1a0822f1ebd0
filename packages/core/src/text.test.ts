import { describe, expect, it } from 'vitest';
import { decodeText, visible } from './text.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeText', () => {
  it('drops a UTF-8 byte-order mark (EF BB BF) and keeps the rest', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61, 0x62), 'f.txt')).toEqual({ ok: true, value: 'ab' });
  });

  it('keeps a byte-order mark that is not at the start (it is content)', () => {
    const r = decodeText(bytes(0x61, 0xef, 0xbb, 0xbf), 'f.txt');
    expect(r).toEqual({ ok: true, value: 'a\uFEFF' });
  });

  it('refuses UTF-16 in either byte order, naming the source', () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const r = decodeText(bytes(...bom, 0x61, 0x00), 'w.klarf');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues[0]?.code).toBe('unsupported-encoding');
        expect(r.issues[0]?.message).toMatch(/^w\.klarf: .*UTF-16.*UTF-8/);
      }
    }
  });

  it('refuses binary data (a NUL byte) with its offset', () => {
    const r = decodeText(bytes(0x61, 0x62, 0x00, 0x63), 'x');
    expect(r).toEqual({
      ok: false,
      issues: [{ code: 'not-text', message: 'x: byte 2 is NUL: this is binary data, not a text file' }],
    });
  });

  it('refuses bytes that are not UTF-8, naming the first bad byte and its offset', () => {
    // "é" in Latin-1 (0xE9) followed by ASCII: not a valid UTF-8 sequence.
    const r = decodeText(bytes(0x61, 0x62, 0xe9, 0x41), 'latin1.txt');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]?.message).toBe(
        'latin1.txt: the file is not UTF-8 text (invalid byte 0xe9 at offset 2)',
      );
  });
});

describe('visible', () => {
  it('names characters a person cannot see, keeps spaces and newlines', () => {
    expect(visible('a\u00A0b\u000Bc\uFEFFd e\nf')).toBe(
      'a<U+00A0 no-break space>b<U+000B vertical tab>c<U+FEFF byte-order mark>d e\nf',
    );
  });

  it('names unlisted control and format characters by code point', () => {
    expect(visible('\u0001\u2061')).toBe('<U+0001><U+2061>');
  });
});
