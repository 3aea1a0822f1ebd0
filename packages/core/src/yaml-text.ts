// YAML (and JSON, which is YAML 1.2) configuration text as plain data, with a way back from a key path
// to its line and column so that every message can say where a bad field sits. Duplicate keys are
// refused, and aliases are bounded so that an "alias bomb" (a few lines that expand to gigabytes) is
// an issue instead of an out-of-memory crash.
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLMap,
} from 'yaml';
import { type Issue, issue } from './issue.js';
import type { Result } from './result.js';
import { visible } from './text.js';
import { yamlNestingBeyond } from './yaml-depth.js';

/** Syntax problems reported one by one at most; the last issue counts the rest. */
const MAX_SYNTAX_ISSUES = 100;

export type YamlIssueCode = 'syntax' | 'too-many-aliases' | 'too-deep' | 'too-large';

export interface ParsedYaml {
  /** The document as plain data (maps → objects, sequences → arrays). */
  readonly value: unknown;
  /** `line:column` (1-based) of a key path in the text: the key itself where it exists. */
  locate(path: readonly PropertyKey[]): string | undefined;
}

export interface YamlTextOptions {
  /** Named in every message (a file path). */
  source: string;
  /** `json` holds the text to strict JSON as well (a YAML-only construct is refused). Default `yaml`. */
  format?: 'yaml' | 'json';
  /** Most alias expansions allowed (default 100: ample for real configurations). */
  maxAliasCount?: number;
  /** Deepest nesting of mappings and lists allowed (default 64: ample for real configurations). */
  maxDepth?: number;
  /**
   * Longest text accepted, characters (default 8 Mi: configurations and models are kilobytes; the
   * parser's memory grows many times faster than the text).
   */
  maxChars?: number;
}

const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** Parse configuration text. Pure: no file access. */
export function parseYamlText(text: string, options: YamlTextOptions): Result<ParsedYaml, YamlIssueCode> {
  const { source } = options;
  const kind = options.format === 'json' ? 'JSON' : 'YAML';
  const lineCounter = new LineCounter();
  const tooDeep = (where?: string): Issue<YamlIssueCode> =>
    issue(
      'too-deep',
      `${source}${where === undefined ? '' : `:${where}`}: ${kind} nested too deeply to read; flatten it`,
      where,
    );
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    return {
      ok: false,
      issues: [
        issue(
          'too-large',
          `${source}: ${text.length} characters is more than the ${maxChars} a ${kind} configuration may have`,
        ),
      ],
    };
  }
  const maxDepth = options.maxDepth ?? 64;
  const deep = yamlNestingBeyond(text, maxDepth);
  if (deep !== undefined) {
    const before = text.slice(0, deep).split('\n');
    const where = `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
    return {
      ok: false,
      issues: [
        issue(
          'too-deep',
          `${source}:${where}: the ${kind} nests deeper than ${maxDepth} levels of mappings and lists; a configuration needs far fewer`,
          where,
        ),
      ],
    };
  }
  // The pre-scan above keeps the parser off deep texts; this catch is a backstop for what it misses.
  let doc: ReturnType<typeof parseDocument>;
  try {
    // The library's own unique-key check compares every key with every other (minutes for a file of
    // 100 000 keys); duplicates are found below with one set per mapping instead.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    // The parser recurses per level of nesting; some deep texts overflow the stack outside its own
    // error handling.
    if (isStackOverflow(err)) return { ok: false, issues: [tooDeep()] };
    throw err;
  }
  const at = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  // Syntax errors and duplicate keys are reported together, in the order they appear in the text.
  const found: { offset: number; issue: Issue<YamlIssueCode> }[] = doc.errors.map((e) => {
    const where = at(e.pos[0]);
    if (/maximum call stack/i.test(e.message)) return { offset: e.pos[0], issue: tooDeep(where) };
    return {
      offset: e.pos[0],
      issue: issue('syntax', `${source}:${where}: ${kind} syntax: ${visible(firstLine(e.message))}`, where),
    };
  });
  for (const d of duplicateKeys(doc, text)) {
    const where = at(d.offset);
    // One line: a key may hold a line break (a quoted one), shown as \n.
    const key = visible((d.key.length > 40 ? `${d.key.slice(0, 40)}…` : d.key).replace(/\n/g, '\\n'));
    found.push({
      offset: d.offset,
      issue: issue(
        'syntax',
        `${source}:${where}: ${kind} syntax: Map keys must be unique; "${key}" appears twice`,
        where,
      ),
    });
  }
  if (found.length > 0) {
    found.sort((a, b) => a.offset - b.offset);
    if (found.length <= MAX_SYNTAX_ISSUES) return { ok: false, issues: found.map((f) => f.issue) };
    // A text of junk (thousands of stray brackets) would give one issue each: the first ones say what
    // is wrong, the count says how much.
    const shown = found.slice(0, MAX_SYNTAX_ISSUES - 1).map((f) => f.issue);
    const rest = found.length - shown.length;
    const where = at(found[shown.length]?.offset ?? 0);
    shown.push(
      issue('syntax', `${source}:${where}: ${kind} syntax: ${rest} more problems from here on`, where),
    );
    return { ok: false, issues: shown };
  }
  if (options.format === 'json') {
    const jsonProblem = strictJsonProblem(text);
    if (jsonProblem !== undefined) return { ok: false, issues: [jsonProblem(source)] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
  } catch (err) {
    // The yaml library's only failure here is the alias bound (a ReferenceError naming it).
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      return {
        ok: false,
        issues: [
          issue(
            'too-many-aliases',
            `${source}: the aliases (*name) in this file expand too far (${visible(firstLine(err.message))}); write the values out`,
          ),
        ],
      };
    }
    if (isStackOverflow(err)) return { ok: false, issues: [tooDeep()] };
    throw err;
  }
  // Each mapping's keys are indexed on first use: a file with many keys and many issues must not
  // cost a scan of the mapping per issue.
  const keyIndex = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = keyIndex.get(map);
    if (index === undefined) {
      index = new Map();
      for (const it of map.items) {
        const k = isScalar(it.key) ? String(it.key.value) : undefined;
        if (k !== undefined && !index.has(k)) index.set(k, it as Pair);
      }
      keyIndex.set(map, index);
    }
    return index.get(key);
  };
  const locate = (path: readonly PropertyKey[]): string | undefined => {
    let node: unknown = doc.contents;
    let range: readonly number[] | null | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = pairOf(node, String(seg));
        if (pair === undefined) break;
        range = (pair.key as Node).range;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (item === undefined) break;
        range = item.range;
        node = item;
      } else break;
    }
    return range === undefined || range === null || range[0] === undefined ? undefined : at(range[0]);
  };
  return { ok: true, value: { value, locate } };
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /maximum call stack/i.test(err.message);
}

/**
 * Keys that appear twice in one mapping, with the offset of the second. Scalar keys are compared as the
 * text they become in plain data (`1` and `"1"` are the same object key there, so both are refused);
 * a mapping or list used as a key, as it is written on one line (its plain-data form grows exponentially with
 * keys nested in keys: a 2 kB text of `{` lines took gigabytes).
 */
function duplicateKeys(doc: Document, text: string): { offset: number; key: string }[] {
  const out: { offset: number; key: string }[] = [];
  const written = (key: unknown): string => {
    const range = (key as Node | null)?.range;
    // On one line (the message shows it), whitespace runs as one space.
    return range === undefined || range === null
      ? 'null'
      : text.slice(range[0], range[1]).replace(/\s+/g, ' ');
  };
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const it of map.items) {
        const key = isScalar(it.key) ? String(it.key.value) : written(it.key);
        if (seen.has(key))
          out.push({ offset: (it.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0, key });
        else seen.add(key);
      }
    },
  });
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** A refusal for text that YAML accepts but strict JSON does not, or undefined when it is JSON. */
function strictJsonProblem(text: string): ((source: string) => Issue<YamlIssueCode>) | undefined {
  try {
    // A UTF-8 byte-order mark is no part of the JSON (YAML skips it too); a space keeps the positions.
    JSON.parse(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
    return undefined;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // Node 20 says "at position N"; newer versions add "(line L column C)".
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    let where: string | undefined;
    if (lc !== null) where = `${lc[1]}:${lc[2]}`;
    else if (pos !== null) {
      const before = text.slice(0, Number(pos[1])).split('\n');
      where = `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
    }
    // V8 quotes the text around the error: keep the message on one line, every character visible.
    const clean = visible(msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\r?\n/g, '\\n'));
    return (source) =>
      issue('syntax', `${source}${where === undefined ? '' : `:${where}`}: JSON syntax: ${clean}`, where);
  }
}
