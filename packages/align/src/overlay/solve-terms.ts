import { fail, type Issue, type Result } from '@bondline/core';
import { leastSquares } from '../linalg/least-squares.js';
import { fitIssue, type OverlayFitIssueCode } from './fit-issue.js';
import { fillMonomial, type NormCoords, type TermDef } from './models.js';
import type { OverlaySite } from './site.js';

/** Fitted coefficients in their units, with standard errors, and per-site residuals (nm). */
export interface TermSolution {
  value: Float64Array;
  stderr: Float64Array;
  residualX: Float64Array;
  residualY: Float64Array;
  /** Residual sum of squares per axis (nm²); for a coupled model the split of one joint fit. */
  rssX: number;
  rssY: number;
}

/** Scales used to normalise coordinates, µm. */
export interface Scales {
  radiusUm: number;
  fieldUm: number;
}

/**
 * Least-squares fit of `terms` to the sites' (dx, dy). When every term enters
 * only one axis the two axes are fitted separately, each with its own residual
 * variance; otherwise (4-term) one stacked system of 2m equations is solved.
 * Standard errors are sqrt(s² (AᵀA)⁻¹_jj) with s² = RSS / (equations − terms).
 * Too few sites, a degenerate layout and overflow come back as issues naming the wafer.
 */
export function solveTerms(
  wafer: string,
  sites: readonly OverlaySite[],
  terms: readonly TermDef[],
  scales: Scales,
): Result<TermSolution, OverlayFitIssueCode> {
  const m = sites.length;
  const norm: NormCoords = {
    u: new Float64Array(m),
    v: new Float64Array(m),
    p: new Float64Array(m),
    q: new Float64Array(m),
  };
  for (let i = 0; i < m; i++) {
    const s = sites[i] as OverlaySite;
    norm.u[i] = s.X / scales.radiusUm;
    norm.v[i] = s.Y / scales.radiusUm;
    norm.p[i] = (s.x ?? 0) / scales.fieldUm;
    norm.q[i] = (s.y ?? 0) / scales.fieldUm;
  }
  const n = terms.length;
  const value = new Float64Array(n);
  const stderr = new Float64Array(n);
  const residualX = new Float64Array(m);
  const residualY = new Float64Array(m);
  let rssX = 0;
  let rssY = 0;
  const separable = terms.every((t) => t.x === undefined || t.y === undefined);
  const groups: { axes: ('x' | 'y')[]; idx: number[] }[] = separable
    ? [
        { axes: ['x'], idx: terms.flatMap((t, i) => (t.x !== undefined ? [i] : [])) },
        { axes: ['y'], idx: terms.flatMap((t, i) => (t.y !== undefined ? [i] : [])) },
      ]
    : [{ axes: ['x', 'y'], idx: terms.map((_, i) => i) }];

  for (const g of groups) {
    const k = g.idx.length;
    const rows = m * g.axes.length;
    if (k === 0) {
      // No term on this axis: the residual is the measurement itself.
      for (const ax of g.axes) {
        for (let i = 0; i < m; i++) {
          const r = ax === 'x' ? (sites[i] as OverlaySite).dx : (sites[i] as OverlaySite).dy;
          if (ax === 'x') residualX[i] = r;
          else residualY[i] = r;
        }
      }
      continue;
    }
    const need = Math.ceil((k + 1) / g.axes.length);
    if (m < need) {
      return fail(
        fitIssue(
          'too-few-sites',
          wafer,
          `${m} ${m === 1 ? 'site is' : 'sites are'} too few for ${n} terms (needs at least ${need})`,
        ),
      );
    }
    const a = new Float64Array(rows * k);
    const b = new Float64Array(rows);
    // Row-major design: rows 0..m-1 are the dx equations, m..2m-1 the dy equations (stacked case).
    g.axes.forEach((ax, block) => {
      for (let c = 0; c < k; c++) {
        const mn = (terms[g.idx[c] as number] as TermDef)[ax];
        if (mn !== undefined) fillMonomial(mn, norm, a, block * m * k + c, k);
      }
      for (let i = 0; i < m; i++) {
        const s = sites[i] as OverlaySite;
        b[block * m + i] = ax === 'x' ? s.dx : s.dy;
      }
    });
    const groupTerms = g.idx.map((i) => terms[i] as TermDef);
    const solved = leastSquares(a, rows, k, b, { columnNames: groupTerms.map((t) => t.name) });
    if (!solved.ok) {
      const why = solved.issues[0] as Issue<string>;
      if (why.code === 'rank-deficient') {
        return fail(
          degenerate(
            wafer,
            sites,
            why.message,
            groupTerms.some((t) => t.field === true),
          ),
        );
      }
      return fail(
        fitIssue(
          'non-finite',
          wafer,
          `the fit has no finite solution (${why.message}); check the site values`,
        ),
      );
    }
    const res = solved.value;
    const s2 = res.rss / (rows - k);
    for (let c = 0; c < k; c++) {
      const t = terms[g.idx[c] as number] as TermDef;
      const f = t.toUnit(scales.radiusUm, scales.fieldUm);
      value[g.idx[c] as number] = (res.x[c] as number) * f;
      stderr[g.idx[c] as number] = Math.sqrt(s2 * (res.covUnscaled[c * k + c] as number)) * Math.abs(f);
    }
    let row = 0;
    for (const ax of g.axes) {
      for (let i = 0; i < m; i++, row++) {
        const r = res.residual[row] as number;
        if (ax === 'x') {
          residualX[i] = r;
          rssX += r * r;
        } else {
          residualY[i] = r;
          rssY += r * r;
        }
      }
    }
  }
  if (!separable || groups.some((g) => g.idx.length === 0)) {
    rssX = residualX.reduce((s, r) => s + r * r, 0);
    rssY = residualY.reduce((s, r) => s + r * r, 0);
  }
  if (![value, stderr, residualX, residualY].every(allFinite) || !Number.isFinite(rssX + rssY)) {
    return fail(
      fitIssue('non-finite', wafer, 'the fitted terms overflowed; check the site values and the radius'),
    );
  }
  return { ok: true, value: { value, stderr, residualX, residualY, rssX, rssY } };
}

function allFinite(v: Float64Array): boolean {
  return v.every((x) => Number.isFinite(x));
}

/** The degenerate-layout issue; `what` is the solver's message naming the inseparable terms. */
function degenerate(
  wafer: string,
  sites: readonly OverlaySite[],
  what: string,
  fieldTerms: boolean,
): Issue<'degenerate-layout'> {
  if (onOneLine(sites.map((s) => [s.X, s.Y]))) {
    return fitIssue('degenerate-layout', wafer, `all ${sites.length} sites lie on one line, so ${what}`);
  }
  if (fieldTerms && onOneLine(sites.map((s) => [s.x ?? 0, s.y ?? 0]))) {
    return fitIssue(
      'degenerate-layout',
      wafer,
      `all in-field positions lie on one line (or one point), so ${what}`,
    );
  }
  return fitIssue('degenerate-layout', wafer, `with this site layout ${what}`);
}

/**
 * True when all points lie on one straight line (or one point): the smaller
 * eigenvalue of their scatter matrix is below 1e-12 of the larger, i.e. the
 * spread across the line is under 1e-6 of the spread along it (room for rounding).
 */
function onOneLine(pts: number[][]): boolean {
  const n = pts.length;
  let mx = 0;
  let my = 0;
  for (const [x, y] of pts) {
    mx += (x as number) / n;
    my += (y as number) / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [x, y] of pts) {
    const dx = (x as number) - mx;
    const dy = (y as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Smallest eigenvalue of the 2×2 scatter matrix relative to the largest.
  const tr = sxx + syy;
  const det = sxx * syy - sxy * sxy;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  const lmax = tr / 2 + disc;
  const lmin = tr / 2 - disc;
  return lmax === 0 || lmin <= 1e-12 * lmax;
}
