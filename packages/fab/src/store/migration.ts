// Versioned migrations: each store keeps the list of what it applied in `schema_migrations`
// (version, name, applied_ms); `migrate()` applies the known versions it lacks, in order, one
// transaction each, and refuses a database that is ahead of this code or not this project's.
import { issue, type Result } from '@bondline/core';

export interface Migration {
  /** 1, 2, 3, ... without gaps. */
  readonly version: number;
  /** Kebab-case, as the file is named (`0001-initial.ts` → `initial`). */
  readonly name: string;
  /** Statements, separated by semicolons. */
  readonly sql: string;
}

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
}

export interface MigrationReport {
  /** What this call applied, in order (empty when the database was up to date). */
  readonly applied: readonly AppliedMigration[];
  /** The schema version now. */
  readonly version: number;
}

export type MigrationIssueCode = 'schema-too-new' | 'migration-mismatch';

/** The migrations of `known` that `applied` lacks, in order; or why this database cannot be migrated. */
export function pendingMigrations(
  known: readonly Migration[],
  applied: readonly AppliedMigration[],
): Result<Migration[], MigrationIssueCode> {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const a of applied) {
    const m = byVersion.get(a.version);
    if (m === undefined) {
      return {
        ok: false,
        issues: [
          issue(
            'schema-too-new',
            `the database has migration ${a.version} (${a.name}), which this version of Bondline does not know; upgrade Bondline`,
          ),
        ],
      };
    }
    if (m.name !== a.name) {
      return {
        ok: false,
        issues: [
          issue(
            'migration-mismatch',
            `the database's migration ${a.version} is '${a.name}', not '${m.name}': it is not a Bondline fab store`,
          ),
        ],
      };
    }
  }
  const done = new Set(applied.map((a) => a.version));
  return {
    ok: true,
    value: [...known].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version)),
  };
}

/** Check a migration list at load: versions 1..n in order, kebab-case names (a programmer error throws). */
export function checkMigrationList(list: readonly Migration[]): readonly Migration[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new RangeError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.name))
      throw new RangeError(`migration name ${m.name} is not kebab-case`);
  });
  return list;
}
