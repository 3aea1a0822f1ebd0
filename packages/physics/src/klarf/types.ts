import type { Issue, Result, TextIssueCode } from '@bondline/core';

/**
 * One defect of a KLARF file, in wafer-centred coordinates (µm), notch down. Every number was read
 * within the bounds of `klarfLimits` (limits.ts), so all are finite.
 */
export interface KlarfDefect {
  /** DEFECTID of the file (an integer in [0, 4294967295]), or the row number when the file has none. */
  id: number;
  /** Position relative to the wafer centre, in the inspected wafer's own frame, notch down (µm). */
  x: number;
  y: number;
  /**
   * Defect size (µm, [0, 500000]): DSIZE when the file has it, else max(XSIZE, YSIZE), else the
   * diameter of a disc of DEFECTAREA (µm², [0, 2e11]).
   */
  sizeUm: number;
  /** Die index (an integer in [-100000, 100000]) and die-relative position (µm, [-500000, 500000]). */
  xIndex: number;
  yIndex: number;
  xRel: number;
  yRel: number;
  /** 1-based line of the defect's row in the file. */
  line: number;
}

/** One inspected wafer. */
export interface KlarfWafer {
  waferId: string;
  lotId: string;
  /** Die pitch (µm, (0, 500000]), die origin and wafer centre (µm, [-1000000, 1000000]) as written. */
  diePitch: [number, number];
  dieOrigin: [number, number];
  sampleCenter: [number, number];
  /** Notch direction as written (DOWN when absent); positions are rotated to notch down. */
  orientation: 'DOWN' | 'UP' | 'LEFT' | 'RIGHT';
  defects: KlarfDefect[];
}

export interface KlarfFile {
  version: '1.1' | '1.2' | '1.8';
  wafers: KlarfWafer[];
}

/** Why a KLARF file was refused (text that is not UTF-8 or is binary: core's text codes). */
export type KlarfIssueCode =
  | 'syntax'
  | 'unsupported-version'
  | 'missing-field'
  | 'bad-value'
  | 'out-of-range'
  | 'bad-character'
  | 'no-wafer'
  | 'too-large'
  | 'too-deep'
  | TextIssueCode;

/**
 * A refusal: `message` is `<source>:<line>:<column>: <what is wrong>`, `path` is `<line>:<column>`
 * (1-based) of the token at fault.
 */
export type KlarfIssue = Issue<KlarfIssueCode>;

export type KlarfResult = Result<KlarfFile, KlarfIssueCode>;

export interface KlarfOptions {
  /** Named at the start of every message (the file name, or `-` for stdin). */
  source: string;
}
