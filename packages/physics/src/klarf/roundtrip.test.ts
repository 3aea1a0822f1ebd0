import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKlarf } from './parse.js';

// Random defect lists written by a small independent writer in both syntaxes; the parser must
// give back every value and the wafer-centred position x = XINDEX*pitch + origin + XREL - centre.
const defect = fc.record({
  xi: fc.integer({ min: -30, max: 30 }),
  yi: fc.integer({ min: -30, max: 30 }),
  xr: fc.double({ min: 0, max: 20000, noNaN: true }),
  yr: fc.double({ min: 0, max: 20000, noNaN: true }),
  size: fc.double({ min: 0, max: 50, noNaN: true }),
});
const geometry = fc.record({
  pitch: fc.tuple(
    fc.double({ min: 100, max: 30000, noNaN: true }),
    fc.double({ min: 100, max: 30000, noNaN: true }),
  ),
  centre: fc.tuple(
    fc.double({ min: -2e5, max: 2e5, noNaN: true }),
    fc.double({ min: -2e5, max: 2e5, noNaN: true }),
  ),
});

type D = { xi: number; yi: number; xr: number; yr: number; size: number };
type G = { pitch: [number, number]; centre: [number, number] };

function write12(g: G, ds: D[]): string {
  const rows = ds.map((d, i) => ` ${i + 1} ${d.xr} ${d.yr} ${d.xi} ${d.yi} ${d.size}`).join('\n');
  return [
    'FileVersion 1 2;',
    `DiePitch ${g.pitch[0]} ${g.pitch[1]};`,
    `SampleCenterLocation ${g.centre[0]} ${g.centre[1]};`,
    'WaferID "W";',
    'DefectRecordSpec 6 DEFECTID XREL YREL XINDEX YINDEX DSIZE;',
    `DefectList${ds.length > 0 ? `\n${rows}` : ''};`,
    'EndOfFile;',
  ].join('\n');
}

function write18(g: G, ds: D[]): string {
  const rows = ds.map((d, i) => `${i + 1} ${d.xr} ${d.yr} ${d.xi} ${d.yi} ${d.size};`).join('\n');
  return `Record FileRecord "1.8" { Record LotRecord "L" { Record WaferRecord "W" {
Field DiePitch 2 {${g.pitch[0]}, ${g.pitch[1]}}
Field SampleCenterLocation 2 {${g.centre[0]}, ${g.centre[1]}}
List DefectList { Columns 6 { int32 DEFECTID, float XREL, float YREL, int32 XINDEX, int32 YINDEX, float DSIZE }
Data ${ds.length} {
${rows}
} } } } }
EndOfFile;`;
}

describe('parseKlarf round trip', () => {
  for (const [name, write] of [
    ['1.2', write12],
    ['1.8', write18],
  ] as const) {
    it(`gives back every defect of a KLARF ${name} file`, () => {
      fc.assert(
        fc.property(geometry, fc.array(defect, { maxLength: 20 }), (g, ds) => {
          const r = parseKlarf(write(g as G, ds), { source: 'r.klarf' });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const got = r.value.wafers[0]!.defects;
          expect(got).toHaveLength(ds.length);
          ds.forEach((d, i) => {
            const x = d.xi * g.pitch[0] + d.xr - g.centre[0];
            const y = d.yi * g.pitch[1] + d.yr - g.centre[1];
            expect(got[i]).toMatchObject({
              id: i + 1,
              xIndex: d.xi,
              yIndex: d.yi,
              xRel: d.xr,
              yRel: d.yr,
              sizeUm: d.size,
            });
            expect(got[i]!.x).toBeCloseTo(x, 6);
            expect(got[i]!.y).toBeCloseTo(y, 6);
          });
        }),
        { numRuns: 100 },
      );
    });
  }

  it('a truncated or corrupted file gives an issue with a position, never an exception', () => {
    fc.assert(
      fc.property(
        geometry,
        fc.array(defect, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.nat(),
        fc.string({ maxLength: 3 }),
        (g, ds, v18, cut, junk) => {
          const text = (v18 ? write18 : write12)(g as G, ds);
          const at = cut % text.length;
          const r = parseKlarf(text.slice(0, at) + junk + text.slice(at + 1), { source: 'r.klarf' });
          if (!r.ok) expect(r.issues[0]?.path).toMatch(/^[1-9]\d*:[1-9]\d*$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text: it returns a result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = parseKlarf(s, { source: 'r.klarf' });
        if (!r.ok) expect(r.issues[0]?.path).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      }),
      { numRuns: 300 },
    );
  });
});
