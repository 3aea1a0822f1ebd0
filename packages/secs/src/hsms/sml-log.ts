import { formatIssues } from '@bondline/core';
import { decodeItem } from '../codec/decode.js';
import { printSml } from '../sml/print.js';
import type { CommLog, CommLogEntry } from './comm-log.js';
import { sTypeName } from './control.js';
import { SType } from './frame.js';

/** Anything with a `write(text)`: a Node stream, a file handle wrapper, an array collector. */
export interface TextSink {
  write(text: string): unknown;
}

export interface SmlLogOptions {
  /** Wall-clock source for the time stamps. Default `() => new Date()`. */
  now?: () => Date;
  /** Multi-line SML bodies instead of one line per frame. Default false (one line, easy to grep). */
  block?: boolean;
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** The log text of one frame, without the time stamp. */
export function formatCommLogEntry(e: CommLogEntry, block = false): string {
  const h = e.header;
  const head = `${e.direction === 'in' ? 'in ' : 'out'} session=${hex(h.sessionId, 4)} sys=${hex(h.systemBytes, 8)}`;
  if (h.pType !== 0) return `${head} PType ${h.pType} ${sTypeName(h.sType)} (${e.body.length} body bytes)`;
  if (h.sType !== SType.data) {
    const name = sTypeName(h.sType);
    switch (h.sType) {
      case SType.selectRsp:
      case SType.deselectRsp:
        return `${head} ${name} status=${h.function}`;
      case SType.rejectReq:
        return `${head} ${name} reason=${h.function} type=${h.stream}`;
      default:
        return `${head} ${name}`;
    }
  }
  if (e.body.length === 0)
    return `${head} ${printSml({ stream: h.stream, function: h.function, wBit: h.wBit })}`;
  const decoded = decodeItem(e.body);
  if (!decoded.ok) {
    const shown = Buffer.from(e.body.subarray(0, 64)).toString('hex');
    const more = e.body.length > 64 ? '...' : '';
    return `${head} S${h.stream}F${h.function}${h.wBit ? ' W' : ''} <undecodable ${e.body.length} bytes: ${formatIssues(decoded.issues)}: ${shown}${more}>.`;
  }
  const sml = printSml(
    { stream: h.stream, function: h.function, wBit: h.wBit, body: decoded.value },
    { compact: !block },
  );
  return `${head} ${sml}`;
}

/**
 * A communication log that writes each frame as SML text with time, direction, session id and
 * system bytes, one record per line (or per block), to `sink`.
 */
export function createSmlLog(sink: TextSink, options: SmlLogOptions = {}): CommLog {
  const now = options.now ?? (() => new Date());
  const block = options.block === true;
  return {
    record(entry) {
      sink.write(`${now().toISOString()} ${formatCommLogEntry(entry, block)}\n`);
    },
  };
}
