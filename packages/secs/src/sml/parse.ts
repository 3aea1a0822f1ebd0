// SML text -> SECS-II messages and items. Accepts the usual forms:
//   S1F3 W <L [2] <U4 1> <U4 2>>.      (one message; W optional; body optional: `S1F1 W.`)
// comments (// and /* */), any layout, quoted ASCII with escapes, hex binary, booleans, `<L>` empty,
// and optional `[n]` counts, which must match. Failures come back as one issue naming line and column.

import { issue, type Result, visible } from '@bondline/core';
import { F4, F8 } from '../item/constructors.js';
import { type Item, type ItemFormat, isNumericFormat } from '../item/item.js';
import { firstNonJis8 } from '../item/jis8.js';
import type { SecsMessage } from '../message.js';
import { Cursor, type Mark, quoted, SmlFailure, type SmlIssueCode } from './cursor.js';
import { parseBoolean, parseFloatWord, parseInteger, readQuoted, type Word } from './parse-values.js';

/** How SML text is read. */
export interface SmlReadOptions {
  /** Named in every message (`file:line:column: ...`), e.g. the file name. */
  source?: string;
  /** Line number of the text's first line, for text read in pieces (default 1). */
  firstLine?: number;
  /**
   * When false, text without any message (or item) is refused with `sml-empty`, for scripts that
   * must send something. Default true.
   */
  allowEmpty?: boolean;
}

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

/** Cap on list nesting while parsing, matching the decoder's default (the parser recurses per list). */
const MAX_DEPTH = 64;

function readCount(cur: Cursor): { n: number; at: Mark } | undefined {
  cur.skipBlank();
  if (cur.peek() !== '[') return undefined;
  const at = cur.mark();
  cur.next();
  cur.skipBlank();
  const digits = cur.word();
  if (digits === '' && cur.done) cur.fail('sml-incomplete', 'count is not closed with ]', at);
  if (!/^[0-9]{1,9}$/.test(digits))
    cur.fail('sml-syntax', `count [${quoted(digits)}] is not a whole number of at most 9 digits`, at);
  cur.skipBlank();
  if (cur.done) cur.fail('sml-incomplete', 'count is not closed with ]', at);
  if (cur.next() !== ']') cur.fail('sml-syntax', 'count is not closed with ]', at);
  return { n: Number(digits), at };
}

function readWords(cur: Cursor, format: ItemFormat): Word[] {
  const words: Word[] = [];
  for (;;) {
    cur.skipBlank();
    const c = cur.peek();
    if (c === '>' || c === '') return words;
    const at = cur.mark();
    if (c === '"' || c === "'")
      cur.fail('sml-value', `${format}: expected values, got text (text is an A item: <A "...">)`, at);
    const text = cur.word();
    if (text === '') cur.fail('sml-syntax', `unexpected ${quoted(c)}`, at);
    words.push({ text, at });
  }
}

function readText(cur: Cursor, format: 'A' | 'J'): string {
  let text = '';
  for (;;) {
    cur.skipBlank();
    const c = cur.peek();
    if (c === '>' || c === '') return text;
    if (c !== '"' && c !== "'") {
      const at = cur.mark();
      const w = cur.word() || c;
      const hint = /^[+-]?[0-9.]/.test(w) ? ` (a number as text is written "${visible(w)}")` : '';
      cur.fail('sml-syntax', `${format}: expected a quoted string, got ${quoted(w)}${hint}`, at);
    }
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
  const first = cur.next();
  if (first !== '<') cur.fail('sml-syntax', `expected '<' to start an item, got ${quoted(first)}`, open);
  cur.skipBlank();
  const fAt = cur.mark();
  const fWord = cur.word();
  const format = FORMAT_WORDS[fWord.toUpperCase()];
  if (format === undefined) {
    if (fWord === '' && cur.done) cur.fail('sml-incomplete', "item opened here is not closed with '>'", open);
    cur.fail('sml-syntax', fWord === '' ? 'item has no format' : `unknown item format ${quoted(fWord)}`, fAt);
  }
  const count = readCount(cur);
  let item: Item;
  if (format === 'L') {
    if (depth >= MAX_DEPTH) cur.fail('sml-too-deep', `lists nested deeper than ${MAX_DEPTH}`, open);
    const members: Item[] = [];
    for (;;) {
      cur.skipBlank();
      const c = cur.peek();
      if (c === '>' || cur.done) break;
      if (c !== '<')
        cur.fail(
          'sml-syntax',
          `expected an item or '>' to close the L opened at line ${open.line}, column ${open.column}, got ${quoted(c)}`,
        );
      members.push(parseItem(cur, depth + 1));
    }
    item = { format, value: members };
  } else if (format === 'A' || format === 'J') {
    item = { format, value: readText(cur, format) };
  } else {
    const words = readWords(cur, format);
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
  if (cur.done) cur.fail('sml-incomplete', `${format} item opened here is not closed with '>'`, open);
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
  if (m === null) {
    if (cur.done && /^[sS]([0-9]{1,3}([fF][0-9]{0,3})?)?$/.test(head))
      cur.fail('sml-incomplete', `message header ${quoted(head)} is cut short`, at);
    cur.fail('sml-syntax', `expected a message header like S1F3, got ${quoted(head || cur.peek())}`, at);
  }
  const stream = Number(m[1]);
  const func = Number(m[2]);
  if (stream > 127) cur.fail('sml-value', `stream ${stream} is out of range 0..127`, at);
  if (func > 255) cur.fail('sml-value', `function ${func} is out of range 0..255`, at);
  cur.skipBlank();
  let wBit = m[3] !== '';
  if (!wBit && (cur.peek() === 'W' || cur.peek() === 'w')) {
    const wAt = cur.mark();
    const w = cur.word(true);
    if (w.toUpperCase() !== 'W') cur.fail('sml-syntax', `expected W, '<' or '.', got ${quoted(w)}`, wAt);
    wBit = true;
    cur.skipBlank();
  }
  const msg: SecsMessage = { stream, function: func, wBit };
  if (cur.peek() === '<') {
    msg.body = parseItem(cur, 0);
    cur.skipBlank();
  }
  const endAt = cur.mark();
  if (cur.done) cur.fail('sml-incomplete', "expected '.' to end the message, got the end of the text", endAt);
  const c = cur.next();
  if (c !== '.') cur.fail('sml-syntax', `expected '.' to end the message, got ${quoted(c)}`, endAt);
  return msg;
}

function run<T>(
  text: string,
  options: SmlReadOptions,
  what: string,
  f: (cur: Cursor) => T[],
): Result<T[], SmlIssueCode> {
  const cur = new Cursor(text, options.source, options.firstLine);
  try {
    const value = f(cur);
    if (value.length === 0 && options.allowEmpty === false) {
      const where = options.source === undefined ? 'the SML text' : options.source;
      return {
        ok: false,
        issues: [issue('sml-empty', `${where}: no ${what}: the text is empty or holds only comments`)],
      };
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof SmlFailure) return { ok: false, issues: [err.issue] };
    throw err;
  }
}

/** Parse zero or more SML messages (`S1F3 W <L ...>.`); a failure is one issue at its line:column. */
export function parseSml(text: string, options: SmlReadOptions = {}): Result<SecsMessage[], SmlIssueCode> {
  return run(text, options, 'SML message', (cur) => {
    const messages: SecsMessage[] = [];
    for (;;) {
      cur.skipBlank();
      if (cur.done) return messages;
      messages.push(parseMessage(cur));
    }
  });
}

/** Parse exactly one SML item (`<U4 1 2>`), nothing else but blanks and comments around it. */
export function parseSmlItem(
  text: string,
  options: Omit<SmlReadOptions, 'allowEmpty'> = {},
): Result<Item, SmlIssueCode> {
  const r = run(text, options, 'SML item', (cur) => {
    cur.skipBlank();
    if (cur.done) cur.fail('sml-empty', 'expected an SML item, got the end of the text');
    const item = parseItem(cur, 0);
    cur.skipBlank();
    if (!cur.done) cur.fail('sml-syntax', `unexpected ${quoted(cur.peek())} after the item`);
    return [item];
  });
  return r.ok ? { ok: true, value: r.value[0]! } : r;
}

/** Parse zero or more bare SML items (`<U4 1> <L>`), e.g. bodies without message headers. */
export function parseSmlItems(text: string, options: SmlReadOptions = {}): Result<Item[], SmlIssueCode> {
  return run(text, options, 'SML item', (cur) => {
    const items: Item[] = [];
    for (;;) {
      cur.skipBlank();
      if (cur.done) return items;
      items.push(parseItem(cur, 0));
    }
  });
}
