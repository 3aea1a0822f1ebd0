import { failAll, ok, type Result, type SchemaOptions, shown } from '@bondline/core';
import type { BondParams } from '../params.js';
import { type ConfigIssueCode, type ConfigNote, type Finding, note, placed } from './issues.js';
import { keySpecs } from './spec.js';
import { placeOf, validateBondConfig } from './validate.js';

/** The sections of a YAP/YAP+ W2W configuration file. */
export const yapSections = ['w2w_modeling', 'w2w_simulation'] as const;
export type YapSection = (typeof yapSections)[number];

/** True when a parsed file looks like a YAP configuration (has a w2w_* section). */
export function isYapConfig(raw: unknown): boolean {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    yapSections.some((s) => s in (raw as object))
  );
}

// Keys of that tool Bondline reads but does not model, with the reason shown to the user.
const ignored: Record<string, string> = {
  MODE: 'a run label',
  DEBUG: 'a debug switch of that tool',
  NUM_WAFERS: 'use `bondline yield --mc <wafers>`',
  num_samples: 'sampling size of that tool; Bondline integrates the overlay analytically',
  simulation_times: 'use `bondline yield --mc <wafers>`',
  approximate_set: "that tool's overlay approximation switch; Bondline always sums every pad",
  VOID_SHAPE: 'Bondline models voids as discs (main void and tail) as in docs/physics.md §3',
  multi2one_flag: 'multi-to-one pad replication is not modelled',
  multi2one_ratio: 'multi-to-one pad replication is not modelled',
};

// Fault-tolerance keys. YAP describes redundancy as pad-count ratios and a survival ratio,
// not as pad positions; Bondline's redundancy needs a layout bitmap (pads.layout), so these
// are not mapped: every pad stays critical, which can only underestimate yield.
const redundancyKeys = new Set([
  'redundant_flag',
  'critical_pad_ratio',
  'redundant_pad_ratio',
  'redundant_survival_ratio',
  'redundant_block_interval',
  'pad_block_dim',
  'redundant_logical_pad_ratio',
  'redundant_logical_pad_copy',
  'redundant_logical_pad_dist',
]);

/** A YAP section read as Bondline parameters, with what was read but not used. */
export interface YapConfig {
  params: BondParams;
  notes: ConfigNote[];
}

/**
 * Map one section of a parsed YAP/YAP+ W2W configuration onto BondParams and
 * validate it with the same key table as native files. Issues name the YAP
 * keys (e.g. `w2w_modeling.PITCH`). Keys Bondline does not model come back
 * as notes, never silently dropped. Keys of the YAP file missing here keep
 * Bondline's defaults (docs/physics.md). `source` and `locate` place each issue in
 * the file, as for parseBondConfig.
 */
export function parseYapConfig(
  raw: unknown,
  section: YapSection = 'w2w_modeling',
  options: SchemaOptions = {},
): Result<YapConfig, ConfigIssueCode> {
  const r = validateYap(raw, section);
  if (r.findings.length > 0) return failAll(r.findings.map((f) => placed(f, placeOf(options))));
  return ok({ params: r.value, notes: r.notes });
}

function validateYap(
  raw: unknown,
  section: YapSection,
): { value: BondParams; findings: Finding[]; notes: ConfigNote[] } {
  const notes: ConfigNote[] = [];
  const findings: Finding[] = [];
  const native: Record<string, Record<string, unknown>> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    findings.push({
      code: 'not-an-object',
      at: [],
      text: `a YAP configuration must be a mapping, not ${shown(raw)}`,
    });
    return { value: validateBondConfig(native).value, findings, notes };
  }
  const doc = raw as Record<string, unknown>;
  const body = doc[section];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const present = Object.keys(doc).filter((k) => (yapSections as readonly string[]).includes(k));
    findings.push({
      code: 'unknown-section',
      at: [section],
      text: `section not found or not a mapping (sections in this file: ${present.join(', ') || 'none'})`,
    });
    return { value: validateBondConfig(native).value, findings, notes };
  }
  for (const other of Object.keys(doc)) {
    if (other !== section) notes.push(note([other], `section not used (this run reads ${section})`));
  }
  const origin = new Map<string, string>(); // 'overlay.sigmaR' -> 'PITCH'
  const entries = body as Record<string, unknown>;
  let redundancyActive = false;
  for (const [key, value] of Object.entries(entries)) {
    const spec = keySpecs.find((s) => s.yap === key);
    if (spec !== undefined) {
      native[spec.section] ??= {};
      native[spec.section]![spec.key] = value;
      origin.set(`${spec.section}.${spec.key}`, key);
    } else if (key === 'RANDOM_MISALIGNMENT_MEAN') {
      if (value !== 0) {
        findings.push({
          code: 'unsupported',
          at: [section, key],
          text: `${shown(value)}: a random overlay error with a non-zero mean is a systematic translation; set it in SYSTEM_TRANSLATION_X_MEAN / _Y_MEAN and give RANDOM_MISALIGNMENT_MEAN 0`,
        });
      }
    } else if (Object.hasOwn(ignored, key)) {
      notes.push(note([section, key], `ignored: ${ignored[key]}`));
    } else if (redundancyKeys.has(key)) {
      if (key === 'redundant_pad_ratio' && typeof value === 'number' && value > 0) redundancyActive = true;
    } else {
      findings.push({ code: 'unknown-key', at: [section, key], text: 'unknown YAP key' });
    }
  }
  const seenRedundancy = Object.keys(entries).filter((k) => redundancyKeys.has(k));
  if (seenRedundancy.length > 0) {
    const flagOn = entries.redundant_flag === true;
    notes.push(
      note(
        [section],
        flagOn && redundancyActive
          ? `not mapped: ${seenRedundancy.join(', ')}. YAP's redundancy ratios do not say where the redundant pads are; all pads are treated as critical (a lower bound on yield). Describe redundancy with pads.layout in a Bondline config.`
          : `ignored: ${seenRedundancy.join(', ')} (no redundant pads in this section: all pads are critical, as in YAP)`,
      ),
    );
  }
  const result = validateBondConfig(native);
  for (const f of result.findings) {
    const yapKey = origin.get(f.at.slice(0, 2).join('.'));
    findings.push(yapKey === undefined ? f : { ...f, at: [section, yapKey] });
  }
  return { value: result.value, findings, notes };
}
