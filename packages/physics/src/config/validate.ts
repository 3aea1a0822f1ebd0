import { type BondParams, defaultParams } from '../params.js';
import type { ConfigIssue, ConfigResult } from './issues.js';
import { parseLayout } from './layout.js';
import { inRange, type KeySpec, keySpecs, rangeText, type SectionName } from './spec.js';

const sections: readonly SectionName[] = ['wafer', 'die', 'pads', 'overlay', 'voids', 'copper'];
/** Top-level keys that are not parameter sections. */
const metaKeys = ['description'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Levenshtein distance, for "did you mean" on short key names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function suggest(section: string, key: string): string {
  const lower = key.toLowerCase();
  const inSection = keySpecs.filter((s) => s.section === section);
  const same =
    inSection.find((s) => s.key.toLowerCase() === lower) ??
    inSection.find((s) => s.key.length > 2 && editDistance(s.key.toLowerCase(), lower) <= 2);
  if (same !== undefined) return `; did you mean '${same.key}'?`;
  const elsewhere = keySpecs.find((s) => s.key === key);
  if (elsewhere !== undefined) return `; '${key}' belongs in section '${elsewhere.section}'`;
  const yap = keySpecs.find((s) => s.yap === key);
  if (yap !== undefined) return `; YAP key '${key}' is '${yap.section}.${yap.key}' here`;
  return '';
}

function allowedKeys(section: SectionName): string {
  const keys = keySpecs.filter((s) => s.section === section).map((s) => s.key);
  if (section === 'pads') keys.push('layout');
  return keys.join(', ');
}

/**
 * Validate a parsed configuration object (from YAML or JSON) against the key
 * table and fill defaults. Pure: a layout given as a file path must have been
 * replaced by its content beforehand (see loadBondConfig). Collects every
 * issue: unknown sections/keys, wrong types, values outside their physical
 * range, inconsistent combinations.
 */
export function parseBondConfig(raw: unknown): ConfigResult<BondParams> {
  const issues: ConfigIssue[] = [];
  if (!isObject(raw)) {
    return {
      ok: false,
      issues: [
        {
          code: 'not_an_object',
          path: [],
          message: `the configuration must be a mapping of sections (${sections.join(', ')})`,
        },
      ],
    };
  }
  const out = structuredClone(defaultParams) as BondParams;
  for (const [name, body] of Object.entries(raw)) {
    if ((metaKeys as readonly string[]).includes(name)) {
      if (typeof body !== 'string')
        issues.push({ code: 'invalid_type', path: [name], message: 'must be a string' });
      continue;
    }
    if (!(sections as readonly string[]).includes(name)) {
      issues.push({
        code: 'unknown_section',
        path: [name],
        message: `unknown section (allowed: ${[...sections, ...metaKeys].join(', ')})`,
      });
      continue;
    }
    const section = name as SectionName;
    if (body === null || body === undefined) continue; // an empty section keeps its defaults
    if (!isObject(body)) {
      issues.push({ code: 'invalid_type', path: [section], message: 'must be a mapping of keys to values' });
      continue;
    }
    const target = out[section] as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (section === 'pads' && key === 'layout') continue; // needs p, W, L: checked below
      const spec = keySpecs.find((s) => s.section === section && s.key === key);
      if (spec === undefined) {
        issues.push({
          code: 'unknown_key',
          path: [section, key],
          message: `unknown key${suggest(section, key)} (allowed in ${section}: ${allowedKeys(section)})`,
        });
        continue;
      }
      const v = checkNumber(spec, value, issues);
      if (v !== undefined) target[key] = v;
    }
  }
  checkConsistency(out, issues);
  const pads = raw.pads;
  if (isObject(pads) && pads.layout !== undefined && pads.layout !== null) {
    const layout = parseLayout(pads.layout, ['pads', 'layout'], out.die, out.pads.p, issues);
    if (layout !== undefined) out.pads.layout = layout;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out, notes: [] };
}

function checkNumber(spec: KeySpec, value: unknown, issues: ConfigIssue[]): number | undefined {
  const path = [spec.section, spec.key];
  const unit = spec.unit === '1' ? '' : ` ${spec.unit}`; // '1' marks a dimensionless key
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const got = typeof value === 'string' ? `the string '${value}'` : value === null ? 'null' : typeof value;
    issues.push({
      code: 'invalid_type',
      path,
      message: `must be a finite number${spec.unit === '1' ? '' : ` in ${spec.unit}`} (got ${got}); allowed ${rangeText(spec)}${unit}`,
    });
    return undefined;
  }
  if (!inRange(spec, value)) {
    issues.push({
      code: 'out_of_range',
      path,
      message: `${value}${unit} is out of range (allowed ${rangeText(spec)}${unit}: ${spec.doc})`,
    });
    return undefined;
  }
  return value;
}

function checkConsistency(p: BondParams, issues: ConfigIssue[]): void {
  const push = (path: string[], message: string) => issues.push({ code: 'inconsistent', path, message });
  if (p.wafer.e >= p.wafer.R)
    push(['wafer', 'e'], `edge exclusion ${p.wafer.e} µm must be smaller than R = ${p.wafer.R} µm`);
  else if (Math.hypot(p.die.W, p.die.L) >= 2 * (p.wafer.R - p.wafer.e)) {
    push(
      ['die'],
      `a ${p.die.W} x ${p.die.L} µm die does not fit inside the usable radius ${p.wafer.R - p.wafer.e} µm`,
    );
  }
  if (p.pads.p > Math.min(p.die.W, p.die.L)) {
    push(['pads', 'p'], `pitch ${p.pads.p} µm is larger than the die (${p.die.W} x ${p.die.L} µm)`);
  }
  if (p.voids.wEdge > p.wafer.R)
    push(['voids', 'wEdge'], `edge band ${p.voids.wEdge} µm is wider than R = ${p.wafer.R} µm`);
  if (p.voids.D1 > 0 && p.voids.wEdge === 0) {
    push(['voids', 'D1'], 'an edge density D1 > 0 needs an edge band width wEdge > 0');
  }
  if (p.copper.Tanneal < p.copper.Troom) {
    push(
      ['copper', 'Tanneal'],
      `anneal temperature ${p.copper.Tanneal} °C is below room temperature ${p.copper.Troom} °C`,
    );
  }
}
