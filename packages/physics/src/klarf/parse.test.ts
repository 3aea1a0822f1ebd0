import { describe, expect, it } from 'vitest';
import { parseKlarf } from './parse.js';
import type { KlarfFile, KlarfIssue } from './types.js';

const source = 'w.klarf';

// Hand-written from the KLARF 1.2 record structure: `Keyword values;`, a
// DefectRecordSpec naming the columns and a DefectList with one defect a line.
const k12 = `FileVersion 1 2;
FileTimestamp 11-24-26 10:15:00;
InspectionStationID "VENDOR" "MODEL" "TOOL1";
SampleType WAFER;
LotID "LOT42";
SampleSize 1 300;
DeviceID "NAND-X";
SetupID "PREBOND" 11-24-26 10:00:00;
StepID "PRE_BOND_BOTTOM";
SampleOrientationMarkType NOTCH;
OrientationMarkLocation DOWN;
DiePitch 1.1e+04 1.1e+04;
DieOrigin 500.0 250.0;
SampleCenterLocation 11000 22000;
WaferID "CMOS-07";
Slot 7;
InspectionTest 1;
SampleTestPlan 2
 0 0
 1 2;
AreaPerTest 7.0e+10;
DefectRecordSpec 10 DEFECTID XREL YREL XINDEX YINDEX XSIZE YSIZE DEFECTAREA DSIZE CLASSNUMBER;
DefectList
 1 100.5 200.25 1 2 0.4 0.3 0.12 0.35 0
 2 5000 6000 3 -1 2.0 1.5 3.0 1.8 12;
SummarySpec 5 TESTNO NDEFECT DEFDENSITY NDIE NDEFDIE;
SummaryList
 1 2 0.0028 540 2;
EndOfFile;
`;

// Hand-written from the KLARF 1.8 structure: nested Record/Field/List blocks,
// Columns with a type and name each, Data rows ending in ';'.
const k18 = `Record FileRecord "1.8"
{
  Field FileTimestamp 2 {"11-24-2026", "10:20:00"}
  Record LotRecord "LOT42"
  {
    Field DeviceID 1 {"NAND-X"}
    Field DiePitch 2 {11000, 11000}
    Field SampleCenterLocation 2 {0, 0}
    Record WaferRecord "ARRAY-07"
    {
      Field SlotNumber 1 {7}
      Field DieOrigin 2 {0, 0}
      Field OrientationMarkLocation 1 {"DOWN"}
      List DefectList
      {
        Columns 6 { int32 DEFECTID, float XREL, float YREL, int32 XINDEX, int32 YINDEX, float DSIZE }
        Data 3
        {
          1 10.0 20.0 0 0 0.25;
          2 1000 2000 -3 4 1.5;
          3 5 5 2 2 0.2;
        }
      }
    }
    Record WaferRecord "ARRAY-08"
    {
      List DefectList
      {
        Columns 6 { int32 DEFECTID, float XREL, float YREL, int32 XINDEX, int32 YINDEX, float DSIZE }
        Data 0
        {
        }
      }
    }
  }
}
EndOfFile;
`;

function ok(text: string): KlarfFile {
  const r = parseKlarf(text, { source });
  if (!r.ok) throw new Error(`unexpected issue: ${r.issues[0]?.message}`);
  return r.value;
}

/** The one issue of a refused file, with the line and column of its path as numbers. */
function issue(text: string): KlarfIssue & { line: number; column: number } {
  const r = parseKlarf(text, { source });
  if (r.ok) throw new Error('expected an issue');
  expect(r.issues).toHaveLength(1);
  const i = r.issues[0]!;
  const [line, column] = (i.path ?? '0:0').split(':').map(Number) as [number, number];
  // The message starts with the source and the same place.
  expect(i.message.startsWith(`${source}:${i.path}: `)).toBe(true);
  return { ...i, line, column };
}

describe('parseKlarf 1.2', () => {
  it('reads the wafer, the columns and wafer-centred positions', () => {
    const f = ok(k12);
    expect(f.version).toBe('1.2');
    expect(f.wafers).toHaveLength(1);
    const w = f.wafers[0]!;
    expect(w).toMatchObject({
      waferId: 'CMOS-07',
      lotId: 'LOT42',
      diePitch: [11000, 11000],
      orientation: 'DOWN',
    });
    expect(w.defects).toHaveLength(2);
    // x = XINDEX*pitch + DieOriginX + XREL - centreX = 1*11000 + 500 + 100.5 - 11000
    expect(w.defects[0]).toMatchObject({
      id: 1,
      x: 600.5,
      y: 2 * 11000 + 250 + 200.25 - 22000,
      sizeUm: 0.35,
      line: 24,
    });
    expect(w.defects[1]).toMatchObject({
      id: 2,
      x: 3 * 11000 + 500 + 5000 - 11000,
      y: -11000 + 250 + 6000 - 22000,
    });
    expect(w.defects[1]?.sizeUm).toBe(1.8);
  });

  it('falls back to max(XSIZE, YSIZE), then to the area-equivalent diameter', () => {
    const xs = ok(k12.replace('DSIZE CLASSNUMBER', 'DSZ CLASSNUMBER'));
    expect(xs.wafers[0]?.defects.map((d) => d.sizeUm)).toEqual([0.4, 2.0]);
    const area = ok(k12.replace('XSIZE YSIZE DEFECTAREA DSIZE', 'XS YS DEFECTAREA DS'));
    expect(area.wafers[0]?.defects[1]?.sizeUm).toBeCloseTo(2 * Math.sqrt(3 / Math.PI), 12);
  });

  it('rotates positions to notch down', () => {
    const up = ok(k12.replace('OrientationMarkLocation DOWN', 'OrientationMarkLocation UP'));
    expect(up.wafers[0]?.defects[0]?.x).toBe(-600.5);
    const left = ok(k12.replace('OrientationMarkLocation DOWN', 'OrientationMarkLocation LEFT'));
    // A point on the notch side (-x) must end up at -y.
    const d = ok(k12).wafers[0]!.defects[0]!;
    expect(left.wafers[0]?.defects[0]).toMatchObject({ x: -d.y, y: d.x });
  });

  it('refuses a short defect row, naming its line', () => {
    const i = issue(k12.replace(' 2 5000 6000 3 -1 2.0 1.5 3.0 1.8 12;', ' 2 5000 6000 3 -1 2.0;'));
    expect(i).toMatchObject({ code: 'syntax', line: 25, column: 2 });
    expect(i.message).toContain('6 values, the column specification has 10');
  });

  it('refuses a value that is not a number, naming line and column', () => {
    const i = issue(k12.replace('1 100.5 200.25', '1 1OO.5 200.25'));
    expect(i).toMatchObject({ code: 'bad-value', line: 24, column: 4 });
    expect(i.message).toContain("XREL: '1OO.5'");
  });

  it('refuses a missing ;, a missing DiePitch, a bad spec count and an unknown version', () => {
    expect(
      issue(k12.replace('StepID "PRE_BOND_BOTTOM";', 'StepID "PRE_BOND_BOTTOM"').replace(/;[\s\S]*$/, '')),
    ).toMatchObject({
      code: 'syntax',
    });
    expect(issue(k12.replace('DiePitch 1.1e+04 1.1e+04;\n', ''))).toMatchObject({
      code: 'missing-field',
      line: 14,
    });
    expect(issue(k12.replace('DefectRecordSpec 10', 'DefectRecordSpec 11')).message).toContain(
      'announces 11 columns but names 10',
    );
    expect(issue(k12.replace('FileVersion 1 2;', 'FileVersion 1 9;'))).toMatchObject({
      code: 'unsupported-version',
      line: 1,
    });
    expect(issue(k12.replace('XINDEX', 'XIDX')).message).toContain('no XINDEX');
  });

  it('reads several wafers of one lot, each with its own defect list', () => {
    const two = k12.replace(
      'SummarySpec',
      'WaferID "CMOS-08";\nSlot 8;\nDefectList\n 1 10 20 0 0 0.5 0.5 0.2 0.5 0;\nSummarySpec',
    );
    const f = ok(two);
    expect(f.wafers.map((w) => [w.waferId, w.defects.length])).toEqual([
      ['CMOS-07', 2],
      ['CMOS-08', 1],
    ]);
    // Lot-level records (pitch, centre, column spec) apply to the second wafer too.
    expect(f.wafers[1]?.defects[0]).toMatchObject({
      x: 0 + 500 + 10 - 11000,
      y: 0 + 250 + 20 - 22000,
      sizeUm: 0.5,
    });
  });

  it('refuses text that is not KLARF', () => {
    expect(issue('').message).toBe('w.klarf:1:1: empty file: no KLARF records');
    expect(issue('hello world;').message).toContain('not a KLARF file');
  });
});

describe('parseKlarf 1.8', () => {
  it('reads nested records: lot fields apply to each wafer, rows end with ;', () => {
    const f = ok(k18);
    expect(f.version).toBe('1.8');
    expect(f.wafers.map((w) => w.waferId)).toEqual(['ARRAY-07', 'ARRAY-08']);
    const w = f.wafers[0]!;
    expect(w.lotId).toBe('LOT42');
    expect(w.defects).toHaveLength(3);
    expect(w.defects[1]).toMatchObject({
      id: 2,
      x: -3 * 11000 + 1000,
      y: 4 * 11000 + 2000,
      sizeUm: 1.5,
      line: 20,
    });
    expect(f.wafers[1]?.defects).toEqual([]);
    expect(f.wafers[1]?.diePitch).toEqual([11000, 11000]);
  });

  it('takes a nested value list in a Data row as one value', () => {
    const t = k18
      .replace('Columns 6 { int32 DEFECTID,', 'Columns 7 { int32 DEFECTID, list IMAGEINFO,')
      .replace('1 10.0 20.0 0 0 0.25;', '1 {1 "a.tif", 2 "b.tif"} 10.0 20.0 0 0 0.25;')
      .replace('2 1000 2000', '2 {} 1000 2000')
      .replace('3 5 5 2 2', '3 {} 5 5 2 2');
    const w = ok(
      t.replace(/Columns 6 \{[^}]*\}\s*Data 0\s*\{\s*\}/, (m) =>
        m.replace('Columns 6 { int32 DEFECTID,', 'Columns 7 { int32 DEFECTID, list IMAGEINFO,'),
      ),
    );
    expect(w.wafers[0]?.defects[0]).toMatchObject({ id: 1, xRel: 10, sizeUm: 0.25 });
  });

  it('refuses a Data count that does not match, naming the Data line', () => {
    const i = issue(k18.replace('Data 3', 'Data 4'));
    expect(i).toMatchObject({ code: 'syntax', line: 17, column: 9 });
    expect(i.message).toContain('announces 4 rows but has 3');
  });

  it('refuses an unclosed block and a row without ;', () => {
    expect(issue(k18.replace('EndOfFile;\n', '').replace(/}\s*$/, '')).message).toContain(
      'unexpected end of file',
    );
    const i = issue(k18.replace('3 5 5 2 2 0.2;', '3 5 5 2 2 0.2'));
    expect(i).toMatchObject({ line: 21 });
    expect(i.message).toContain("not terminated by ';'");
  });

  it('refuses a field with the wrong count and an unknown version', () => {
    expect(
      issue(k18.replace('Field DiePitch 2 {11000, 11000}', 'Field DiePitch 3 {11000, 11000}')).message,
    ).toContain('announces 3 values but has 2');
    expect(issue(k18.replace('"1.8"', '"1.9"'))).toMatchObject({
      code: 'unsupported-version',
      line: 1,
      column: 19,
    });
    expect(issue(k18.replace('float XREL', 'float XREL,, float EXTRA')).message).toContain(
      'Columns announces 6',
    );
  });
});
