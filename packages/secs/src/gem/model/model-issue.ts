// Validation of untrusted model input: a cursor that records each problem with the path of the field.

/** One problem in a model file: `path` like `equipmentConstants[2].max`. */
export interface ModelIssue {
  code:
    | 'missing'
    | 'wrong-type'
    | 'out-of-range'
    | 'duplicate'
    | 'unknown-reference'
    | 'unknown-key'
    | 'syntax';
  path: string;
  message: string;
}

/** Collects issues while reading plain data. */
export class Fields {
  readonly issues: ModelIssue[] = [];
  // Paths refused as "expected a mapping": their fields would all be "required", so they are not reported.
  private readonly notMappings: string[] = [];

  /** Record an issue, unless `path` is a field of an entry already refused as not a mapping. */
  add(code: ModelIssue['code'], path: string, message: string): void {
    if (this.inRefusedEntry(path)) return;
    this.issues.push({ code, path, message: `${path}: ${message}` });
  }

  /**
   * True when an issue was recorded for exactly `path`, or the entry holding it is not a mapping: later
   * checks then leave that field alone.
   */
  has(path: string): boolean {
    return this.inRefusedEntry(path) || this.issues.some((i) => i.path === path);
  }

  private inRefusedEntry(path: string): boolean {
    return this.notMappings.some((p) => path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  }

  obj(v: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    this.add(
      v === undefined ? 'missing' : 'wrong-type',
      path,
      v === undefined ? 'is required' : 'expected a mapping',
    );
    this.notMappings.push(path);
    return undefined;
  }

  arr(v: unknown, path: string, optional = false): unknown[] {
    if (Array.isArray(v)) return v;
    if (v === undefined && optional) return [];
    this.add(
      v === undefined ? 'missing' : 'wrong-type',
      path,
      v === undefined ? 'is required' : 'expected a list',
    );
    return [];
  }

  str(o: Record<string, unknown>, key: string, path: string, fallback?: string): string {
    const v = o[key];
    if (typeof v === 'string') return v;
    if (v === undefined && fallback !== undefined) return fallback;
    this.add(
      v === undefined ? 'missing' : 'wrong-type',
      `${path}.${key}`,
      v === undefined ? 'is required' : 'expected text',
    );
    return fallback ?? '';
  }

  int(
    o: Record<string, unknown>,
    key: string,
    path: string,
    min: number,
    max: number,
    fallback?: number,
  ): number {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.add(
        v === undefined ? 'missing' : 'wrong-type',
        `${path}.${key}`,
        v === undefined ? 'is required' : 'expected an integer',
      );
      return fallback ?? min;
    }
    if (v < min || v > max) this.add('out-of-range', `${path}.${key}`, `${v} is outside ${min}..${max}`);
    return v;
  }

  num(o: Record<string, unknown>, key: string, path: string): number | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.add('wrong-type', `${path}.${key}`, 'expected a number');
    return undefined;
  }

  bool(o: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.add('wrong-type', `${path}.${key}`, 'expected true or false');
    return fallback;
  }

  oneOf<T extends string>(
    o: Record<string, unknown>,
    key: string,
    path: string,
    allowed: readonly T[],
    fallback?: T,
  ): T {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.add(
      v === undefined ? 'missing' : 'wrong-type',
      `${path}.${key}`,
      `${v === undefined ? 'is required' : `'${String(v)}' is not allowed`}; expected one of ${allowed.join(', ')}`,
    );
    return fallback ?? allowed[0]!;
  }

  /**
   * Like `oneOf` for a required choice, but undefined when missing or not allowed (the issue is
   * recorded), so that no check runs against a stand-in value the file never gave.
   */
  choice<T extends string>(
    o: Record<string, unknown>,
    key: string,
    path: string,
    allowed: readonly T[],
  ): T | undefined {
    const v = o[key];
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.oneOf(o, key, path, allowed);
    return undefined;
  }

  /** Report keys that are not in `known` (typos would otherwise be silently ignored). */
  keys(o: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const k of Object.keys(o))
      if (!known.includes(k))
        this.add('unknown-key', `${path}.${k}`, `unknown key; expected one of ${known.join(', ')}`);
  }
}
