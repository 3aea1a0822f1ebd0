import type { BondParams } from '../params.js';
import { copperKeys } from './keys-copper.js';
import { geometryKeys } from './keys-geometry.js';
import { overlayKeys } from './keys-overlay.js';
import { voidKeys } from './keys-voids.js';

/** Sections of a Bondline configuration, as in BondParams. */
export type SectionName = Exclude<keyof BondParams, never>;

/**
 * One numeric configuration key: where it lives, its unit, its allowed
 * physical range, the YAP/YAP+ key that maps onto it and what it means.
 * This table drives validation, YAP mapping and the generated docs, so a key
 * is described in exactly one place. Defaults come from `defaultParams`.
 */
export interface KeySpec {
  section: SectionName;
  key: string;
  unit: string;
  min: number;
  max: number;
  /** True when `min` itself is not allowed (a strictly positive quantity). */
  minOpen?: boolean;
  /** The YAP/YAP+ key for this parameter, when that tool has one. */
  yap?: string;
  doc: string;
}

// Ranges are physical plausibility bounds wide enough for any real tool and
// narrow enough to catch unit mistakes (mm for µm, nm for m, degrees for rad).
export const keySpecs: readonly KeySpec[] = [...geometryKeys, ...overlayKeys, ...voidKeys, ...copperKeys];

/** The allowed range of a key as text, e.g. "(0, 1]" or "[0.2, 1000]". */
export function rangeText(spec: KeySpec): string {
  return `${spec.minOpen === true ? '(' : '['}${spec.min}, ${spec.max}]`;
}

/** True when v lies in the key's allowed range. */
export function inRange(spec: KeySpec, v: number): boolean {
  return (spec.minOpen === true ? v > spec.min : v >= spec.min) && v <= spec.max;
}
