// KLARF 1.2 files of the shapes that were once quadratic in the file (minutes): many wafers sharing a
// long column list, and many short DefectLists in one wafer. Read by klarf/hostile.test.ts (what they
// give) and bench/gate.bench.ts (how long they take).

/** 20 000 wafers under one DefectRecordSpec of 20 004 columns. */
export function manyWafersKlarf(): string {
  const names = Array.from({ length: 20_000 }, (_, k) => `C${k}`).join(' ');
  return [
    'FileVersion 1 2;',
    'DiePitch 1 1;',
    'SampleCenterLocation 0 0;',
    `DefectRecordSpec 20004 XREL YREL XINDEX YINDEX ${names};`,
    ...Array.from({ length: 20_000 }, (_, k) => `WaferID "W${k}";`),
    'EndOfFile;',
  ].join('\n');
}

/** One wafer with 50 000 DefectLists of one defect each. */
export function manyListsKlarf(): string {
  return [
    'FileVersion 1 2;',
    'DiePitch 1 1;',
    'SampleCenterLocation 0 0;',
    'DefectRecordSpec 5 XREL YREL XINDEX YINDEX DSIZE;',
    'WaferID "W";',
    ...Array.from({ length: 50_000 }, () => 'DefectList\n 1 1 0 0 0.1;'),
  ].join('\n');
}
