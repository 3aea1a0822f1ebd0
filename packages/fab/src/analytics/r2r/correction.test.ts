// The order of the clamps, by hand: in force 100, raw 1300, max step 500, EC limits ±1000, deadband 5:
// the step limit gives 600 (100 + 500), within the limits; a raw 2000 from 900 gives 1400 by step, then
// 1000 by the limit; a raw 103 from 100 is inside the deadband and stays 100.
import { describe, expect, it } from 'vitest';
import { correction } from './correction.js';

const limits = {
  maxStep: { Tx: 500, Ty: 500, Rot: 1, Mag: 1 },
  deadband: { Tx: 5, Ty: 5, Rot: 0.05, Mag: 0.05 },
  limits: {
    Tx: { min: -1000, max: 1000 },
    Ty: { min: -1000, max: 1000 },
    Rot: { min: -10, max: 10 },
    Mag: { min: -10, max: 10 },
  },
};

describe('correction', () => {
  it('applies max step, then the EC limits, then the deadband, naming each clamp', () => {
    const c = correction(
      { Tx: 1300, Ty: 2000, Rot: 0.03, Mag: -0.5 },
      { Tx: 100, Ty: 900, Rot: 0, Mag: 0 },
      limits,
    );
    expect(c.next).toEqual({ Tx: 600, Ty: 1000, Rot: 0, Mag: -0.5 });
    expect(c.changed).toEqual(['Tx', 'Ty', 'Mag']);
    expect(c.clamps).toEqual([
      { term: 'Tx', reason: 'max-step', from: 1300, to: 600 },
      { term: 'Ty', reason: 'max-step', from: 2000, to: 1400 },
      { term: 'Ty', reason: 'ec-limit', from: 1400, to: 1000 },
      { term: 'Rot', reason: 'deadband', from: 0.03, to: 0 },
    ]);
  });

  it('changes nothing when every term is inside its deadband', () => {
    const c = correction({ Tx: 103, Ty: -2, Rot: 0, Mag: 0 }, { Tx: 100, Ty: 0, Rot: 0, Mag: 0 }, limits);
    expect(c.changed).toEqual([]);
    expect(c.next).toEqual({ Tx: 100, Ty: 0, Rot: 0, Mag: 0 });
  });
});
