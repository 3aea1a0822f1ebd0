// YAML (and JSON, which is YAML 1.2) configuration text as plain data, with a way back from a key path
// to its line and column so that every message can say where a bad field sits. Duplicate keys are
// refused, and aliases are bounded so that an "alias bomb" (a few lines that expand to gigabytes) is
// an issue instead of an out-of-memory crash.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Issue, issue } from './issue.js';
import type { Result } from './result.js';
import { visible } from './text.js';

export type YamlIssueCode = 'syntax' | 'too-many-aliases';

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
}

/** Parse configuration text. Pure: no file access. */
export function parseYamlText(text: string, options: YamlTextOptions): Result<ParsedYaml, YamlIssueCode> {
  const { source } = options;
  const kind = options.format === 'json' ? 'JSON' : 'YAML';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const where = at(e.pos[0]);
        return issue('syntax', `${source}:${where}: ${kind} syntax: ${visible(firstLine(e.message))}`, where);
      }),
    };
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
            `${source}: the aliases (*name) in this file expand too far (${firstLine(err.message)}); write the values out`,
          ),
        ],
      };
    }
    throw err;
  }
  const locate = (path: readonly PropertyKey[]): string | undefined => {
    let node: unknown = doc.contents;
    let range: readonly number[] | null | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
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

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** A refusal for text that YAML accepts but strict JSON does not, or undefined when it is JSON. */
function strictJsonProblem(text: string): ((source: string) => Issue<YamlIssueCode>) | undefined {
  try {
    JSON.parse(text);
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
