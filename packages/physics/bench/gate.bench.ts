// KLARF parsing and pre-bond gate speed. Prints the figures quoted in
// packages/physics/README.md (## Pre-bond gate).
import { defaultParams, parseKlarf, predictGate } from '../src/index.js';
import { manyListsKlarf, manyWafersKlarf } from '../src/klarf/many-records.test-util.js';

/** Best-of-rounds seconds per call (best, because other jobs share the 2 cores). */
function time(f: () => unknown, rounds = 5): number {
  f();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

// Deterministic pseudo-random defects (a linear congruential sequence, good enough to spread points).
function defects(n: number): { xi: number; yi: number; xr: number; yr: number; s: number }[] {
  let u = 12345;
  const next = () => {
    u = (u * 1103515245 + 12345) % 2147483648;
    return u / 2147483648;
  };
  return Array.from({ length: n }, () => ({
    xi: Math.floor(next() * 26) + 1,
    yi: Math.floor(next() * 26) + 1,
    xr: next() * 11000,
    yr: next() * 11000,
    s: 0.1 + next() * 0.5,
  }));
}

function klarf12(n: number): string {
  const head =
    'FileVersion 1 2;\nLotID "L";\nDiePitch 11000 11000;\nDieOrigin 0 0;\nSampleCenterLocation 154000 154000;\nWaferID "W";\nDefectRecordSpec 6 DEFECTID XREL YREL XINDEX YINDEX DSIZE;\nDefectList\n';
  const rows = defects(n).map(
    (d, i) => ` ${i + 1} ${d.xr.toFixed(2)} ${d.yr.toFixed(2)} ${d.xi} ${d.yi} ${d.s.toFixed(3)}`,
  );
  return `${head}${rows.join('\n')};\nEndOfFile;\n`;
}

function klarf18(n: number): string {
  const rows = defects(n).map(
    (d, i) => `      ${i + 1} ${d.xr.toFixed(2)} ${d.yr.toFixed(2)} ${d.xi} ${d.yi} ${d.s.toFixed(3)};`,
  );
  return `Record FileRecord "1.8"\n{\n Record LotRecord "L"\n {\n  Field DiePitch 2 {11000, 11000}\n  Field SampleCenterLocation 2 {154000, 154000}\n  Record WaferRecord "W"\n  {\n   List DefectList\n   {\n    Columns 6 { int32 DEFECTID, float XREL, float YREL, int32 XINDEX, int32 YINDEX, float DSIZE }\n    Data ${n}\n    {\n${rows.join('\n')}\n    }\n   }\n  }\n }\n}\nEndOfFile;\n`;
}

const N = 100_000;
for (const [name, text] of [
  ['KLARF 1.2', klarf12(N)],
  ['KLARF 1.8', klarf18(N)],
] as const) {
  const s = time(() => {
    const r = parseKlarf(text, { source: 'bench.klarf' });
    if (!r.ok || r.value.wafers[0]!.defects.length !== N) throw new Error('parse failed');
  });
  console.log(
    `parse ${name}, ${N} defects (${(text.length / 1e6).toFixed(1)} MB): ${(s * 1e3).toFixed(0)} ms, ${(N / s / 1e6).toFixed(2)} M defects/s`,
  );
}

// The shapes that were quadratic (minutes); src/klarf/hostile.test.ts checks what they give.
for (const [name, text] of [
  ['20 000 wafers, 20 004 columns', manyWafersKlarf()],
  ['50 000 DefectLists in one wafer', manyListsKlarf()],
] as const) {
  const s = time(() => {
    if (!parseKlarf(text, { source: 'bench.klarf' }).ok) throw new Error('parse failed');
  });
  console.log(`parse KLARF 1.2, ${name}: ${(s * 1e3).toFixed(0)} ms`);
}

const parsed = parseKlarf(klarf12(2000), { source: 'bench.klarf' });
if (!parsed.ok) throw new Error('parse failed');
const all = parsed.value.wafers[0]!.defects;
for (const n of [100, 2000]) {
  const top = all.slice(0, n / 2);
  const bottom = all.slice(n / 2, n);
  for (const p of [10, 1]) {
    const params = { ...defaultParams, pads: { ...defaultParams.pads, p } };
    const s = time(() => predictGate(params, top, bottom));
    console.log(`gate, ${n} particles, p = ${p} µm: ${(s * 1e3).toFixed(1)} ms`);
  }
}
