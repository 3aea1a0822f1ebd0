// Zod validates files and requests; its issues are turned into Bondline's one Issue shape here, with
// messages that name the field, the value found and what is allowed.
import type { z } from 'zod';
import { type Issue, issue, keyPath } from './issue.js';
import type { Result } from './result.js';
import { knownKeys } from './schema-keys.js';
import { visible } from './text.js';

/** The codes a schema refusal can carry (a custom refinement may use its own kebab-case code). */
export type SchemaIssueCode = 'missing' | 'wrong-type' | 'out-of-range' | 'unknown-key' | 'invalid-value';

export interface SchemaOptions {
  /** Prefix for every message, e.g. the file name (`examples/r2r/drift.yaml`). */
  source?: string;
  /** Where a key path sits in the source text, e.g. `12:3` from a YAML document; shown in the message. */
  locate?: (path: readonly PropertyKey[]) => string | undefined;
  /** Name the keys the schema knows in an unknown-key message (a typo is then easy to see). */
  knownKeys?: boolean;
}

/** Validate `data` with `schema`; every problem becomes an Issue naming its key path. */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  options: SchemaOptions = {},
): Result<z.output<S>> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: zodIssues(r.error.issues, options, options.knownKeys === true ? schema : undefined),
  };
}

/**
 * Zod issues as Bondline issues (one per unknown key). With `schema`, an unknown-key message lists the
 * keys known at that place.
 */
export function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  options: SchemaOptions = {},
  schema?: z.core.$ZodType,
): Issue[] {
  const out: Issue[] = [];
  for (const zi of issues) {
    if (zi.code === 'unrecognized_keys') {
      const known = schema === undefined ? undefined : knownKeys(schema, zi.path);
      const text = `is not a known key${known === undefined ? '' : ` (known keys: ${known.join(', ')})`}`;
      for (const k of zi.keys) out.push(located([...zi.path, k], 'unknown-key', text, options));
      continue;
    }
    const { code, text } = describe(zi);
    out.push(located(zi.path, code, text, options));
  }
  return out;
}

function located(path: readonly PropertyKey[], code: string, text: string, options: SchemaOptions): Issue {
  const key = keyPath(path);
  const at = options.locate?.(path);
  const where = [options.source, at].filter((s) => s !== undefined && s !== '').join(':');
  // A key comes from the input: characters a person cannot see are named in the message.
  const message = `${where === '' ? '' : `${where}: `}${key === '' ? '(top level)' : visible(key)}: ${text}`;
  return issue(code, message, key === '' ? undefined : key);
}

function describe(zi: z.core.$ZodIssue): { code: string; text: string } {
  switch (zi.code) {
    case 'invalid_type':
      return zi.input === undefined
        ? { code: 'missing', text: `is required (${zi.expected})` }
        : { code: 'wrong-type', text: `expected ${zi.expected}, got ${shown(zi.input)}` };
    case 'too_big':
      return {
        code: 'out-of-range',
        text: bound(zi.origin, zi.maximum, zi.inclusive ?? true, 'max', zi.input),
      };
    case 'too_small':
      return {
        code: 'out-of-range',
        text: bound(zi.origin, zi.minimum, zi.inclusive ?? true, 'min', zi.input),
      };
    case 'not_multiple_of':
      return { code: 'out-of-range', text: `${shown(zi.input)} is not a multiple of ${String(zi.divisor)}` };
    case 'invalid_value':
      return {
        code: 'invalid-value',
        text: `${shown(zi.input)} is not allowed; expected ${zi.values.map((v) => shown(v)).join(', ')}`,
      };
    case 'custom': {
      const own = zi.params?.code;
      return { code: typeof own === 'string' ? own : 'invalid-value', text: zi.message };
    }
    default:
      return { code: 'invalid-value', text: zi.message };
  }
}

function bound(
  origin: string,
  limit: unknown,
  inclusive: boolean,
  side: 'min' | 'max',
  input: unknown,
): string {
  const lim = String(limit);
  if (origin === 'array' || origin === 'set') {
    const n = Array.isArray(input) ? input.length : undefined;
    return `${n === undefined ? 'has' : `has ${n}`} entries; ${side === 'max' ? 'at most' : 'at least'} ${lim} allowed`;
  }
  if (origin === 'string') {
    return `text is ${side === 'max' ? 'longer' : 'shorter'} than ${lim} characters`;
  }
  const rel = side === 'max' ? (inclusive ? 'at most' : 'below') : inclusive ? 'at least' : 'above';
  return `${shown(input)} is out of range; must be ${rel} ${lim}`;
}

/** A value as a message shows it: short, one line, invisible characters named. */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(visible(v.length > 40 ? `${v.slice(0, 40)}…` : v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}
