import { describe, expect, it } from 'vitest';
import { readSitesCsv } from './read-csv.js';
import { readSitesJson } from './read-json.js';
import { readSites } from './read-sites.js';

const source = 'sites.csv';
const messages = (r: { ok: boolean; issues?: readonly { message: string }[] }) =>
  r.ok ? [] : (r.issues ?? []).map((i) => i.message);

const csv = [
  '# overlay export',
  'wafer,X,Y,field,x,y,dx,dy',
  'W1,1000,-2000,F1,10,20,1.5,-2',
  '',
  'W1,abc,0,F1,0,0,1,1',
  '"W 2",0,3000,F2,-5,5,0.25,3',
  'W2,1,2,F2,3,4,5',
  ',1,2,F2,3,4,5,6',
].join('\n');

describe('readSitesCsv', () => {
  it('refuses a file with bad rows, naming source:line:column, the column and the value', () => {
    const r = readSitesCsv(csv, { source });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { code: 'wrong-type', message: 'sites.csv:5:4: X: expected number, got "abc"', path: '5:4' },
      {
        code: 'wrong-column-count',
        message:
          'sites.csv:7:1: expected 8 columns (wafer,X,Y,field,x,y,dx,dy), found 7 (is the line cut short?)',
        path: '7:1',
      },
      { code: 'missing', message: 'sites.csv:8:1: wafer: is required (string)', path: '8:1' },
    ]);
  });

  it('with skipBad keeps the good rows and lists the problems of the skipped ones', () => {
    const r = readSitesCsv(csv, { source, skipBad: true });
    if (!r.ok) throw new Error('should read');
    expect(r.value.hasField).toBe(true);
    expect(r.value.sites).toEqual([
      { wafer: 'W1', X: 1000, Y: -2000, field: 'F1', x: 10, y: 20, dx: 1.5, dy: -2, line: 3 },
      { wafer: 'W 2', X: 0, Y: 3000, field: 'F2', x: -5, y: 5, dx: 0.25, dy: 3, line: 6 },
    ]);
    expect(r.value.skipped.map((b) => b.path)).toEqual(['5:4', '7:1', '8:1']);
  });

  it('reads files without the field columns, in any column order', () => {
    const r = readSitesCsv('dx,dy,wafer,X,Y\n1,2,A,3,4\n', { source });
    if (!r.ok) throw new Error('should read');
    expect(r.value.hasField).toBe(false);
    expect(r.value.sites).toEqual([{ wafer: 'A', X: 3, Y: 4, dx: 1, dy: 2, line: 2 }]);
  });

  it('refuses bad headers, every problem at once', () => {
    expect(messages(readSitesCsv('wafer,X,Y,dx\nA,1,2,3', { source }))).toEqual([
      'sites.csv:1:1: the header has no column dy (expected wafer,X,Y,field,x,y,dx,dy)',
    ]);
    expect(readSitesCsv('wafer,X,Y,field,dx,dy\n', { source })).toMatchObject({
      ok: false,
      issues: [{ code: 'partial-field-columns', message: expect.stringContaining('missing x,y') }],
    });
    expect(messages(readSitesCsv('wafer,X,Y,dx,dy,dz,X\n', { source }))).toEqual([
      'sites.csv:1:17: unknown column "dz" in the header (expected wafer,X,Y,field,x,y,dx,dy)',
      'sites.csv:1:20: column X appears twice in the header',
    ]);
    expect(messages(readSitesCsv('wafer;X;Y;dx;dy\nA;1;2;3;4\n', { source }))).toEqual([
      'sites.csv:1:1: the header is separated by semicolons; columns must be separated by commas (wafer,X,Y,field,x,y,dx,dy)',
    ]);
  });

  it('names an invisible character in a header by its code point', () => {
    expect(messages(readSitesCsv('wafer,X,Y,d\u200bx,dy\n', { source }))).toEqual([
      'sites.csv:1:11: unknown column "d<U+200B zero-width space>x" in the header (expected wafer,X,Y,field,x,y,dx,dy)',
      'sites.csv:1:1: the header has no column dx (expected wafer,X,Y,field,x,y,dx,dy)',
    ]);
  });

  it('refuses empty files and files without data rows', () => {
    expect(readSitesCsv('', { source })).toMatchObject({
      ok: false,
      issues: [{ code: 'empty-file', message: expect.stringMatching(/^sites\.csv: the file is empty; /) }],
    });
    expect(readSitesCsv('# only a comment\n\n', { source })).toMatchObject({
      issues: [{ code: 'empty-file', message: expect.stringContaining('only comment lines') }],
    });
    expect(readSitesCsv('wafer,X,Y,dx,dy\n', { source })).toMatchObject({
      ok: false,
      issues: [{ code: 'no-rows', message: 'sites.csv:1:1: no data rows after the header' }],
    });
  });

  it('refuses values that are not plain finite numbers or lie outside the plausible range, with units', () => {
    const r = readSitesCsv(
      'wafer,X,Y,dx,dy\nA,1e999,0x10,Infinity,1\nA,300000,0,2e6,1\nA,1,2,,1\nA,1,2,3,4,\n"A,1,2,3,4\nA\u200b,1,2,3,4',
      { source },
    );
    expect(messages(r)).toEqual([
      'sites.csv:2:3: X: expected number, got "1e999"',
      'sites.csv:2:9: Y: expected number, got "0x10"',
      'sites.csv:2:14: dx: expected number, got "Infinity"',
      'sites.csv:3:3: X: 300000 µm is outside the plausible range -250000 to 250000 µm',
      'sites.csv:3:12: dx: 2000000 nm is outside the plausible range -1000000 to 1000000 nm',
      'sites.csv:4:7: dx: is required (number)',
      'sites.csv:5:1: expected 5 columns (wafer,X,Y,dx,dy), found 6',
      'sites.csv:6:1: the quoted field is not closed on this line (a field cannot span lines)',
      'sites.csv:7:1: wafer: "A<U+200B zero-width space>" holds a character that cannot be seen; retype it',
    ]);
  });

  it('refuses more than a million data rows before checking any', () => {
    // How long the refusal takes is measured by bench/fit.bench.ts.
    const r = readSitesCsv(`wafer,X,Y,dx,dy\n${'A,1,2,3,4\n'.repeat(1_000_001)}`, { source });
    expect(r).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'too-many-rows',
          message: 'sites.csv:1000002:1: more than 1000000 data rows; split the file',
        },
      ],
    });
  });

  it('accepts CRLF line ends and a byte-order mark before the header (readSites)', () => {
    const r = readSites('\ufeffwafer,X,Y,dx,dy\r\nA,1,2,3,4\r\n', { source });
    expect(r).toMatchObject({ ok: true, value: { sites: [{ wafer: 'A', X: 1, line: 2 }] } });
  });
});

describe('readSitesJson', () => {
  const json = `[
  { "wafer": "W1", "X": 1, "Y": 2, "dx": 0.5, "dy": 1 },
  { "wafer": "W1", "X": 3,
    "Y": "oops", "dx": 0.5, "dy": 1 },
  { "wafer": "W1", "X": 5, "Y": 6, "dx": 0.5, "dy": 1, "extra": 2 },
  { "wafer": "W1", "X": 7, "Y": 8, "dx": null, "dy": 1 },
  5
]`;
  it('reports bad elements by key path and by the line and column of the key', () => {
    const r = readSitesJson(json, { source: 's.json' });
    if (r.ok) throw new Error('should refuse');
    expect(r.issues).toEqual([
      { code: 'wrong-type', message: 's.json:4:5: [1].Y: expected number, got "oops"', path: '[1].Y' },
      {
        code: 'unknown-key',
        message: 's.json:5:56: [2].extra: is not a known key (known keys: wafer, X, Y, dx, dy)',
        path: '[2].extra',
      },
      { code: 'wrong-type', message: 's.json:6:36: [3].dx: expected number, got null', path: '[3].dx' },
      { code: 'wrong-type', message: 's.json:7:3: [4]: expected object, got 5', path: '[4]' },
    ]);
    const s = readSitesJson(json, { source: 's.json', skipBad: true });
    if (!s.ok) throw new Error('should read');
    expect(s.value.sites).toEqual([{ wafer: 'W1', X: 1, Y: 2, dx: 0.5, dy: 1, line: 2 }]);
    expect(s.value.skipped).toHaveLength(4);
  });

  it('reports syntax errors on one line with a line and column', () => {
    const r = readSitesJson('[\n{"wafer": "A",\n "X": }\n]', { source: 's.json' });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'syntax', path: '3:7' }] });
    expect(messages(r)[0]).toMatch(/^s\.json:3:7: JSON syntax: [^\n]+$/);
  });

  it('refuses what is not an array of sites, and an empty one', () => {
    expect(readSitesJson('{"sites": []}', { source: 's.json' })).toMatchObject({
      issues: [{ code: 'not-an-array', message: expect.stringContaining('got an object') }],
    });
    expect(readSitesJson('[]', { source: 's.json' })).toMatchObject({ issues: [{ code: 'no-rows' }] });
    expect(
      readSitesJson('[{"wafer": 7, "X": 1, "Y": "2", "dx": 1e999, "dy": 1}]', { source: 's.json' }),
    ).toMatchObject({
      issues: [
        { path: '[0].Y', message: 's.json:1:23: [0].Y: expected number, got "2"' },
        { path: '[0].dx', message: 's.json:1:33: [0].dx: expected number, got Infinity' },
      ],
    });
  });

  it('an element with very many unknown keys: the problems listed are capped', () => {
    // That it costs one scan is measured by bench/fit.bench.ts.
    const keys = Array.from({ length: 50_000 }, (_, i) => `"k${i}": 1`).join(', ');
    const r = readSitesJson(`[{"wafer": "A", "X": 1, "Y": 2, "dx": 3, "dy": 4, ${keys}}]`, {
      source: 's.json',
    });
    if (r.ok) throw new Error('should refuse');
    expect(r.issues).toHaveLength(1001);
    expect(r.issues[0]?.message).toBe(
      's.json:1:51: [0].k0: is not a known key (known keys: wafer, X, Y, dx, dy)',
    );
    expect(r.issues[1000]).toEqual({
      code: 'too-many-problems',
      message: 's.json: 49000 more problems not listed',
    });
  });

  it('is chosen by readSites for text starting with [ or {, after a byte-order mark', () => {
    expect(readSites('\ufeff [{"wafer":"A","X":1,"Y":2,"dx":3,"dy":4}]', { source })).toMatchObject({
      ok: true,
      value: { hasField: false },
    });
    expect(readSites('{}', { source })).toMatchObject({ ok: false, issues: [{ code: 'not-an-array' }] });
    expect(readSites('wafer,X,Y,dx,dy\nA,1,2,3,4', { source })).toMatchObject({ ok: true });
  });
});
