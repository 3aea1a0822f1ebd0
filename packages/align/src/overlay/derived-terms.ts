import type { TermValue } from './fit-wafer.js';

/**
 * Derived terms of the 6/10-term models: rotation Rot = (Rx+Ry)/2,
 * non-orthogonality NonOrth = Rx-Ry, mean magnification Mag = (Mx+My)/2 and
 * asymmetric magnification MagAsym = (Mx-My)/2. Rx and Mx come from the dx fit,
 * Ry and My from the separate dy fit, so their errors are independent and add
 * in quadrature. Returns {} when the model lacks the terms.
 */
export function derivedTerms(t: Record<string, TermValue>): Record<string, TermValue> {
  const { Rx, Ry, Mx, My } = t;
  if (Rx === undefined || Ry === undefined || Mx === undefined || My === undefined) return {};
  const q = (a: TermValue, b: TermValue) => Math.hypot(a.stderr, b.stderr);
  return {
    Rot: { value: (Rx.value + Ry.value) / 2, stderr: q(Rx, Ry) / 2, unit: 'µrad' },
    NonOrth: { value: Rx.value - Ry.value, stderr: q(Rx, Ry), unit: 'µrad' },
    Mag: { value: (Mx.value + My.value) / 2, stderr: q(Mx, My) / 2, unit: 'ppm' },
    MagAsym: { value: (Mx.value - My.value) / 2, stderr: q(Mx, My) / 2, unit: 'ppm' },
  };
}
