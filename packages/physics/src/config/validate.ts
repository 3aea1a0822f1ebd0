import { failAll, ok, type Result, type SchemaOptions, shown } from '@bondline/core';
import { type BondParams, defaultParams } from '../params.js';
import { type ConfigIssueCode, type Finding, type Place, placed } from './issues.js';
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
  if (key.length > 40) return ''; // no key is that long; and the edit distance costs length x length
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
 * range, inconsistent combinations. `source` and `locate` (as for core's
 * parseWithSchema) put the file and the key's line:column in each message.
 */
export function parseBondConfig(
  raw: unknown,
  options: SchemaOptions = {},
): Result<BondParams, ConfigIssueCode> {
  const { value, findings } = validateBondConfig(raw);
  if (findings.length > 0) return failAll(findings.map((f) => placed(f, placeOf(options))));
  return ok(value);
}

/** The message prefix `source:line:column` for a key path (parts left out when unknown). */
export function placeOf(options: SchemaOptions): Place {
  return (at) => {
    const parts = [options.source, options.locate?.(at)].filter((p) => p !== undefined && p !== '');
    return parts.length === 0 ? undefined : parts.join(':');
  };
}

/** The validation itself: the parameters (defaults filled) and every finding, unplaced. */
export function validateBondConfig(raw: unknown): { value: BondParams; findings: Finding[] } {
  const findings: Finding[] = [];
  const out = structuredClone(defaultParams) as BondParams;
  if (!isObject(raw)) {
    findings.push({
      code: 'not-an-object',
      at: [],
      text: `the configuration must be a mapping of sections (${sections.join(', ')}), not ${shown(raw)}`,
    });
    return { value: out, findings };
  }
  for (const [name, body] of Object.entries(raw)) {
    if ((metaKeys as readonly string[]).includes(name)) {
      if (typeof body !== 'string')
        findings.push({ code: 'wrong-type', at: [name], text: `must be a string, not ${shown(body)}` });
      continue;
    }
    if (!(sections as readonly string[]).includes(name)) {
      findings.push({
        code: 'unknown-section',
        at: [name],
        text: `unknown section (allowed: ${[...sections, ...metaKeys].join(', ')})`,
      });
      continue;
    }
    const section = name as SectionName;
    if (body === null || body === undefined) continue; // an empty section keeps its defaults
    if (!isObject(body)) {
      findings.push({
        code: 'wrong-type',
        at: [section],
        text: `must be a mapping of keys to values, not ${shown(body)}`,
      });
      continue;
    }
    const target = out[section] as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (section === 'pads' && key === 'layout') continue; // needs p, W, L: checked below
      const spec = keySpecs.find((s) => s.section === section && s.key === key);
      if (spec === undefined) {
        findings.push({
          code: 'unknown-key',
          at: [section, key],
          text: `unknown key${suggest(section, key)} (allowed in ${section}: ${allowedKeys(section)})`,
        });
        continue;
      }
      const v = checkNumber(spec, value, findings);
      if (v !== undefined) target[key] = v;
    }
  }
  checkConsistency(out, findings);
  const pads = raw.pads;
  if (isObject(pads) && pads.layout !== undefined && pads.layout !== null) {
    const layout = parseLayout(pads.layout, ['pads', 'layout'], out.die, out.pads.p, findings);
    if (layout !== undefined) out.pads.layout = layout;
  }
  return { value: out, findings };
}

function got(value: unknown): string {
  return typeof value === 'string' ? `the text ${shown(value)}` : shown(value);
}

function checkNumber(spec: KeySpec, value: unknown, findings: Finding[]): number | undefined {
  const at = [spec.section, spec.key];
  const unit = spec.unit === '1' ? '' : ` ${spec.unit}`; // '1' marks a dimensionless key
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    findings.push({
      code: 'wrong-type',
      at,
      text: `must be a finite number${spec.unit === '1' ? '' : ` in ${spec.unit}`} (got ${got(value)}); allowed ${rangeText(spec)}${unit}`,
    });
    return undefined;
  }
  if (!inRange(spec, value)) {
    findings.push({
      code: 'out-of-range',
      at,
      text: `${value}${unit} is out of range (allowed ${rangeText(spec)}${unit}: ${spec.doc})`,
    });
    return undefined;
  }
  return value;
}

/**
 * Most dies a wafer may hold: the model works die by die (the analytic yield takes about 0.1 ms a die
 * on a loaded 2-core machine, 440 000 dies about 40 s and 0.8 GB), and a real wafer has far fewer.
 */
export const MAX_DIES = 1_000_000;

function checkConsistency(p: BondParams, findings: Finding[]): void {
  const push = (at: string[], text: string) => findings.push({ code: 'inconsistent', at, text });
  if (p.wafer.e >= p.wafer.R)
    push(['wafer', 'e'], `edge exclusion ${p.wafer.e} µm must be smaller than R = ${p.wafer.R} µm`);
  else if (Math.hypot(p.die.W, p.die.L) >= 2 * (p.wafer.R - p.wafer.e)) {
    push(
      ['die'],
      `a ${p.die.W} x ${p.die.L} µm die does not fit inside the usable radius ${p.wafer.R - p.wafer.e} µm`,
    );
  } else {
    const ru = p.wafer.R - p.wafer.e;
    const dies = (Math.PI * ru * ru) / ((p.die.W + p.die.s) * (p.die.L + p.die.s));
    if (dies > MAX_DIES) {
      push(
        ['die'],
        `a ${p.die.W} x ${p.die.L} µm die with a ${p.die.s} µm street makes about ${dies.toPrecision(2)} dies on a wafer of usable radius ${ru} µm; at most ${MAX_DIES} are allowed (is the die size in µm?)`,
      );
    }
  }
  if (p.pads.p > Math.min(p.die.W, p.die.L)) {
    push(['pads', 'p'], `pitch ${p.pads.p} µm is larger than the die (${p.die.W} x ${p.die.L} µm)`);
  }
  if (p.voids.wEdge > p.wafer.R)
    push(['voids', 'wEdge'], `edge band ${p.voids.wEdge} µm is wider than R = ${p.wafer.R} µm`);
  if (p.voids.D1 > 0 && p.voids.wEdge === 0) {
    push(['voids', 'D1'], 'an edge density D1 > 0 needs an edge band width wEdge > 0');
  }
  if (p.voids.kL > 0 && p.voids.kN > 0 && p.voids.kL / p.voids.kN < 1) {
    // The tail's discs are kL/kN apart; closer than 1 µm they describe nothing a void map can show,
    // and a tail of millions of them (a thick particle) would take the Monte Carlo minutes a particle.
    push(
      ['voids', 'kL'],
      `with kN = ${p.voids.kN} the void tail's discs are kL/kN = ${(p.voids.kL / p.voids.kN).toPrecision(3)} µm apart; they must be at least 1 µm apart (kL >= kN), or kL = 0 for no tail length`,
    );
  }
  if (p.copper.Tanneal < p.copper.Troom) {
    push(
      ['copper', 'Tanneal'],
      `anneal temperature ${p.copper.Tanneal} °C is below room temperature ${p.copper.Troom} °C`,
    );
  }
}
