/** One defect of a KLARF file, in wafer-centred coordinates (µm), notch down. */
export interface KlarfDefect {
  /** DEFECTID of the file. */
  id: number;
  /** Position relative to the wafer centre, in the inspected wafer's own frame, notch down (µm). */
  x: number;
  y: number;
  /**
   * Defect size (µm): DSIZE when the file has it, else max(XSIZE, YSIZE), else
   * the diameter of a disc of DEFECTAREA.
   */
  sizeUm: number;
  /** Die index and die-relative position as written in the file. */
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
  /** Die pitch, die origin and wafer centre as written (µm). */
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

/** Why a KLARF file was refused; names the line and column and what is wrong. */
export interface KlarfIssue {
  code: 'syntax' | 'unsupported_version' | 'missing_field' | 'bad_value' | 'no_defects';
  message: string;
  line: number;
  column: number;
}

export type KlarfResult = { ok: true; value: KlarfFile } | { ok: false; issue: KlarfIssue };

/** Thrown inside the parsers only; parseKlarf turns it into a KlarfResult. */
export class KlarfSyntaxError extends Error {
  override readonly name = 'KlarfSyntaxError';
  constructor(readonly issue: KlarfIssue) {
    super(`line ${issue.line}:${issue.column}: ${issue.message}`);
  }
}
