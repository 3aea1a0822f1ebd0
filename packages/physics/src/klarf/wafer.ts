import { numberOf } from './limits.js';
import type { RawWafer } from './raw.js';
import { refuse } from './refusal.js';
import { quoted } from './tokens.js';
import type { KlarfDefect, KlarfWafer } from './types.js';

const orientations = ['DOWN', 'UP', 'LEFT', 'RIGHT'] as const;

/** Interpret a raw wafer's defect rows by its columns; positions wafer-centred, notch down (µm). */
export function toWafer(w: RawWafer): KlarfWafer {
  const what = `wafer ${quoted({ ...w.at, text: w.waferId })}`;
  const diePitch = w.diePitch;
  const sampleCenter = w.sampleCenter;
  if (diePitch === undefined) refuse(w.at, `${what}: no DiePitch`, 'missing-field');
  if (sampleCenter === undefined) refuse(w.at, `${what}: no SampleCenterLocation`, 'missing-field');
  const dieOrigin = w.dieOrigin ?? [0, 0];
  const o = (w.orientation?.text ?? 'DOWN').toUpperCase();
  if (!(orientations as readonly string[]).includes(o)) {
    refuse(
      w.orientation!,
      `OrientationMarkLocation ${quoted(w.orientation!)} is not one of ${orientations.join(', ')}`,
      'bad-value',
    );
  }
  const orientation = o as KlarfWafer['orientation'];
  const rows = w.rows ?? [];
  const defects: KlarfDefect[] = [];
  if (rows.length === 0) return { ...header(w, diePitch, dieOrigin, sampleCenter, orientation), defects };
  const cols = w.columns;
  if (cols === undefined)
    refuse(rows[0]![0]!, `${what}: DefectList without a column specification`, 'missing-field');
  const col = (name: string) => cols.indexOf(name);
  for (const req of ['XREL', 'YREL', 'XINDEX', 'YINDEX']) {
    if (col(req) < 0) refuse(w.at, `${what}: the defect columns have no ${req}`, 'missing-field');
  }
  const iXi = col('XINDEX');
  const iYi = col('YINDEX');
  const iXr = col('XREL');
  const iYr = col('YREL');
  const iSize = col('DSIZE');
  const iXs = col('XSIZE');
  const iYs = col('YSIZE');
  const iArea = col('DEFECTAREA');
  if (iSize < 0 && iXs < 0 && iYs < 0 && iArea < 0) {
    refuse(
      w.at,
      `${what}: the defect columns have no size (DSIZE, XSIZE/YSIZE or DEFECTAREA)`,
      'missing-field',
    );
  }
  const iId = col('DEFECTID');
  // Rows may carry a trailing variable-length image list beyond the declared columns.
  const open = cols[cols.length - 1] === 'IMAGELIST';
  rows.forEach((r, k) => {
    const head = r[0]!;
    if (r.length < cols.length || (!open && r.length > cols.length)) {
      refuse(head, `defect row has ${r.length} values, the column specification has ${cols.length}`);
    }
    const xIndex = numberOf(r[iXi]!, 'XINDEX');
    const yIndex = numberOf(r[iYi]!, 'YINDEX');
    const xRel = numberOf(r[iXr]!, 'XREL');
    const yRel = numberOf(r[iYr]!, 'YREL');
    let sizeUm: number;
    if (iSize >= 0) sizeUm = numberOf(r[iSize]!, 'DSIZE');
    else if (iXs >= 0 || iYs >= 0)
      sizeUm = Math.max(iXs >= 0 ? numberOf(r[iXs]!, 'XSIZE') : 0, iYs >= 0 ? numberOf(r[iYs]!, 'YSIZE') : 0);
    else sizeUm = 2 * Math.sqrt(numberOf(r[iArea]!, 'DEFECTAREA') / Math.PI);
    const fx = xIndex * diePitch[0] + dieOrigin[0] + xRel - sampleCenter[0];
    const fy = yIndex * diePitch[1] + dieOrigin[1] + yRel - sampleCenter[1];
    const [x, y] = notchDown(fx, fy, orientation);
    defects.push({
      id: iId >= 0 ? numberOf(r[iId]!, 'DEFECTID') : k + 1,
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
  return { ...header(w, diePitch, dieOrigin, sampleCenter, orientation), defects };
}

function header(
  w: RawWafer,
  diePitch: [number, number],
  dieOrigin: [number, number],
  sampleCenter: [number, number],
  orientation: KlarfWafer['orientation'],
): Omit<KlarfWafer, 'defects'> {
  return { waferId: w.waferId, lotId: w.lotId, diePitch, dieOrigin, sampleCenter, orientation };
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
