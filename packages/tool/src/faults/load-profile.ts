// Load a fault profile (docs/tool.md §5) by name (a shipped profile: immature, mature) or by file
// path. A profile gives the rate of every fault point (`rates`) or starts from another profile
// (`base`), and lists fix records applied in order. The chain of bases is read file by file; every
// issue names the file, line:col and key it is about.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type Issue, issue, parseWithSchema, parseYamlText, type Result, readTextFile } from '@bondline/core';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import { PROFILES_DIR, SHIPPED_PROFILES } from './example-files.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FaultProfile } from './fault-profile.js';
import { applyFixes, type FixRecord, type PointRate } from './fix-record.js';
import { placedIssue } from './placed-issue.js';
import { checkFixes, checkRates, type FixHistory } from './profile-checks.js';
import { type ProfileFile, profileFileSchema, type RateSpecEntry } from './profile-schema.js';

/** Longest chain of `base` profiles followed (a real chain has two or three links). */
const MAX_CHAIN = 8;
/** Largest profile read, characters (the shipped ones are tens of kilobytes). */
const MAX_PROFILE_CHARS = 2 * 1024 * 1024;

/**
 * Load a profile: `spec` is a shipped profile's name (immature, mature) or a file path (relative to
 * the working directory). Rates and fixes are checked against `catalogue`.
 */
export async function loadProfile(spec: string, catalogue: FaultCatalogue): Promise<Result<FaultProfile>> {
  const path = resolveSpec(spec, process.cwd());
  return path.ok ? loadChain(path.value, catalogue, []) : path;
}

/** A bare name (letters, digits, '-') is a shipped profile; anything else is a path from `dir`. */
function resolveSpec(spec: string, dir: string): Result<string> {
  if (/^[a-z0-9][a-z0-9-]*$/.test(spec)) {
    if ((SHIPPED_PROFILES as readonly string[]).includes(spec))
      return { ok: true, value: join(PROFILES_DIR, `${spec}.yaml`) };
    return {
      ok: false,
      issues: [
        issue(
          'unknown-profile',
          `'${spec}' is not a shipped profile (${SHIPPED_PROFILES.join(', ')}); give a file path for another one`,
        ),
      ],
    };
  }
  return { ok: true, value: isAbsolute(spec) ? spec : resolve(dir, spec) };
}

async function loadChain(
  path: string,
  catalogue: FaultCatalogue,
  chain: readonly string[],
): Promise<Result<FaultProfile>> {
  if (chain.includes(path)) {
    return fail('base-cycle', `${path}: profiles name each other as base: ${[...chain, path].join(' -> ')}`);
  }
  if (chain.length >= MAX_CHAIN) {
    return fail('base-too-deep', `${path}: more than ${MAX_CHAIN} profiles in a chain of bases`);
  }
  const text = await readTextFile(path, { maxBytes: MAX_PROFILE_CHARS * 4 });
  if (!text.ok) return text;
  const doc = parseYamlText(text.value, { source: path, maxChars: MAX_PROFILE_CHARS });
  if (!doc.ok) return doc;
  const { value, locate } = doc.value;
  if (value === null || value === undefined) {
    return fail('missing', `${path}: the profile is empty: it needs name, and rates or base`);
  }
  const parsed = parseWithSchema(profileFileSchema, value, { source: path, locate, knownKeys: true });
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const where = { source: path, locate };
  if ((file.base === undefined) === (file.rates === undefined)) {
    return {
      ok: false,
      issues: [
        placedIssue(
          'base-or-rates',
          where,
          [],
          'a profile gives either rates (every fault point) or base (the profile it starts from), not both or neither',
        ),
      ],
    };
  }
  let base: FaultProfile | undefined;
  if (file.base !== undefined) {
    const basePath = resolveSpec(file.base, dirname(path));
    const loaded = basePath.ok ? await loadChain(basePath.value, catalogue, [...chain, path]) : basePath;
    if (!loaded.ok) {
      const head = placedIssue('bad-base', where, ['base'], `base profile '${file.base}' cannot be used:`);
      return { ok: false, issues: [head, ...loaded.issues] };
    }
    base = loaded.value;
  }
  const issues: Issue[] = [];
  if (file.rates !== undefined) issues.push(...checkRates(file.rates, catalogue, where));
  if (issues.length > 0) return { ok: false, issues };
  const baseRates = base?.baseRates ?? toRates(file.rates ?? {});
  const own = (file.fixes ?? []).map(toFix);
  issues.push(...checkFixes(own, historyOf(base, baseRates), catalogue, where));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: toProfile(file, path, base, baseRates, own) };
}

function toProfile(
  file: ProfileFile,
  source: string,
  base: FaultProfile | undefined,
  baseRates: ReadonlyMap<string, PointRate>,
  own: readonly FixRecord[],
): FaultProfile {
  const fixes = [...(base?.fixes ?? []), ...own];
  const profile: FaultProfile = {
    name: file.name,
    source,
    rateScale: file.rateScale ?? base?.rateScale ?? 1,
    kindScale: file.kindScale === undefined ? (base?.kindScale ?? {}) : kindScale(file.kindScale),
    silentScale: file.silentScale ?? base?.silentScale ?? 1,
    baseRates,
    fixes,
    rates: applyFixes(baseRates, fixes),
  };
  if (file.description !== undefined) profile.description = file.description;
  return profile;
}

/** The state the base chain's fixes left, for checking this file's fixes after them. */
function historyOf(base: FaultProfile | undefined, baseRates: ReadonlyMap<string, PointRate>): FixHistory {
  const retiredBy = new Map<string, string>();
  for (const f of base?.fixes ?? []) if (f.effect === 'retire') retiredBy.set(f.faultId, f.id);
  return {
    ids: new Map((base?.fixes ?? []).map((f) => [f.id, base?.source ?? ''])),
    lastDate: base?.fixes.at(-1)?.date,
    rates: base?.rates ?? baseRates,
    retiredBy,
  };
}

/** Rates as a profile file writes them (`{ perStep }`, `{ perHour }`) as the engine takes them. */
export function toRates(rates: Readonly<Record<string, RateSpecEntry>>): Map<string, PointRate> {
  const out = new Map<string, PointRate>();
  for (const [id, r] of Object.entries(rates)) {
    const rate: PointRate =
      r.perStep !== undefined ? { per: 'step', rate: r.perStep } : { per: 'hour', rate: r.perHour ?? 0 };
    if (r.wearDoublingCount !== undefined) rate.wearDoublingCount = r.wearDoublingCount;
    out.set(id, rate);
  }
  return out;
}

function toFix(f: NonNullable<ProfileFile['fixes']>[number]): FixRecord {
  return {
    id: f.id,
    date: f.date,
    faultId: f.faultId,
    kind: f.kind,
    revision: f.revision,
    change: f.change,
    effect: f.effect,
  };
}

function kindScale(k: NonNullable<ProfileFile['kindScale']>): Partial<Record<ModuleKind, number>> {
  const out: Partial<Record<ModuleKind, number>> = {};
  for (const kind of MODULE_KINDS) {
    const v = k[kind];
    if (v !== undefined) out[kind] = v;
  }
  return out;
}

function fail(code: string, message: string): Result<never> {
  return { ok: false, issues: [issue(code, message)] };
}
