// SML text -> SECS-II messages and items. Accepts the usual forms:
//   S1F3 W <L [2] <U4 1> <U4 2>>.      (one message; W optional; body optional: `S1F1 W.`)
// comments (// and /* */), any layout, quoted ASCII with escapes, hex binary, booleans, `<L>` empty,
// and optional `[n]` counts, which must match. Errors come back as values naming line and column.

import { F4, F8 } from '../item/constructors.js';
import { type Item, type ItemFormat, isNumericFormat } from '../item/item.js';
import { firstNonJis8 } from '../item/jis8.js';
import type { SecsMessage } from '../message.js';
import { Cursor, type Mark, type SmlError, SmlFailure } from './cursor.js';
import { parseBoolean, parseFloatWord, parseInteger, readQuoted, type Word } from './parse-values.js';

export type SmlMessagesResult = { ok: true; messages: SecsMessage[] } | { ok: false; error: SmlError };
export type SmlItemResult = { ok: true; item: Item } | { ok: false; error: SmlError };
export type SmlItemsResult = { ok: true; items: Item[] } | { ok: false; error: SmlError };

const FORMAT_WORDS: Record<string, ItemFormat> = {
  L: 'L',
  B: 'B',
  BOOLEAN: 'BOOLEAN',
  BOOL: 'BOOLEAN',
  A: 'A',
  J: 'J',
  I1: 'I1',
  I2: 'I2',
  I4: 'I4',
  I8: 'I8',
  U1: 'U1',
  U2: 'U2',
  U4: 'U4',
  U8: 'U8',
  F4: 'F4',
  F8: 'F8',
};

/** Default cap on list nesting while parsing, matching the decoder's default. */
const MAX_DEPTH = 64;

function readCount(cur: Cursor): { n: number; at: Mark } | undefined {
  cur.skipBlank();
  if (cur.peek() !== '[') return undefined;
  const at = cur.mark();
  cur.next();
  cur.skipBlank();
  const digits = cur.word();
  if (!/^[0-9]{1,9}$/.test(digits)) cur.fail('sml-syntax', `count '[${digits}' is not a number`, at);
  cur.skipBlank();
  if (cur.next() !== ']') cur.fail('sml-syntax', 'count is not closed with ]', at);
  return { n: Number(digits), at };
}

function readWords(cur: Cursor): Word[] {
  const words: Word[] = [];
  for (;;) {
    cur.skipBlank();
    const c = cur.peek();
    if (c === '>' || c === '') return words;
    const at = cur.mark();
    const text = cur.word();
    if (text === '') cur.fail('sml-syntax', `unexpected '${c}'`, at);
    words.push({ text, at });
  }
}

function readText(cur: Cursor, format: 'A' | 'J'): string {
  let text = '';
  for (;;) {
    cur.skipBlank();
    const c = cur.peek();
    if (c === '>' || c === '') return text;
    if (c !== '"' && c !== "'") cur.fail('sml-syntax', `${format}: expected a quoted string, got '${c}'`);
    const at = cur.mark();
    const s = readQuoted(cur);
    const bad = format === 'A' ? s.search(/[^\u0000-\u00ff]/) : firstNonJis8(s);
    if (bad >= 0) {
      const cp = s.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
      cur.fail(
        'sml-value',
        `${format}: character U+${cp} has no ${format === 'A' ? 'one-byte' : 'JIS-8'} code`,
        at,
      );
    }
    text += s;
  }
}

function parseItem(cur: Cursor, depth: number): Item {
  cur.skipBlank();
  const open = cur.mark();
  if (cur.next() !== '<') cur.fail('sml-syntax', "expected '<' to start an item", open);
  cur.skipBlank();
  const fAt = cur.mark();
  const fWord = cur.word();
  const format = FORMAT_WORDS[fWord.toUpperCase()];
  if (format === undefined)
    cur.fail('sml-syntax', fWord === '' ? 'item has no format' : `unknown item format '${fWord}'`, fAt);
  const count = readCount(cur);
  let item: Item;
  if (format === 'L') {
    if (depth >= MAX_DEPTH) cur.fail('sml-syntax', `lists nested deeper than ${MAX_DEPTH}`, open);
    const members: Item[] = [];
    for (;;) {
      cur.skipBlank();
      const c = cur.peek();
      if (c === '>' || cur.done) break;
      if (c !== '<')
        cur.fail(
          'sml-syntax',
          `expected an item or '>' to close the L opened at line ${open.line}, column ${open.column}, got '${c}'`,
        );
      members.push(parseItem(cur, depth + 1));
    }
    item = { format, value: members };
  } else if (format === 'A' || format === 'J') {
    item = { format, value: readText(cur, format) };
  } else {
    const words = readWords(cur);
    if (format === 'BOOLEAN') item = { format, value: words.map((w) => parseBoolean(cur, w)) };
    else if (format === 'F4') item = F4(words.map((w) => parseFloatWord(cur, format, w)));
    else if (format === 'F8') item = F8(words.map((w) => parseFloatWord(cur, format, w)));
    else if (format === 'B')
      item = { format, value: Uint8Array.from(words, (w) => Number(parseInteger(cur, 'B', w))) };
    else if (format === 'I8')
      item = { format, value: BigInt64Array.from(words, (w) => parseInteger(cur, format, w)) };
    else if (format === 'U8')
      item = { format, value: BigUint64Array.from(words, (w) => parseInteger(cur, format, w)) };
    else if (isNumericFormat(format))
      item = intItem(
        format,
        words.map((w) => Number(parseInteger(cur, format, w))),
      );
    else throw new TypeError(`unhandled format ${format}`);
  }
  cur.skipBlank();
  if (cur.next() !== '>') cur.fail('sml-syntax', `${format} item opened here is not closed with '>'`, open);
  if (count !== undefined && count.n !== item.value.length)
    cur.fail('sml-count', `${format} declares [${count.n}] but holds ${item.value.length}`, count.at);
  return item;
}

function intItem(format: 'I1' | 'I2' | 'I4' | 'U1' | 'U2' | 'U4', values: number[]): Item {
  switch (format) {
    case 'I1':
      return { format, value: Int8Array.from(values) };
    case 'I2':
      return { format, value: Int16Array.from(values) };
    case 'I4':
      return { format, value: Int32Array.from(values) };
    case 'U1':
      return { format, value: Uint8Array.from(values) };
    case 'U2':
      return { format, value: Uint16Array.from(values) };
    case 'U4':
      return { format, value: Uint32Array.from(values) };
  }
}

function parseMessage(cur: Cursor): SecsMessage {
  const at = cur.mark();
  const head = cur.word(true);
  const m = /^[sS]([0-9]{1,3})[fF]([0-9]{1,3})([wW]?)$/.exec(head); // `S1F1W` written without a space too
  if (m === null)
    cur.fail('sml-syntax', `expected a message header like S1F3, got '${head || cur.peek()}'`, at);
  const stream = Number(m[1]);
  const func = Number(m[2]);
  if (stream > 127) cur.fail('sml-value', `stream ${stream} is out of range 0..127`, at);
  if (func > 255) cur.fail('sml-value', `function ${func} is out of range 0..255`, at);
  cur.skipBlank();
  let wBit = m[3] !== '';
  if (!wBit && (cur.peek() === 'W' || cur.peek() === 'w')) {
    const wAt = cur.mark();
    const w = cur.word(true);
    if (w.toUpperCase() !== 'W') cur.fail('sml-syntax', `expected W, '<' or '.', got '${w}'`, wAt);
    wBit = true;
    cur.skipBlank();
  }
  const msg: SecsMessage = { stream, function: func, wBit };
  if (cur.peek() === '<') {
    msg.body = parseItem(cur, 0);
    cur.skipBlank();
  }
  const endAt = cur.mark();
  if (cur.next() !== '.') {
    const c = cur.text[endAt.pos];
    cur.fail(
      'sml-syntax',
      `expected '.' to end the message, got ${c === undefined ? 'end of text' : `'${c}'`}`,
      endAt,
    );
  }
  return msg;
}

function run<T>(f: () => T): { ok: true; value: T } | { ok: false; error: SmlError } {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    if (err instanceof SmlFailure) return { ok: false, error: err.error };
    throw err;
  }
}

/** Parse zero or more SML messages (`S1F3 W <L ...>.`). */
export function parseSml(text: string): SmlMessagesResult {
  const r = run(() => {
    const cur = new Cursor(text);
    const messages: SecsMessage[] = [];
    for (;;) {
      cur.skipBlank();
      if (cur.done) return messages;
      messages.push(parseMessage(cur));
    }
  });
  return r.ok ? { ok: true, messages: r.value } : r;
}

/** Parse exactly one SML item (`<U4 1 2>`), nothing else but blanks and comments around it. */
export function parseSmlItem(text: string): SmlItemResult {
  const r = run(() => {
    const cur = new Cursor(text);
    const item = parseItem(cur, 0);
    cur.skipBlank();
    if (!cur.done) cur.fail('sml-syntax', `unexpected '${cur.peek()}' after the item`);
    return item;
  });
  return r.ok ? { ok: true, item: r.value } : r;
}

/** Parse zero or more bare SML items (`<U4 1> <L>`), e.g. bodies without message headers. */
export function parseSmlItems(text: string): SmlItemsResult {
  const r = run(() => {
    const cur = new Cursor(text);
    const items: Item[] = [];
    for (;;) {
      cur.skipBlank();
      if (cur.done) return items;
      items.push(parseItem(cur, 0));
    }
  });
  return r.ok ? { ok: true, items: r.value } : r;
}
