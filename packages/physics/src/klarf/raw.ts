import type { Token } from './tokens.js';

/** A wafer as read from either KLARF syntax, before columns are interpreted. */
export interface RawWafer {
  waferId: string;
  lotId: string;
  diePitch?: [number, number];
  dieOrigin?: [number, number];
  sampleCenter?: [number, number];
  orientation?: Token;
  /** Column names of the defect list, upper-case (shared, never changed in place). */
  columns?: readonly string[];
  /** Defect rows (values as tokens) with the line they start on. */
  rows?: Token[][];
  /** Where the wafer starts, for messages about missing fields. */
  at: Token;
}

/** Lot-level fields that every following wafer inherits. */
export type RawLot = Omit<RawWafer, 'waferId' | 'at' | 'rows'>;
