import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigIssue } from './issues.js';

/** Text formats a configuration can be written in. */
export type ConfigFormat = 'yaml' | 'json';

/** A parsed configuration text and a way to find where a key path sits in it. */
export interface ParsedText {
  value: unknown;
  /** 1-based line and column of a key path (of the key itself when it exists), if found. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * Parse configuration text as YAML or strict JSON. Syntax errors become issues
 * with line and column. Pure: no file access.
 */
export function parseConfigText(
  text: string,
  format: ConfigFormat,
): { ok: true; parsed: ParsedText } | { ok: false; issues: ConfigIssue[] } {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (err) {
      return { ok: false, issues: [jsonIssue(text, err)] };
    }
  }
  // JSON is YAML 1.2: the YAML parser gives positions for both formats.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: 'syntax' as const,
          path: [],
          message: `${format === 'json' ? 'JSON' : 'YAML'} syntax: ${firstLine(e.message)}`,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  const value: unknown = format === 'json' ? JSON.parse(text) : doc.toJS({ maxAliasCount: 100 });
  const locate = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let range: [number, number, number] | null | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
        if (pair === undefined) break;
        range = (pair.key as Node).range;
        node = pair.value;
      } else if (node !== null && typeof node === 'object' && 'items' in node && typeof seg === 'number') {
        const item = (node as { items: unknown[] }).items[seg] as Node | undefined;
        if (item === undefined) break;
        range = item.range;
        node = item;
      } else break;
    }
    if (range === undefined || range === null) return undefined;
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  return { ok: true, parsed: { value, locate } };
}

function yamlErrorPos(text: string): { line: number; col: number } | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const e = doc.errors[0];
  return e === undefined ? undefined : lc.linePos(e.pos[0]);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function jsonIssue(text: string, err: unknown): ConfigIssue {
  const msg = err instanceof Error ? err.message : String(err);
  // Node 20 reports "at position N"; newer versions add "(line L column C)".
  const lc = /line (\d+) column (\d+)/.exec(msg);
  const at = /position (\d+)/.exec(msg);
  let line: number | undefined;
  let column: number | undefined;
  if (lc !== null) {
    line = Number(lc[1]);
    column = Number(lc[2]);
  } else if (at !== null) {
    const offset = Number(at[1]);
    const before = text.slice(0, offset).split('\n');
    line = before.length;
    column = (before[before.length - 1]?.length ?? 0) + 1;
  } else if (yamlErrorPos(text) !== undefined) {
    // Some Node versions name no position for a bad token; the YAML parser (JSON is YAML) usually can.
    const pos = yamlErrorPos(text)!;
    line = pos.line;
    column = pos.col;
  } else if (/end of JSON input/i.test(msg)) {
    const lines = text.split('\n');
    line = lines.length;
    column = (lines[lines.length - 1]?.length ?? 0) + 1;
  }
  const clean = msg.replace(/\s*\(line \d+ column \d+\)/, '');
  const issue: ConfigIssue = { code: 'syntax', path: [], message: `JSON syntax: ${clean}` };
  if (line !== undefined) issue.line = line;
  if (column !== undefined) issue.column = column;
  return issue;
}
