// `bondline sml encode|decode`: SML text <-> SECS-II bytes as hex, bodies or whole HSMS frames.

import { formatIssues, visible } from '@bondline/core';
import {
  decodeItem,
  encodeFrame,
  encodeItem,
  FrameParser,
  type HsmsFrame,
  parseSml,
  parseSmlItems,
  printSml,
  printSmlItem,
  SecsEncodeError,
  SType,
} from '@bondline/secs';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { readTextInput } from './text-input.js';

const USAGE = [
  'bondline sml encode <file|-> [--frame [--session n] [--system n]]',
  '       bondline sml decode <file|-> [--frame] [--compact]',
  '',
  'encode: SML messages (or bare items) in, one line of lowercase hex per message out: the body, or with',
  "        --frame the whole HSMS frame (length, header, body); --system is the first message's",
  '        system bytes (default 1), each next message counts up; --session defaults to 0.',
  'decode: one body (or with --frame one or more frames) per line of hex, spaces and colons allowed;',
  '        prints SML. Blank lines and lines starting with # are skipped.',
].join('\n');

const OPTIONS = {
  frame: { type: 'boolean' },
  session: { type: 'string' },
  system: { type: 'string' },
  compact: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

// Bare items (`<U4 1>` per body, as `decode` prints them) instead of messages: the first thing after
// blanks and comments is '<'.
const startsWithItem = (text: string): boolean =>
  text
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .trimStart()
    .startsWith('<');

function encodeBodies(text: string, name: string): string[] {
  const parsed = parseSmlItems(text, { source: name, allowEmpty: false });
  if (!parsed.ok) throw new CliError(formatIssues(parsed.issues));
  return parsed.value.map((item, i) => {
    try {
      return toHex(encodeItem(item));
    } catch (err) {
      if (err instanceof SecsEncodeError) throw new CliError(`${name}: item ${i + 1}: ${err.message}`);
      throw err;
    }
  });
}

function encode(text: string, name: string, frame: boolean, session: number, system: number): string[] {
  if (startsWithItem(text)) {
    if (frame) throw new CliError(`${name}: --frame needs messages (S1F3 W <...>.), not bare items`);
    return encodeBodies(text, name);
  }
  const parsed = parseSml(text, { source: name, allowEmpty: false });
  if (!parsed.ok) throw new CliError(formatIssues(parsed.issues));
  return parsed.value.map((m, i) => {
    let body: Uint8Array;
    try {
      body = m.body === undefined ? new Uint8Array(0) : encodeItem(m.body);
    } catch (err) {
      if (err instanceof SecsEncodeError) throw new CliError(`${name}: message ${i + 1}: ${err.message}`);
      throw err;
    }
    if (!frame) return toHex(body);
    const header = {
      sessionId: session,
      stream: m.stream,
      function: m.function,
      wBit: m.wBit,
      pType: 0,
      sType: SType.data,
      systemBytes: (system + i) >>> 0,
    };
    return toHex(encodeFrame(header, body));
  });
}

/** Bytes of one hex line; separators are spaces, tabs and colons. Errors name line and column. */
function parseHexLine(line: string, lineNo: number, name: string): Uint8Array {
  const bad = /[^0-9a-fA-F \t:\r]/.exec(line);
  if (bad !== null)
    throw new CliError(
      `${name}: line ${lineNo}, column ${bad.index + 1}: '${visible(bad[0])}' is not a hex digit`,
    );
  const digits = line.replace(/[ \t:\r]/g, '');
  if (digits.length % 2 !== 0) {
    const lastDigit = line.search(/[0-9a-fA-F][ \t:\r]*$/);
    throw new CliError(
      `${name}: line ${lineNo}, column ${lastDigit + 1}: odd number of hex digits (half a byte)`,
    );
  }
  const b = Buffer.from(digits, 'hex');
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

// E37 names of the control messages, by SType.
const CONTROL_NAMES: Record<number, string> = {
  [SType.selectReq]: 'Select.req',
  [SType.selectRsp]: 'Select.rsp',
  [SType.deselectReq]: 'Deselect.req',
  [SType.deselectRsp]: 'Deselect.rsp',
  [SType.linktestReq]: 'Linktest.req',
  [SType.linktestRsp]: 'Linktest.rsp',
  [SType.rejectReq]: 'Reject.req',
  [SType.separateReq]: 'Separate.req',
};

// The decoder's messages end with "at byte N" of the body; the CLI states the offset itself.
const withoutOffset = (message: string): string => message.replace(/ at byte \d+$/, '');

function decodeBody(bytes: Uint8Array, where: string, compact: boolean) {
  const r = decodeItem(bytes);
  if (!r.ok)
    throw new CliError(
      r.issues.map((i) => `${where}: byte ${i.offset}: ${withoutOffset(i.message)}`).join('\n'),
    );
  return printSmlItem(r.value, { compact });
}

function decodeFrames(bytes: Uint8Array, where: string, compact: boolean): string[] {
  const frames: HsmsFrame[] = [];
  const parser = new FrameParser((f) => frames.push(f));
  const err = parser.push(bytes);
  if (err !== undefined) throw new CliError(`${where}: byte ${err.offset}: ${err.message}`);
  if (parser.pending > 0) {
    const at = bytes.length - parser.pending;
    throw new CliError(
      `${where}: byte ${at}: frame cut short (${parser.pending} bytes of an incomplete frame)`,
    );
  }
  let offset = 0;
  return frames.map(({ header: h, body }) => {
    const at = offset;
    offset += 14 + body.length;
    const ids = `session ${h.sessionId}, system ${h.systemBytes}`;
    if (h.sType !== SType.data) {
      const kind = CONTROL_NAMES[h.sType] ?? `SType ${h.sType}`;
      return `// HSMS control message ${kind} (byte 2 = ${h.stream}, byte 3 = ${h.function}), ${ids}`;
    }
    if (h.pType !== 0) throw new CliError(`${where}: byte ${at + 8}: PType ${h.pType} is not SECS-II (0)`);
    const msg = { stream: h.stream, function: h.function, wBit: h.wBit };
    if (body.length === 0) return `// ${ids}\n${printSml(msg, { compact })}`;
    const r = decodeItem(body);
    if (!r.ok)
      throw new CliError(
        r.issues
          .map(
            (i) =>
              `${where}: byte ${at + 14 + i.offset} (body byte ${i.offset}): ${withoutOffset(i.message)}`,
          )
          .join('\n'),
      );
    return `// ${ids}\n${printSml({ ...msg, body: r.value }, { compact })}`;
  });
}

function decode(text: string, name: string, frame: boolean, compact: boolean): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const bytes = parseHexLine(line, i + 1, name);
    const where = `${name}: line ${i + 1}`;
    if (frame) out.push(...decodeFrames(bytes, where, compact));
    else out.push(decodeBody(bytes, where, compact));
  });
  return out;
}

/** Entry point of `bondline sml`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'sml');
  if (values.help === true) return printHelp(`usage: ${USAGE}`);
  const [verb, path, ...extra] = positionals;
  if (verb !== 'encode' && verb !== 'decode')
    throw usageError(
      `expected 'encode' or 'decode', got ${verb === undefined ? 'nothing' : `'${verb}'`}`,
      USAGE,
    );
  if (path === undefined) throw usageError(`${verb}: missing input file (or - for stdin)`, USAGE);
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`, USAGE);
  const frame = values.frame === true;
  if (!frame && (values.session !== undefined || values.system !== undefined))
    throw new CliError('--session and --system apply only with --frame');
  if (verb === 'decode' && (values.session !== undefined || values.system !== undefined))
    throw new CliError('--session and --system apply only to encode (decode reads them from each frame)');
  const text = await readTextInput(path);
  const name = path === '-' ? '<stdin>' : path;
  let lines: string[];
  if (verb === 'encode') {
    if (values.compact === true) throw new CliError('--compact applies only to decode');
    const session = numberArg('session', values.session, { integer: true, min: 0, max: 0xffff }) ?? 0;
    const system = numberArg('system', values.system, { integer: true, min: 0, max: 0xffffffff }) ?? 1;
    lines = encode(text, name, frame, session, system);
  } else {
    lines = decode(text, name, frame, values.compact === true);
  }
  process.stdout.write(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  return 0;
}
