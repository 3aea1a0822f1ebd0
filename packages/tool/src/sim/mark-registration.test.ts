import { createRng, type Rng } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { registerPair } from './align-pair.js';
import { MarkAligner, type MarkReading } from './mark-aligner.js';
import { twinWith } from './twin.test-util.js';

describe('MarkAligner', () => {
  it("registers its rendered marks to a few hundredths of a pixel at 5 % noise (packages/align/README.md's accuracy table)", () => {
    const aligner = new MarkAligner(twinWith({ markNoise: 0.05 }));
    const rng = createRng(1);
    let ss = 0;
    const n = 100;
    for (let k = 0; k < n; k++) {
      const r = aligner.read(rng, 1);
      if (!r.ok) throw new Error(`refused: ${r.code}`);
      ss += r.dxPx ** 2 + r.dyPx ** 2;
      expect(r.score).toBeGreaterThan(0.9);
    }
    const rms = Math.sqrt(ss / (2 * n));
    // align's table: 0.021 px RMS for a 128 px image at 5 % noise; the 64 px image has fewer pixels
    expect(rms).toBeLessThan(0.05);
    // a real residual, not zero: registration of a noisy image is never exact
    expect(rms).toBeGreaterThan(0.002);
  });

  it('gets worse with more image noise and refuses a mark drowned in it', () => {
    const rms = (noise: number) => {
      const aligner = new MarkAligner(twinWith({ markNoise: noise }));
      const rng = createRng(2);
      let ss = 0;
      for (let k = 0; k < 40; k++) {
        const r = aligner.read(rng, 1);
        if (r.ok) ss += r.dxPx ** 2 + r.dyPx ** 2;
      }
      return Math.sqrt(ss / 80);
    };
    expect(rms(0.2)).toBeGreaterThan(2 * rms(0.02));
    const drowned = new MarkAligner(twinWith({ markNoise: 0.05 }));
    const rng = createRng(3);
    const codes = Array.from({ length: 20 }, () => drowned.read(rng, 100)).filter((r) => !r.ok);
    expect(codes.length).toBeGreaterThan(15);
  });
});

/** An aligner whose readings are scripted: `refusals` refusals, then a fixed residual. */
function scripted(refusals: number, dxPx: number, dyPx: number): { read(rng: Rng, f: number): MarkReading } {
  let left = refusals;
  return {
    read: () => (left-- > 0 ? { ok: false, code: 'missing' } : { ok: true, dxPx, dyPx, score: 0.97 }),
  };
}

describe('registerPair', () => {
  it('turns image residuals into bonded coordinates: the top wafer mirrored in x, image y down is -Y', () => {
    const r = registerPair(scripted(0, 0.1, 0.2), createRng(1), 2, 1, 200);
    expect(r).toMatchObject({ aligned: true, attempts: 1, topScore: 0.97, bottomScore: 0.97 });
    expect(r.top.x).toBeCloseTo(-20, 12);
    expect(r.top.y).toBeCloseTo(-40, 12);
    expect(r.bottom.x).toBeCloseTo(20, 12);
    expect(r.bottom.y).toBeCloseTo(-40, 12);
  });

  it('looks again after a refusal, up to alignRetries more rounds, then gives up', () => {
    // the first two looks (top, then bottom of round 1) are refused: round 2 registers both
    expect(registerPair(scripted(2, 0, 0), createRng(1), 2, 1, 200)).toMatchObject({
      aligned: true,
      attempts: 2,
    });
    const never = registerPair(scripted(1000, 0, 0), createRng(1), 2, 1, 200);
    expect(never).toMatchObject({ aligned: false, attempts: 3, topScore: 0, bottomScore: 0 });
    expect(registerPair(scripted(1000, 0, 0), createRng(1), 0, 1, 200).attempts).toBe(1);
  });
});
