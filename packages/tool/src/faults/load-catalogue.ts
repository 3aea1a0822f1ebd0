// Read a fault catalogue (docs/tool.md §5): YAML text parsed by core's parseYamlText (duplicate keys
// and alias bombs refused, positions kept), each point validated by catalogue-schema.ts, then the
// checks across points (catalogue-checks.ts). Every issue reads `file:line:col: key.path: problem`.
import { type Issue, issue, parseWithSchema, parseYamlText, type Result, readTextFile } from '@bondline/core';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import { checkCatalogue } from './catalogue-checks.js';
import { type CatalogueFile, catalogueFileSchema, type FaultPointEntry } from './catalogue-schema.js';
import { DEFAULT_CATALOGUE_PATH } from './example-files.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FaultEffect, FaultPoint } from './fault-point.js';

/** Largest catalogue read, characters: 250 points take about 80 kB; room for ten times more. */
const MAX_CATALOGUE_CHARS = 2 * 1024 * 1024;

/** Parse and validate catalogue text; `source` (a path) is named in every message. Pure. */
export function parseCatalogueText(text: string, source: string): Result<FaultCatalogue> {
  const doc = parseYamlText(text, { source, maxChars: MAX_CATALOGUE_CHARS });
  if (!doc.ok) return doc;
  const { value, locate } = doc.value;
  if (value === null || value === undefined) {
    return {
      ok: false,
      issues: [issue('missing', `${source}: the catalogue is empty: it needs version and points`)],
    };
  }
  const parsed = parseWithSchema(catalogueFileSchema, value, { source, locate, knownKeys: true });
  if (!parsed.ok) return parsed;
  const problems: Issue[] = checkCatalogue(parsed.value, { source, locate });
  if (problems.length > 0) return { ok: false, issues: problems };
  return { ok: true, value: toCatalogue(parsed.value, source) };
}

/** Read and validate a catalogue file (default: the shipped examples/tool/faults.yaml). */
export async function loadCatalogue(path: string = DEFAULT_CATALOGUE_PATH): Promise<Result<FaultCatalogue>> {
  const text = await readTextFile(path, { maxBytes: MAX_CATALOGUE_CHARS * 4 });
  return text.ok ? parseCatalogueText(text.value, path) : text;
}

function toCatalogue(file: CatalogueFile, source: string): FaultCatalogue {
  const points: FaultPoint[] = [];
  const byKind = new Map<ModuleKind, readonly FaultPoint[]>();
  for (const kind of MODULE_KINDS) {
    const list = (file.points[kind] ?? []).map((e) => toPoint(e, kind));
    byKind.set(kind, list);
    points.push(...list);
  }
  return { source, points, byId: new Map(points.map((p) => [p.id, p])), byKind };
}

/** The validated entry as a FaultPoint: optional fields present only where the file gives them. */
function toPoint(e: FaultPointEntry, kind: ModuleKind): FaultPoint {
  const point: FaultPoint = {
    id: e.id,
    module: kind,
    name: e.name,
    text: e.text,
    severity: e.severity,
    detection: e.detection,
    recovery: e.recovery,
    recoveryS: e.recoveryS,
    effect: toEffect(e.effect),
  };
  if (e.alarm !== undefined) point.alarm = { alid: e.alarm.alid, alcd: e.alarm.alcd };
  return point;
}

function toEffect(e: FaultPointEntry['effect']): FaultEffect {
  const out: FaultEffect = { stopsModule: e.stopsModule };
  if (e.extraParticles !== undefined) out.extraParticles = e.extraParticles;
  if (e.particleRateFactor !== undefined) out.particleRateFactor = e.particleRateFactor;
  if (e.alignNoiseFactor !== undefined) out.alignNoiseFactor = e.alignNoiseFactor;
  if (e.edgeVoidProbability !== undefined) out.edgeVoidProbability = e.edgeVoidProbability;
  if (e.timeFactor !== undefined) out.timeFactor = e.timeFactor;
  if (e.activeS !== undefined) out.activeS = e.activeS;
  if (e.overlayDrift !== undefined) {
    const d = e.overlayDrift;
    const drift: FaultEffect['overlayDrift'] & object = {};
    if (d.Tx !== undefined) drift.Tx = d.Tx;
    if (d.Ty !== undefined) drift.Ty = d.Ty;
    if (d.Rot !== undefined) drift.Rot = d.Rot;
    if (d.Mag !== undefined) drift.Mag = d.Mag;
    out.overlayDrift = drift;
  }
  return out;
}
