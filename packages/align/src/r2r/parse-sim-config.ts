import type { ControllerConfig } from './controller-config.js';
import type { SimConfig, SimProcess } from './simulate.js';

/** A problem in a simulation config, with the dotted path of the key. */
export interface ConfigIssue {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;

/**
 * Validate a parsed simulation config (from YAML or JSON) and fill defaults:
 * runs 50 (at most 100 000), seed 1, lastN min(20, runs), context 'sim/A/P1/L1', no maintenance;
 * per correctable `process` {offset, drift 0, noise 0, gain 1, maintenanceStep 0}
 * and `controller` {kind, w, w2 (dewma), gain 1, target 0, limits, deadband,
 * initialOffset, gainRatioRange}. Every problem is reported with its key path.
 */
export function parseSimConfig(
  raw: unknown,
): { ok: true; config: SimConfig } | { ok: false; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const root = asObject(raw, '(top level)', issues);
  if (root === undefined) return { ok: false, issues };
  checkKeys(root, '', ['runs', 'seed', 'lastN', 'context', 'maintenance', 'correctables'], issues);
  // Every run of every correctable is kept (rows and audit records), so runs are capped.
  const runs = int(root, 'runs', '', issues, { def: 50, min: 1, max: 100_000 });
  const seed = int(root, 'seed', '', issues, { def: 1, min: 0, max: 2 ** 32 - 1 });
  const lastN = int(root, 'lastN', '', issues, { def: Math.min(20, runs), min: 1, max: runs });
  const ctxRaw = root.context === undefined ? {} : asObject(root.context, 'context', issues);
  const context = { tool: 'sim', chamber: 'A', product: 'P1', layer: 'L1' };
  if (ctxRaw !== undefined) {
    checkKeys(ctxRaw, 'context.', Object.keys(context), issues);
    for (const k of Object.keys(context) as (keyof typeof context)[]) {
      const v = ctxRaw[k];
      if (v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number')
        issues.push({ path: `context.${k}`, message: 'must be a string' });
      else context[k] = String(v);
    }
  }
  const maintenance: number[] = [];
  if (root.maintenance !== undefined) {
    if (!Array.isArray(root.maintenance))
      issues.push({ path: 'maintenance', message: 'must be a list of run numbers' });
    else
      root.maintenance.forEach((v: unknown, i) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > runs) {
          issues.push({
            path: `maintenance[${i}]`,
            message: `must be a run number 1..${runs}, got ${JSON.stringify(v)}`,
          });
        } else maintenance.push(v);
      });
  }
  const correctables: SimConfig['correctables'] = {};
  const cRaw = asObject(root.correctables, 'correctables', issues);
  if (cRaw !== undefined) {
    if (Object.keys(cRaw).length === 0)
      issues.push({ path: 'correctables', message: 'must name at least one correctable' });
    for (const [name, v] of Object.entries(cRaw)) {
      const p = `correctables.${name}`;
      const o = asObject(v, p, issues);
      if (o === undefined) continue;
      checkKeys(o, `${p}.`, ['process', 'controller'], issues);
      const process = parseProcess(o.process, `${p}.process`, issues);
      const controller = parseController(o.controller, `${p}.controller`, issues);
      if (process !== undefined && controller !== undefined) correctables[name] = { process, controller };
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, config: { runs, seed, lastN, context, maintenance, correctables } };
}

function parseProcess(raw: unknown, p: string, issues: ConfigIssue[]): SimProcess | undefined {
  const o = asObject(raw, p, issues);
  if (o === undefined) return undefined;
  checkKeys(o, `${p}.`, ['offset', 'drift', 'noise', 'gain', 'maintenanceStep'], issues);
  return {
    offset: num(o, 'offset', p, issues, { def: 0 }),
    drift: num(o, 'drift', p, issues, { def: 0 }),
    noise: num(o, 'noise', p, issues, { def: 0, min: 0 }),
    gain: num(o, 'gain', p, issues, { def: 1 }),
    maintenanceStep: num(o, 'maintenanceStep', p, issues, { def: 0 }),
  };
}

function parseController(raw: unknown, p: string, issues: ConfigIssue[]): ControllerConfig | undefined {
  const o = asObject(raw, p, issues);
  if (o === undefined) return undefined;
  checkKeys(
    o,
    `${p}.`,
    ['kind', 'w', 'w2', 'gain', 'target', 'limits', 'deadband', 'initialOffset', 'gainRatioRange'],
    issues,
  );
  const kind = o.kind ?? 'ewma';
  if (kind !== 'ewma' && kind !== 'dewma') {
    issues.push({ path: `${p}.kind`, message: `must be 'ewma' or 'dewma', got ${JSON.stringify(kind)}` });
    return undefined;
  }
  const c: ControllerConfig = {
    kind,
    w: num(o, 'w', p, issues, { min: 0, max: 1, openMin: true }),
    gain: num(o, 'gain', p, issues, { def: 1 }),
    target: num(o, 'target', p, issues, { def: 0 }),
  };
  if (c.gain === 0) issues.push({ path: `${p}.gain`, message: 'must not be 0' });
  if (kind === 'dewma') c.w2 = num(o, 'w2', p, issues, { min: 0, max: 1, openMin: true });
  else if (o.w2 !== undefined) issues.push({ path: `${p}.w2`, message: "only used with kind 'dewma'" });
  if (o.limits !== undefined) {
    const l = pair(o.limits, `${p}.limits`, issues);
    if (l !== undefined) c.limits = { min: l[0], max: l[1] };
  }
  if (o.deadband !== undefined) c.deadband = num(o, 'deadband', p, issues, { min: 0 });
  if (o.initialOffset !== undefined) c.initialOffset = num(o, 'initialOffset', p, issues, {});
  if (o.gainRatioRange !== undefined) {
    const r = pair(o.gainRatioRange, `${p}.gainRatioRange`, issues);
    if (r !== undefined) c.gainRatioRange = r;
  }
  return c;
}

function asObject(v: unknown, path: string, issues: ConfigIssue[]): Obj | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
  issues.push({ path, message: v === undefined ? 'is missing' : 'must be a mapping (key: value)' });
  return undefined;
}

function checkKeys(o: Obj, prefix: string, allowed: string[], issues: ConfigIssue[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      issues.push({ path: `${prefix}${k}`, message: `unknown key (allowed: ${allowed.join(', ')})` });
  }
}

function num(
  o: Obj,
  key: string,
  p: string,
  issues: ConfigIssue[],
  r: { def?: number; min?: number; max?: number; openMin?: boolean },
): number {
  const path = p === '' ? key : `${p}.${key}`;
  const v = o[key];
  if (v === undefined) {
    if (r.def !== undefined) return r.def;
    issues.push({ path, message: 'is missing' });
    return Number.NaN;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ path, message: `must be a number, got ${JSON.stringify(v)}` });
    return Number.NaN;
  }
  const lowOk = r.min === undefined || (r.openMin === true ? v > r.min : v >= r.min);
  if (!lowOk || (r.max !== undefined && v > r.max)) {
    const lo = r.min === undefined ? '(-inf' : `${r.openMin === true ? '(' : '['}${r.min}`;
    issues.push({
      path,
      message: `must be in ${lo}, ${r.max ?? 'inf'}${r.max === undefined ? ')' : ']'}, got ${v}`,
    });
  }
  return v;
}

function int(
  o: Obj,
  key: string,
  p: string,
  issues: ConfigIssue[],
  r: { def: number; min: number; max: number },
): number {
  const v = num(o, key, p, issues, r);
  if (Number.isFinite(v) && !Number.isInteger(v))
    issues.push({ path: p === '' ? key : `${p}.${key}`, message: 'must be an integer' });
  return v;
}

function pair(v: unknown, path: string, issues: ConfigIssue[]): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    issues.push({ path, message: `must be [low, high] (two numbers), got ${JSON.stringify(v)}` });
    return undefined;
  }
  const [a, b] = v as [number, number];
  if (a > b) {
    issues.push({ path, message: `low must be ≤ high, got [${a}, ${b}]` });
    return undefined;
  }
  return [a, b];
}
