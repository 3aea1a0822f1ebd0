// Text from outside (files, wire) as a string, with the traps named instead of passed on: a UTF-8
// byte-order mark is dropped, UTF-16 and binary data are refused, and characters a person cannot
// see are shown by name in messages.
import { type Issue, issue } from './issue.js';
import type { Result } from './result.js';

export type TextIssueCode = 'unsupported-encoding' | 'not-text';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decode bytes as UTF-8 text. A leading UTF-8 byte-order mark is removed; a UTF-16/32 byte-order mark,
 * a NUL byte or a byte sequence that is not UTF-8 is refused with an issue naming `source`.
 */
export function decodeText(bytes: Uint8Array, source: string): Result<string, TextIssueCode> {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe)) {
    return refuse(
      'unsupported-encoding',
      `${source}: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return refuse('not-text', `${source}: byte ${nul} is NUL: this is binary data, not a text file`);
  }
  const start = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { ok: true, value: decoder.decode(bytes.subarray(start)) };
  } catch {
    // TextDecoder's only failure with fatal: true is a byte sequence that is not UTF-8.
    return refuse('not-text', `${source}: the file is not UTF-8 text (${firstBadUtf8(bytes, start)})`);
  }
}

function refuse(code: TextIssueCode, message: string): { ok: false; issues: Issue<TextIssueCode>[] } {
  return { ok: false, issues: [issue(code, message)] };
}

/** Where the first invalid UTF-8 sequence starts, for the message. */
function firstBadUtf8(bytes: Uint8Array, start: number): string {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) break;
    try {
      decoder.decode(bytes.subarray(i, i + n));
    } catch {
      break;
    }
    i += n;
  }
  return `invalid byte 0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')} at offset ${i}`;
}

const NAMES: Readonly<Record<number, string>> = {
  9: 'tab',
  11: 'vertical tab',
  12: 'form feed',
  13: 'carriage return',
  133: 'next line',
  160: 'no-break space',
  8203: 'zero-width space',
  8204: 'zero-width non-joiner',
  8205: 'zero-width joiner',
  8232: 'line separator',
  8233: 'paragraph separator',
  8239: 'narrow no-break space',
  8288: 'word joiner',
  65279: 'byte-order mark',
};

// Control characters, format characters and spaces other than U+0020: invisible or misleading in a
// message. Newline stays as it is.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/gu;

/**
 * `s` with every character a person cannot see named: `a\u00A0b` → `a<U+00A0 no-break space>b`.
 * Ordinary spaces and newlines are kept.
 */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    if (c === ' ' || c === '\n') return c;
    const cp = c.codePointAt(0)!;
    const name = NAMES[cp];
    return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}${name === undefined ? '' : ` ${name}`}>`;
  });
}
