import { fail, type Result } from '@bondline/core';
import { derivedTerms } from './derived-terms.js';
import { fitIssue, type OverlayFitIssueCode } from './fit-issue.js';
import { type ModelName, modelTerms, type TermDef } from './models.js';
import { type AxisStats, axisStats } from './residual-stats.js';
import { robustReject } from './robust-reject.js';
import { type Criterion, selectTerms } from './select-terms.js';
import { type OverlaySite, siteLabel } from './site.js';
import { type Scales, solveTerms } from './solve-terms.js';

export interface TermValue {
  value: number;
  stderr: number;
  unit: string;
}

export interface FitOptions {
  model: ModelName;
  /** Wafer radius used to normalise (X, Y), µm. Default: the largest site radius of the wafer. */
  radiusUm?: number;
  /** Robust pass: reject sites beyond k robust sigmas, iterate. */
  robust?: { k?: number; maxIterations?: number };
  /** Term selection for the poly3 model. Default 'none'. */
  select?: Criterion | 'none';
}

export interface WaferFit {
  id: string;
  model: ModelName;
  /** Fitted terms in model order, then the derived terms of the 6/10-term models. */
  terms: Record<string, TermValue>;
  residual: { x: AxisStats; y: AxisStats };
  /** Sites used in the final fit, with their residuals (nm). */
  sites: OverlaySite[];
  residualX: Float64Array;
  residualY: Float64Array;
  /** Sites removed by the robust pass, in the order they were rejected. */
  rejected: OverlaySite[];
  /** poly3 term selection: the criterion and the terms dropped. */
  selection?: { criterion: Criterion; dropped: string[] };
  scales: Scales;
}

export type WaferFitResult = Result<WaferFit, OverlayFitIssueCode>;

/**
 * Fit one wafer's sites with an overlay model: least squares on normalised
 * coordinates (Householder QR), terms converted back to nm, ppm, µrad with
 * standard errors. Degenerate layouts, duplicates, too few sites and values
 * that are not finite (or overflow in the fit) come back as an issue naming
 * the wafer: a fit never returns NaN or Infinity.
 */
export function fitWafer(id: string, sites: readonly OverlaySite[], options: FitOptions): WaferFitResult {
  const allTerms = modelTerms(options.model);
  const needsField = allTerms.some((t) => t.field === true);
  if (needsField) {
    const missing = sites.find((s) => s.x === undefined || s.y === undefined);
    if (missing !== undefined) {
      return fail(
        fitIssue(
          'missing-field-coordinates',
          id,
          `the ${options.model}-term model needs the field,x,y columns (missing at ${missing.line === undefined ? 'a site' : `line ${missing.line}`})`,
        ),
      );
    }
  }
  const notFinite = sites.find((s) => ![s.X, s.Y, s.x ?? 0, s.y ?? 0, s.dx, s.dy].every(Number.isFinite));
  if (notFinite !== undefined) {
    return fail(
      fitIssue('non-finite', id, `site ${siteLabel(notFinite)} has a value that is not a finite number`),
    );
  }
  const dup = findDuplicate(sites);
  if (dup !== undefined) return fail(fitIssue('duplicate-site', id, dup));

  let maxR = 0;
  let maxF = 0;
  for (const s of sites) {
    // Math.hypot only where the squares overflow: it rounds differently, and fits stay bit-for-bit.
    const r2 = s.X * s.X + s.Y * s.Y;
    maxR = Math.max(maxR, Number.isFinite(r2) ? Math.sqrt(r2) : Math.hypot(s.X, s.Y));
    maxF = Math.max(maxF, Math.abs(s.x ?? 0), Math.abs(s.y ?? 0));
  }
  const radiusUm = options.radiusUm ?? maxR;
  const fieldUm = needsField ? maxF : 1;
  const scales: Scales = { radiusUm: radiusUm > 0 ? radiusUm : 1, fieldUm: fieldUm > 0 ? fieldUm : 1 };

  let active: OverlaySite[] = [...sites];
  let rejected: OverlaySite[] = [];
  if (options.robust !== undefined) {
    const r = robustReject(id, active, allTerms, scales, options.robust);
    if (!r.ok) return r;
    active = r.value.kept;
    rejected = r.value.rejected;
  }

  let terms: TermDef[] = allTerms;
  let selection: WaferFit['selection'];
  if (options.model === 'poly3' && options.select !== undefined && options.select !== 'none') {
    const sel = selectTerms(id, active, allTerms, scales, options.select);
    if (!sel.ok) return sel;
    terms = sel.value.terms;
    selection = { criterion: options.select, dropped: sel.value.dropped };
  }

  const solved = solveTerms(id, active, terms, scales);
  if (!solved.ok) return solved;
  const sol = solved.value;
  const out: Record<string, TermValue> = {};
  terms.forEach((t, i) => {
    out[t.name] = { value: sol.value[i] as number, stderr: sol.stderr[i] as number, unit: t.unit };
  });
  Object.assign(out, derivedTerms(out));
  const fit: WaferFit = {
    id,
    model: options.model,
    terms: out,
    residual: {
      x: axisStats(
        sol.residualX,
        active.map((s) => s.dx),
      ),
      y: axisStats(
        sol.residualY,
        active.map((s) => s.dy),
      ),
    },
    sites: active,
    residualX: sol.residualX,
    residualY: sol.residualY,
    rejected,
    scales,
  };
  if (selection !== undefined) fit.selection = selection;
  // Finite terms can still give sums of squares that overflow in the statistics.
  if (!finiteNumbers([fit.terms, fit.residual])) {
    return fail(
      fitIssue('non-finite', id, 'the fit statistics overflowed; check the site values for huge numbers'),
    );
  }
  return { ok: true, value: fit };
}

/** True when every number inside `v` (objects and arrays, nested) is finite; null counts as finite. */
function finiteNumbers(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return true;
  return Object.values(v).every(finiteNumbers);
}

function findDuplicate(sites: readonly OverlaySite[]): string | undefined {
  // Sort by (X, Y, x, y) and compare neighbours: O(n log n) on typed arrays, no string keys. Equal
  // positions are then adjacent however many sites share a wafer position (a file with thousands of
  // sites at one X, Y must not cost a pass per pair).
  const n = sites.length;
  const key = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  for (let i = 0; i < n; i++) {
    const s = sites[i] as OverlaySite;
    key[0][i] = s.X;
    key[1][i] = s.Y;
    // Absent field coordinates sort (and compare) as NaN-free sentinels of their own.
    key[2][i] = s.x ?? Number.NEGATIVE_INFINITY;
    key[3][i] = s.y ?? Number.NEGATIVE_INFINITY;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const cmp = (i: number, j: number) => {
    for (const k of key) {
      const d = (k[i] as number) - (k[j] as number);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return i - j;
  };
  order.sort(cmp);
  for (let k = 1; k < n; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (!key.every((c) => c[a] === c[b])) continue;
    const sa = sites[a] as OverlaySite;
    const sb = sites[b] as OverlaySite;
    const where = (t: OverlaySite) => (t.line === undefined ? 'a site' : `line ${t.line}`);
    return `duplicate site at X=${sb.X}, Y=${sb.Y} µm (${where(sa)} and ${where(sb)}); average or remove repeats first`;
  }
  return undefined;
}
