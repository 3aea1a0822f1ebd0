import { describe, expect, it } from 'vitest';
import { riceLogTails } from '../math/rice.js';
import { riceTable, riceTableEval } from './rice-table.js';

describe('Rice table', () => {
  it('interpolates log P(fail) and log P(pass) to < 1e-9 (relative for tiny tails)', () => {
    const out = new Float64Array(4);
    for (const b of [6.6, 115.2, 1000]) {
      const t = riceTable(b);
      for (let i = 0; i < 300; i++) {
        // Deterministic scatter over [0, b + 8], off the table nodes.
        const a = ((i * 0.6180339887) % 1) * (Math.min(b, 12) + 8);
        riceTableEval(t, a, out);
        const ref = riceLogTails(a, b);
        expect(Math.abs((out[0] as number) - ref.logSf)).toBeLessThan(
          1e-9 * Math.max(1, Math.abs(ref.logSf)),
        );
        const scale = Math.max(Math.abs(ref.logCdf), 1e-300);
        expect(Math.abs((out[2] as number) - ref.logCdf) / scale).toBeLessThan(1e-8);
      }
    }
  });
});
