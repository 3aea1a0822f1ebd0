import { describe, expect, it } from 'vitest';
import { readSitesCsv } from './read-csv.js';
import { readSitesJson } from './read-json.js';
import { readSites } from './read-sites.js';
import { formatBadRow } from './site.js';

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
  it('refuses a file with bad rows, naming line, column and value', () => {
    const r = readSitesCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('bad-rows');
    expect(r.issues.map(formatBadRow)).toEqual([
      "line 5, column X: is not a finite number ('abc')",
      'line 7: expected 8 columns (wafer,X,Y,field,x,y,dx,dy), found 7',
      "line 8, column wafer: wafer id is empty or not a string ('')",
    ]);
  });

  it('with skipBad keeps the good rows and lists the skipped lines', () => {
    const r = readSitesCsv(csv, { skipBad: true });
    if (!r.ok) throw new Error('should read');
    expect(r.hasField).toBe(true);
    expect(r.sites).toEqual([
      { wafer: 'W1', X: 1000, Y: -2000, field: 'F1', x: 10, y: 20, dx: 1.5, dy: -2, line: 3 },
      { wafer: 'W 2', X: 0, Y: 3000, field: 'F2', x: -5, y: 5, dx: 0.25, dy: 3, line: 6 },
    ]);
    expect(r.skipped.map((b) => b.line)).toEqual([5, 7, 8]);
  });

  it('reads files without the field columns, in any column order', () => {
    const r = readSitesCsv('dx,dy,wafer,X,Y\n1,2,A,3,4\n');
    if (!r.ok) throw new Error('should read');
    expect(r.hasField).toBe(false);
    expect(r.sites).toEqual([{ wafer: 'A', X: 3, Y: 4, dx: 1, dy: 2, line: 2 }]);
  });

  it('refuses bad headers', () => {
    expect(readSitesCsv('wafer,X,Y,dx\nA,1,2,3')).toMatchObject({
      ok: false,
      code: 'bad-header',
      issues: [{ line: 1, column: 'dy' }],
    });
    expect(readSitesCsv('wafer,X,Y,field,dx,dy\n')).toMatchObject({
      code: 'bad-header',
      issues: [{ column: 'x,y' }],
    });
    expect(readSitesCsv('wafer,X,Y,dx,dy,dz\n')).toMatchObject({
      code: 'bad-header',
      issues: [{ column: 'dz' }],
    });
    expect(readSitesCsv('wafer,X,Y,dx,dy\n')).toMatchObject({ ok: false, code: 'no-rows' });
    expect(readSitesCsv('')).toMatchObject({ ok: false, code: 'no-rows' });
  });
});

describe('readSitesJson', () => {
  const json = `[
  { "wafer": "W1", "X": 1, "Y": 2, "dx": 0.5, "dy": 1 },
  { "wafer": "W1", "X": 3,
    "Y": "oops", "dx": 0.5, "dy": 1 },
  { "wafer": "W1", "X": 5, "Y": 6, "dx": 0.5, "dy": 1, "extra": 2 },
  { "wafer": "W1", "X": 7, "Y": 8, "dx": null, "dy": 1 }
]`;
  it('reports bad elements by the line they start on', () => {
    const r = readSitesJson(json);
    if (r.ok) throw new Error('should refuse');
    expect(r.issues.map(formatBadRow)).toEqual([
      "line 3, column Y: is not a finite number ('oops')",
      'line 5, column extra: unexpected key in element 2',
      "line 6, column dx: is not a finite number ('null')",
    ]);
    const s = readSitesJson(json, { skipBad: true });
    if (!s.ok) throw new Error('should read');
    expect(s.sites).toEqual([{ wafer: 'W1', X: 1, Y: 2, dx: 0.5, dy: 1, line: 2 }]);
  });

  it('reports syntax errors with a line', () => {
    const r = readSitesJson('[\n{"wafer": "A",\n "X": }\n]');
    expect(r).toMatchObject({ ok: false, code: 'bad-syntax', issues: [{ line: 3 }] });
  });

  it('is chosen by readSites for text starting with [', () => {
    expect(readSites(' [{"wafer":"A","X":1,"Y":2,"dx":3,"dy":4}]')).toMatchObject({
      ok: true,
      hasField: false,
    });
    expect(readSites('wafer,X,Y,dx,dy\nA,1,2,3,4')).toMatchObject({ ok: true });
  });
});
