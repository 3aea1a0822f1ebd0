import { refuse } from './refusal.js';
import { quoted, type Token } from './tokens.js';

/** The allowed range of one kind of KLARF number, with its unit and why the bound is where it is. */
interface KlarfLimit {
  min: number;
  max: number;
  /** True when `min` itself is not allowed. */
  minOpen?: boolean;
  integer?: boolean;
  /** Unit as shown in messages ('' for counts and ids). */
  unit: string;
  why: string;
}

// Plausibility bounds: wide enough for any real inspection of a wafer up to 500 mm across (the
// largest a Bondline configuration allows), narrow enough that a corrupt or hostile value (1e300, a
// negative count, a die index in the billions) is refused with its name instead of reaching the model.
const klarfLimits = {
  DiePitch: { min: 0, minOpen: true, max: 500_000, unit: 'µm', why: 'a die fits on a 500 mm wafer' },
  DieOrigin: { min: -1_000_000, max: 1_000_000, unit: 'µm', why: 'within a metre of the wafer' },
  SampleCenterLocation: { min: -1_000_000, max: 1_000_000, unit: 'µm', why: 'within a metre of the origin' },
  XREL: { min: -500_000, max: 500_000, unit: 'µm', why: 'within a 500 mm wafer' },
  YREL: { min: -500_000, max: 500_000, unit: 'µm', why: 'within a 500 mm wafer' },
  XINDEX: { min: -100_000, max: 100_000, integer: true, unit: '', why: 'a whole die index' },
  YINDEX: { min: -100_000, max: 100_000, integer: true, unit: '', why: 'a whole die index' },
  DSIZE: { min: 0, max: 500_000, unit: 'µm', why: 'no defect is larger than a 500 mm wafer' },
  XSIZE: { min: 0, max: 500_000, unit: 'µm', why: 'no defect is larger than a 500 mm wafer' },
  YSIZE: { min: 0, max: 500_000, unit: 'µm', why: 'no defect is larger than a 500 mm wafer' },
  DEFECTAREA: { min: 0, max: 2e11, unit: 'µm²', why: 'no defect is larger than a 500 mm wafer' },
  DEFECTID: { min: 0, max: 4_294_967_295, integer: true, unit: '', why: 'a whole number id' },
  count: { min: 0, max: 10_000_000, integer: true, unit: '', why: 'a whole number of entries' },
} as const satisfies Record<string, KlarfLimit>;

export type KlarfField = keyof typeof klarfLimits;

// Decimal numbers only: Number() would also take 0x1F, 0b101 or Infinity, which no KLARF writer emits.
const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number a token holds, within the bounds of `field` (a name from `klarfLimits`), or a refusal
 * naming `what` (the field as the file names it, e.g. `XREL` or `Data count`).
 */
export function numberOf(t: Token, field: KlarfField, what: string = field): number {
  const limit: KlarfLimit = klarfLimits[field];
  if (t.kind !== 'word' || !decimal.test(t.text))
    refuse(t, `${what}: ${quoted(t)} is not a number`, 'bad-value');
  const v = Number(t.text);
  const unit = limit.unit === '' ? '' : ` ${limit.unit}`;
  const range = `${limit.minOpen === true ? '(' : '['}${limit.min}, ${limit.max}]${unit}`;
  if (limit.integer === true && !Number.isInteger(v)) {
    refuse(t, `${what}: ${t.text} is not a whole number (allowed ${range}: ${limit.why})`, 'bad-value');
  }
  const low = limit.minOpen === true ? !(v > limit.min) : !(v >= limit.min);
  if (low || !(v <= limit.max)) {
    refuse(t, `${what}: ${t.text}${unit} is out of range (allowed ${range}: ${limit.why})`, 'out-of-range');
  }
  return v;
}
