// Small in-memory catalogues and profiles for the fault tests, and temporary profile files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FaultEffect, FaultPoint, Severity } from './fault-point.js';
import type { FaultProfile } from './fault-profile.js';
import type { PointRate } from './fix-record.js';

let nextAlid = 1;

/** An alarming point of `module` (id, severity as given), stopping the module. */
export function alarmPoint(
  id: string,
  module: ModuleKind,
  severity: Severity = 'error',
  extra: Partial<FaultEffect> = {},
): FaultPoint {
  return {
    id,
    module,
    name: id,
    text: `${id} text`,
    severity,
    detection: 'sensor',
    recovery: 'auto-retry',
    recoveryS: 10,
    alarm: { alid: nextAlid++, alcd: 4 },
    effect: { stopsModule: true, ...extra },
  };
}

/** A silent point of `module` with the given degradation. */
export function silentPoint(
  id: string,
  module: ModuleKind,
  effect: Omit<FaultEffect, 'stopsModule'>,
): FaultPoint {
  return {
    id,
    module,
    name: id,
    text: `${id} text`,
    severity: 'warning',
    detection: 'none',
    recovery: 'maintenance',
    recoveryS: 1800,
    effect: { stopsModule: false, ...effect },
  };
}

/** A catalogue of the given points (ordered as given within each kind). */
export function catalogueOf(points: readonly FaultPoint[]): FaultCatalogue {
  const byKind = new Map<ModuleKind, FaultPoint[]>(MODULE_KINDS.map((k) => [k, []]));
  for (const p of points) byKind.get(p.module)?.push(p);
  const ordered = MODULE_KINDS.flatMap((k) => byKind.get(k) ?? []);
  return { source: 'test', points: ordered, byId: new Map(ordered.map((p) => [p.id, p])), byKind };
}

/** A profile without fixes giving each point its rate. */
export function profileOf(
  rates: Record<string, PointRate>,
  scales: Partial<FaultProfile> = {},
): FaultProfile {
  const map = new Map(Object.entries(rates));
  return {
    name: 'test',
    source: 'test',
    rateScale: 1,
    kindScale: {},
    silentScale: 1,
    baseRates: map,
    fixes: [],
    rates: map,
    ...scales,
  };
}

/** A temporary directory with the given files (name → text); `done` removes it. */
export async function tempFiles(
  files: Record<string, string>,
): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-faults-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}
