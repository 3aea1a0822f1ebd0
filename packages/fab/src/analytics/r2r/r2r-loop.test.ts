// The R2R loop end to end (issue 12, "R2R over GEM"): a simulated bonder whose silent fault points
// drift its overlay (Tx +150 nm, Rot +2 µrad, Mag +1.25 ppm, examples/tool/faults.yaml), the collector
// and the R2R service sending S2F15. The drift is removed over GEM; a correction past the tool's EC
// limits is clamped and audited; a held context sends nothing.
import { describe, expect, it } from 'vitest';
import { runLoop } from './r2r-loop-rig.test-util.js';

describe('R2R over GEM, end to end', () => {
  it('removes the drift: overlay |mean| + 3 sigma lower with the loop than without, same seed', async () => {
    const off = await runLoop({ pairs: 24, seed: 3, loop: 'off' });
    const on = await runLoop({ pairs: 24, seed: 3, loop: 'on' });
    const corrections = on.actions.filter((a) => a.action === 'correct');
    expect(corrections.length).toBeGreaterThan(5);
    for (const a of corrections) {
      expect(a.detail.eac).toBe(0);
      expect(a.pairId).toBeDefined();
      expect(a.detail).toHaveProperty('fit');
      expect(a.detail).toHaveProperty('stateBefore');
      expect(a.detail).toHaveProperty('stateAfter');
    }
    // The drift is a step of +150 nm in Tx: without the loop the lot's dx is centred near it.
    expect(off.x.mean).toBeGreaterThan(100);
    expect(Math.abs(on.x.mean)).toBeLessThan(off.x.mean / 2);
    expect(on.x.m3s).toBeLessThan(off.x.m3s);
    expect(on.y.m3s).toBeLessThan(off.y.m3s);
    // The tool ends with offsets close to the drifts it corrects (Rot +2 µrad, Mag +1.25 ppm).
    expect(on.finalOffsets.Rot).toBeGreaterThan(1);
    expect(on.finalOffsets.Mag).toBeGreaterThan(0.6);
  }, 120_000);

  it('clamps a correction past the EC limits (±1000 nm) and audits the clamp; the tool accepts what is sent', async () => {
    // A model gain 10 times too small asks for 10 times the correction: 150 nm of drift wants 1500 nm.
    const run = await runLoop({
      pairs: 8,
      seed: 3,
      loop: 'on',
      driftPerStep: 1,
      settings: { enabled: true, controller: { gain: -0.1 }, maxStep: { Tx: 5000 } },
    });
    const clamped = run.actions.filter((a) =>
      JSON.stringify(a.detail.clamps ?? []).includes('"reason":"ec-limit"'),
    );
    expect(clamped.length).toBeGreaterThan(0);
    const first = clamped[0];
    const clamps = first?.detail.clamps as { term: string; reason: string; from: number; to: number }[];
    const tx = clamps.find((c) => c.term === 'Tx' && c.reason === 'ec-limit');
    expect(Math.abs(tx?.from ?? 0)).toBeGreaterThan(1000);
    expect(Math.abs(tx?.to ?? 0)).toBe(1000);
    expect(first?.action).toBe('correct');
    expect(first?.detail.eac).toBe(0);
    const sent = first?.detail.sent as Record<string, number>;
    expect(Math.abs(sent.R2R_TX_NM ?? 0)).toBe(1000);
    expect(Math.abs(run.finalOffsets.Tx)).toBeLessThanOrEqual(1000);
  }, 90_000);

  it('a held context sends nothing: estimates follow, every pair is audited as held', async () => {
    const run = await runLoop({ pairs: 8, seed: 3, loop: 'held', driftPerStep: 1 });
    expect(run.actions[0]).toMatchObject({ action: 'hold', actionNo: 1 });
    const rest = run.actions.slice(1);
    expect(rest.length).toBe(8);
    expect(rest.every((a) => a.action === 'held' && a.detail.sent === undefined)).toBe(true);
    // The controller still learnt the +150 nm Tx drift while held: the offset it would set is positive.
    const last = rest.at(-1)?.detail.next as Record<string, number>;
    expect(last.Tx).toBeGreaterThan(50);
    expect(run.finalOffsets).toEqual({ Tx: 0, Ty: 0, Rot: 0, Mag: 0 });
  }, 90_000);
});
