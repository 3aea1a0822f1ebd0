import { describe, expect, it } from 'vitest';
import { parseSimConfig } from './parse-sim-config.js';

describe('parseSimConfig', () => {
  it('fills defaults', () => {
    const r = parseSimConfig({ correctables: { Tx: { process: { offset: 5 }, controller: { w: 0.3 } } } });
    expect(r).toEqual({
      ok: true,
      config: {
        runs: 50,
        seed: 1,
        lastN: 20,
        context: { tool: 'sim', chamber: 'A', product: 'P1', layer: 'L1' },
        maintenance: [],
        correctables: {
          Tx: {
            process: { offset: 5, drift: 0, noise: 0, gain: 1, maintenanceStep: 0 },
            controller: { kind: 'ewma', w: 0.3, gain: 1, target: 0 },
          },
        },
      },
    });
  });
  it('names every bad key by its path', () => {
    const r = parseSimConfig({
      runs: 10,
      lastN: 20,
      colour: 'red',
      maintenance: [0],
      correctables: {
        Tx: { process: { noise: -1 }, controller: { kind: 'dewma', w: 1.5, limits: [3, 1] } },
        Ty: { process: {}, controller: { kind: 'pid' } },
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'colour: unknown key (allowed: runs, seed, lastN, context, maintenance, correctables)',
      'lastN: must be in [1, 10], got 20',
      'maintenance[0]: must be a run number 1..10, got 0',
      'correctables.Tx.process.noise: must be in [0, inf), got -1',
      'correctables.Tx.controller.w: must be in (0, 1], got 1.5',
      'correctables.Tx.controller.w2: is missing',
      'correctables.Tx.controller.limits: low must be ≤ high, got [3, 1]',
      "correctables.Ty.controller.kind: must be 'ewma' or 'dewma', got \"pid\"",
    ]);
  });
});
