import { parseKlarf12 } from './klarf12.js';
import { parseKlarf18 } from './klarf18.js';
import type { RawWafer } from './raw.js';
import { numberOf, type Token, tokenize } from './tokens.js';
import { type KlarfDefect, type KlarfResult, KlarfSyntaxError, type KlarfWafer } from './types.js';

const orientations = ['DOWN', 'UP', 'LEFT', 'RIGHT'] as const;

/**
 * Parse a KLARF defect file, version 1.1/1.2 (flat records) or 1.8 (nested
 * records), from its text. Pure. Positions become wafer-centred µm:
 * `x = XINDEX*DiePitchX + DieOriginX + XREL - SampleCenterLocationX` (same
 * for y), then rotated so that the notch points down. A malformed file gives
 * an issue naming the line, column and what is wrong.
 */
export function parseKlarf(text: string): KlarfResult {
  try {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) {
      return { ok: false, issue: { code: 'syntax', message: 'empty file', line: 1, column: 1 } };
    }
    const raw =
      first.text === 'Record'
        ? parseKlarf18(tokens)
        : first.text === 'FileVersion'
          ? parseKlarf12(tokens)
          : fail(
              first,
              `not a KLARF file: expected 'FileVersion' (1.2) or 'Record FileRecord' (1.8), found '${first.text}'`,
            );
    if (raw.wafers.length === 0) {
      throw new KlarfSyntaxError({
        code: 'no_defects',
        message: 'no wafer in the file',
        line: first.line,
        column: first.column,
      });
    }
    return { ok: true, value: { version: raw.version, wafers: raw.wafers.map(toWafer) } };
  } catch (err) {
    if (err instanceof KlarfSyntaxError) return { ok: false, issue: err.issue };
    throw err;
  }
}

function fail(t: Token, message: string, code: 'syntax' | 'missing_field' | 'bad_value' = 'syntax'): never {
  throw new KlarfSyntaxError({ code, message, line: t.line, column: t.column });
}

function toWafer(w: RawWafer): KlarfWafer {
  const what = `wafer '${w.waferId}'`;
  if (w.diePitch === undefined) fail(w.at, `${what}: no DiePitch`, 'missing_field');
  if (w.sampleCenter === undefined) fail(w.at, `${what}: no SampleCenterLocation`, 'missing_field');
  const dieOrigin = w.dieOrigin ?? [0, 0];
  const o = (w.orientation?.text ?? 'DOWN').toUpperCase();
  if (!(orientations as readonly string[]).includes(o)) {
    fail(
      w.orientation!,
      `OrientationMarkLocation '${o}' is not one of ${orientations.join(', ')}`,
      'bad_value',
    );
  }
  const orientation = o as KlarfWafer['orientation'];
  const rows = w.rows ?? [];
  const defects: KlarfDefect[] = [];
  if (rows.length > 0) {
    const cols = w.columns;
    if (cols === undefined)
      fail(rows[0]![0]!, `${what}: DefectList without a column specification`, 'missing_field');
    const col = (name: string) => cols.indexOf(name);
    for (const req of ['XREL', 'YREL', 'XINDEX', 'YINDEX']) {
      if (col(req) < 0) fail(w.at, `${what}: the defect columns have no ${req}`, 'missing_field');
    }
    const iSize = col('DSIZE');
    const iXs = col('XSIZE');
    const iYs = col('YSIZE');
    const iArea = col('DEFECTAREA');
    if (iSize < 0 && iXs < 0 && iYs < 0 && iArea < 0) {
      fail(
        w.at,
        `${what}: the defect columns have no size (DSIZE, XSIZE/YSIZE or DEFECTAREA)`,
        'missing_field',
      );
    }
    const iId = col('DEFECTID');
    // Rows may carry a trailing variable-length image list beyond the declared columns.
    const open = cols[cols.length - 1] === 'IMAGELIST';
    rows.forEach((r, k) => {
      const head = r[0]!;
      if (r.length < cols.length || (!open && r.length > cols.length)) {
        fail(head, `defect row has ${r.length} values, the column specification has ${cols.length}`);
      }
      const num = (i: number, name: string) => numberOf(r[i]!, name);
      const xIndex = num(col('XINDEX'), 'XINDEX');
      const yIndex = num(col('YINDEX'), 'YINDEX');
      const xRel = num(col('XREL'), 'XREL');
      const yRel = num(col('YREL'), 'YREL');
      let sizeUm: number;
      if (iSize >= 0) sizeUm = num(iSize, 'DSIZE');
      else if (iXs >= 0 || iYs >= 0)
        sizeUm = Math.max(iXs >= 0 ? num(iXs, 'XSIZE') : 0, iYs >= 0 ? num(iYs, 'YSIZE') : 0);
      else sizeUm = 2 * Math.sqrt(num(iArea, 'DEFECTAREA') / Math.PI);
      if (sizeUm < 0) fail(r[Math.max(iSize, 0)]!, `defect size ${sizeUm} is negative`, 'bad_value');
      const fx = xIndex * w.diePitch![0] + dieOrigin[0] + xRel - w.sampleCenter![0];
      const fy = yIndex * w.diePitch![1] + dieOrigin[1] + yRel - w.sampleCenter![1];
      const [x, y] = notchDown(fx, fy, orientation);
      defects.push({
        id: iId >= 0 ? num(iId, 'DEFECTID') : k + 1,
        x,
        y,
        sizeUm,
        xIndex,
        yIndex,
        xRel,
        yRel,
        line: head.line,
      });
    });
  }
  return {
    waferId: w.waferId,
    lotId: w.lotId,
    diePitch: w.diePitch,
    dieOrigin,
    sampleCenter: w.sampleCenter,
    orientation,
    defects,
  };
}

/** Rotate file coordinates so the notch points down (-y). */
function notchDown(x: number, y: number, o: KlarfWafer['orientation']): [number, number] {
  switch (o) {
    case 'DOWN':
      return [x, y];
    case 'UP':
      return [-x, -y];
    case 'LEFT': // notch at -x: rotate +90° so it lands at -y
      return [-y, x];
    case 'RIGHT': // notch at +x: rotate -90°
      return [y, -x];
  }
}
