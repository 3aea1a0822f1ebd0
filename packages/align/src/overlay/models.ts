/**
 * Overlay model terms as columns of the least-squares design. A term adds a
 * monomial of the normalised coordinates to dx and/or dy:
 * (u, v) = (X, Y)/R for wafer terms and (p, q) = (x, y)/F for field terms.
 * Declarative monomials (not closures) let the design be filled by tight loops.
 * `toUnit` turns the fitted coefficient (nm per normalised unit) back into the
 * term's unit: 1 nm/µm = 1000 ppm = 1000 µrad.
 */

export type ModelName = '4' | '6' | '10' | 'poly3';
export const MODEL_NAMES: readonly ModelName[] = ['4', '6', '10', 'poly3'];

/** sign · u^pu · v^pv · p^pp · q^pq (powers 0..3). */
export interface Monomial {
  sign: 1 | -1;
  pu: number;
  pv: number;
  pp: number;
  pq: number;
}

export interface TermDef {
  name: string;
  unit: string;
  /** Contribution of a unit coefficient to dx and to dy; absent = none on that axis. */
  x?: Monomial;
  y?: Monomial;
  /** Multiplier from the fitted normalised coefficient (nm) to the term's unit, given R and F in µm. */
  toUnit(radiusUm: number, fieldUm: number): number;
  /** Needs the in-field position. */
  field?: boolean;
}

const mono = (sign: 1 | -1, pu: number, pv: number, pp = 0, pq = 0): Monomial => ({ sign, pu, pv, pp, pq });
const ONE = mono(1, 0, 0);
const U = mono(1, 1, 0);
const V = mono(1, 0, 1);
const NEG_V = mono(-1, 0, 1);
const P = mono(1, 0, 0, 1, 0);
const Q = mono(1, 0, 0, 0, 1);
const NEG_Q = mono(-1, 0, 0, 0, 1);
const nm = () => 1;
const perWafer = (r: number) => 1000 / r;
const perField = (_r: number, f: number) => 1000 / f;

const Tx: TermDef = { name: 'Tx', unit: 'nm', x: ONE, toUnit: nm };
const Ty: TermDef = { name: 'Ty', unit: 'nm', y: ONE, toUnit: nm };
const wafer6: TermDef[] = [
  Tx,
  Ty,
  { name: 'Mx', unit: 'ppm', x: U, toUnit: perWafer },
  { name: 'My', unit: 'ppm', y: V, toUnit: perWafer },
  { name: 'Rx', unit: 'µrad', x: NEG_V, toUnit: perWafer },
  { name: 'Ry', unit: 'µrad', y: U, toUnit: perWafer },
];
const field4: TermDef[] = [
  { name: 'mx', unit: 'ppm', x: P, field: true, toUnit: perField },
  { name: 'my', unit: 'ppm', y: Q, field: true, toUnit: perField },
  { name: 'rx', unit: 'µrad', x: NEG_Q, field: true, toUnit: perField },
  { name: 'ry', unit: 'µrad', y: P, field: true, toUnit: perField },
];

function poly3(): TermDef[] {
  const out: TermDef[] = [];
  for (const axis of ['x', 'y'] as const) {
    for (let order = 0; order <= 3; order++) {
      for (let i = order; i >= 0; i--) {
        const j = order - i;
        const t: TermDef = {
          name: `c${axis}_${i}${j}`,
          unit: order === 0 ? 'nm' : order === 1 ? 'nm/µm' : `nm/µm^${order}`,
          toUnit: (r) => 1 / r ** order,
        };
        t[axis] = mono(1, i, j);
        out.push(t);
      }
    }
  }
  return out;
}

/** The terms of a model, in output order. */
export function modelTerms(model: ModelName): TermDef[] {
  switch (model) {
    case '4':
      return [
        Tx,
        Ty,
        { name: 'Rot', unit: 'µrad', x: NEG_V, y: U, toUnit: perWafer },
        { name: 'Mag', unit: 'ppm', x: U, y: V, toUnit: perWafer },
      ];
    case '6':
      return wafer6;
    case '10':
      return [...wafer6, ...field4];
    case 'poly3':
      return poly3();
  }
}

/** Parse a model name from the command line ('4', '6', '10', 'poly3'); undefined if unknown. */
export function parseModelName(raw: string): ModelName | undefined {
  return (MODEL_NAMES as readonly string[]).includes(raw) ? (raw as ModelName) : undefined;
}

/** Normalised coordinates of m sites, one array per variable. */
export interface NormCoords {
  u: Float64Array;
  v: Float64Array;
  p: Float64Array;
  q: Float64Array;
}

/**
 * Write the monomial's value at every site into out[offset + i·stride]
 * (i = 0..m−1): the design column of one term on one axis.
 */
export function fillMonomial(
  mn: Monomial,
  c: NormCoords,
  out: Float64Array,
  offset: number,
  stride: number,
): void {
  const m = c.u.length;
  for (let i = 0, at = offset; i < m; i++, at += stride) {
    let val: number = mn.sign;
    for (let k = 0; k < mn.pu; k++) val *= c.u[i] as number;
    for (let k = 0; k < mn.pv; k++) val *= c.v[i] as number;
    for (let k = 0; k < mn.pp; k++) val *= c.p[i] as number;
    for (let k = 0; k < mn.pq; k++) val *= c.q[i] as number;
    out[at] = val;
  }
}
