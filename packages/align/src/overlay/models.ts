/**
 * Overlay model terms as columns of the least-squares design. Each term gives
 * its contribution to dx and dy at a site in normalised coordinates
 * (u, v) = (X, Y)/R for wafer terms and (p, q) = (x, y)/F for field terms, and
 * the factor that turns the fitted coefficient (nm) back into its unit.
 * 1 nm/µm = 1000 ppm = 1000 µrad.
 */

export type ModelName = '4' | '6' | '10' | 'poly3';
export const MODEL_NAMES: readonly ModelName[] = ['4', '6', '10', 'poly3'];

/** Normalised site coordinates. */
export interface NormSite {
  u: number;
  v: number;
  p: number;
  q: number;
}

export interface TermDef {
  name: string;
  unit: string;
  /** Which measured axis the term enters: 'x' (dx only), 'y' (dy only) or 'both'. */
  axis: 'x' | 'y' | 'both';
  /** Contribution of a unit coefficient to dx (comp 0) or dy (comp 1), nm, at a normalised site. */
  basis(s: NormSite, comp: 0 | 1): number;
  /** Multiplier from the fitted normalised coefficient (nm) to the term's unit, given R and F in µm. */
  toUnit(radiusUm: number, fieldUm: number): number;
  /** Needs the in-field position. */
  field?: boolean;
}

const PER_UM_TO_MILLI = (r: number) => 1000 / r;

const Tx: TermDef = {
  name: 'Tx',
  unit: 'nm',
  axis: 'x',
  basis: (_s, c) => (c === 0 ? 1 : 0),
  toUnit: () => 1,
};
const Ty: TermDef = {
  name: 'Ty',
  unit: 'nm',
  axis: 'y',
  basis: (_s, c) => (c === 0 ? 0 : 1),
  toUnit: () => 1,
};
const wafer6: TermDef[] = [
  Tx,
  Ty,
  { name: 'Mx', unit: 'ppm', axis: 'x', basis: (s, c) => (c === 0 ? s.u : 0), toUnit: PER_UM_TO_MILLI },
  { name: 'My', unit: 'ppm', axis: 'y', basis: (s, c) => (c === 0 ? 0 : s.v), toUnit: PER_UM_TO_MILLI },
  { name: 'Rx', unit: 'urad', axis: 'x', basis: (s, c) => (c === 0 ? -s.v : 0), toUnit: PER_UM_TO_MILLI },
  { name: 'Ry', unit: 'urad', axis: 'y', basis: (s, c) => (c === 0 ? 0 : s.u), toUnit: PER_UM_TO_MILLI },
];
const fieldToUnit = (_r: number, f: number) => 1000 / f;
const field4: TermDef[] = [
  {
    name: 'mx',
    unit: 'ppm',
    axis: 'x',
    field: true,
    basis: (s, c) => (c === 0 ? s.p : 0),
    toUnit: fieldToUnit,
  },
  {
    name: 'my',
    unit: 'ppm',
    axis: 'y',
    field: true,
    basis: (s, c) => (c === 0 ? 0 : s.q),
    toUnit: fieldToUnit,
  },
  {
    name: 'rx',
    unit: 'urad',
    axis: 'x',
    field: true,
    basis: (s, c) => (c === 0 ? -s.q : 0),
    toUnit: fieldToUnit,
  },
  {
    name: 'ry',
    unit: 'urad',
    axis: 'y',
    field: true,
    basis: (s, c) => (c === 0 ? 0 : s.p),
    toUnit: fieldToUnit,
  },
];

function poly3(): TermDef[] {
  const out: TermDef[] = [];
  for (const axis of ['x', 'y'] as const) {
    for (let order = 0; order <= 3; order++) {
      for (let i = order; i >= 0; i--) {
        const j = order - i;
        out.push({
          name: `c${axis}_${i}${j}`,
          unit: order === 0 ? 'nm' : order === 1 ? 'nm/um' : `nm/um^${order}`,
          axis,
          basis: (s, c) => (c === (axis === 'x' ? 0 : 1) ? s.u ** i * s.v ** j : 0),
          toUnit: (r) => 1 / r ** order,
        });
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
        {
          name: 'Rot',
          unit: 'urad',
          axis: 'both',
          basis: (s, c) => (c === 0 ? -s.v : s.u),
          toUnit: PER_UM_TO_MILLI,
        },
        {
          name: 'Mag',
          unit: 'ppm',
          axis: 'both',
          basis: (s, c) => (c === 0 ? s.u : s.v),
          toUnit: PER_UM_TO_MILLI,
        },
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
