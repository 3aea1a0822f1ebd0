import { describe, expect, it } from 'vitest';
import type { ReportPair } from './fab-report-read.js';
import { pairsCsv } from './fab-report-tables.js';

/** A stored pair without its result or analysis yet (a lot still running, an analyser behind). */
function bare(id: string, slot: number): ReportPair {
  return {
    pair: {
      type: 'pair',
      id,
      toolId: 'B1',
      lotId: 'L1',
      slot,
      recipe: 'BOND-STD',
      topId: `${id}-T`,
      bottomId: `${id}-B`,
      stackId: `${id}-S`,
      startedMs: 1000 + slot,
    },
  };
}

describe('pairsCsv', () => {
  it('leaves the figures of a pair not analysed yet empty, keeping every column', () => {
    const lines = pairsCsv([bare('P1', 1)])
      .trimEnd()
      .split('\n');
    const header = lines[0]?.split(',') ?? [];
    const row = lines[1]?.split(',') ?? [];
    expect(row).toHaveLength(header.length);
    const at = (col: string) => row[header.indexOf(col)];
    expect([at('pair'), at('slot'), at('stack'), at('started_ms')]).toEqual(['P1', '1', 'P1-S', '1001']);
    for (const col of ['tool_yield', 'yield', 'tx_nm', 'magnification_ppm', 'void_area_um2', 'overlay_fit'])
      expect(at(col), col).toBe('');
  });

  it('quotes a field holding a comma or a quote (RFC 4180 §2.6, §2.7)', () => {
    const csv = pairsCsv([bare('P,1', 1), bare('P"2', 2)]);
    const rows = csv.trimEnd().split('\n').slice(1);
    expect(rows[0]?.startsWith('"P,1",1,"P,1-S","P,1-T","P,1-B",')).toBe(true);
    expect(rows[1]?.startsWith('"P""2",2,"P""2-S",')).toBe(true);
  });
});
