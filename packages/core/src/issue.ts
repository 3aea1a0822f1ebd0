// The one failure shape of every Bondline package: an expected failure (bad input, a protocol
// refusal) is a value, never an exception. Only programmer errors throw.

/**
 * One problem, named well enough that a person can fix it without reading the code.
 *
 * - `code`: a kebab-case literal a program can switch on (`out-of-range`, `unknown-key`).
 * - `message`: the whole sentence a person reads, naming the field or place it is about
 *   (`overlay.sigmaR: -1 is below the minimum 0`); printed as it stands.
 * - `path`: where, for a program: a key path in structured input (`overlay.sigmaR`, `sites[3].dx`),
 *   or `line:column` (1-based) in a text format such as KLARF, SML or an operator script.
 */
export interface Issue<C extends string = string> {
  readonly code: C;
  readonly message: string;
  readonly path?: string;
}

/** An issue; `path` is left out when undefined (exactOptionalPropertyTypes). */
export function issue<C extends string>(code: C, message: string, path?: string): Issue<C> {
  return path === undefined ? { code, message } : { code, message, path };
}

/** Key path of a nested field: `['sites', 3, 'dx']` → `sites[3].dx`; `[]` → `''`. */
export function keyPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** The lines a command prints for a list of issues, one message per line, each prefixed. */
export function formatIssues(issues: readonly Issue[], prefix = ''): string {
  return issues.map((i) => `${prefix}${i.message}`).join('\n');
}
