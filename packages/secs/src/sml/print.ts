// SECS-II messages and items -> SML text. `parse(print(x))` gives back x exactly (floats included),
// and print(parse(text)) is stable.

import type { Item } from '../item/item.js';
import type { SecsMessage } from '../message.js';
import { f4Text, f8Text } from './float-text.js';

export interface SmlPrintOptions {
  /** One line (`S1F3 W <L [2] <U4 1> <U4 2>>.`) instead of one list member per line. Default false. */
  compact?: boolean;
  /** Spaces per nesting level in block layout. Default 2. */
  indent?: number;
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Quote text for SML. Printable ASCII stays as is; in J, the JIS-8 characters ¥, ‾ and half-width
 * katakana stay as is too; everything else becomes \xHH so logs stay plain ASCII.
 */
function quote(text: string, jis: boolean): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (jis && (c === 0xa5 || c === 0x203e || (c >= 0xff61 && c <= 0xff9f))) out += ch;
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

function values(item: Exclude<Item, { format: 'L' }>): string[] {
  switch (item.format) {
    case 'A':
      return [quote(item.value, false)];
    case 'J':
      return [quote(item.value, true)];
    case 'B':
      return Array.from(item.value, (b) => `0x${b.toString(16).padStart(2, '0')}`);
    case 'BOOLEAN':
      return item.value.map((b) => (b ? 'TRUE' : 'FALSE'));
    case 'F4':
      return Array.from(item.value, f4Text);
    case 'F8':
      return Array.from(item.value, f8Text);
    case 'I8':
    case 'U8':
      return Array.from(item.value as ArrayLike<bigint>, String);
    default:
      return Array.from(item.value as ArrayLike<number>, String);
  }
}

function leafText(item: Exclude<Item, { format: 'L' }>): string {
  const v = values(item);
  return v.length === 0 ? `<${item.format}>` : `<${item.format} ${v.join(' ')}>`;
}

function compact(item: Item): string {
  if (item.format !== 'L') return leafText(item);
  if (item.value.length === 0) return '<L>';
  return `<L [${item.value.length}] ${item.value.map(compact).join(' ')}>`;
}

function block(item: Item, pad: string, step: string, out: string[]): void {
  if (item.format !== 'L') {
    out.push(pad + leafText(item));
  } else if (item.value.length === 0) {
    out.push(`${pad}<L>`);
  } else {
    out.push(`${pad}<L [${item.value.length}]`);
    for (const m of item.value) block(m, pad + step, step, out);
    out.push(`${pad}>`);
  }
}

/** SML text of one item. */
export function printSmlItem(item: Item, options: SmlPrintOptions = {}): string {
  if (options.compact === true) return compact(item);
  const out: string[] = [];
  block(item, '', ' '.repeat(options.indent ?? 2), out);
  return out.join('\n');
}

/** SML text of one message: `S1F3 W <L ...>.`, or in block layout the header, the body, then `.`. */
export function printSml(msg: SecsMessage, options: SmlPrintOptions = {}): string {
  const head = `S${msg.stream}F${msg.function}${msg.wBit ? ' W' : ''}`;
  if (msg.body === undefined) return `${head}.`;
  if (options.compact === true) return `${head} ${compact(msg.body)}.`;
  return `${head}\n${printSmlItem(msg.body, options)}\n.`;
}
