import { describe, expect, it } from 'vitest';
import type { ControllerConfig } from './controller-config.js';
import { R2rController } from './r2r-controller.js';

const ctx = { tool: 'BND01', chamber: 'A', product: 'P1', layer: 'HB1' };
const other = { ...ctx, chamber: 'B' };
const ewma: ControllerConfig = { kind: 'ewma', w: 0.5, gain: 2, target: 10 };
let t = Date.parse('2026-03-01T08:00:00Z');
const clock = () => {
  t += 60_000;
  return new Date(t);
};

describe('R2rController', () => {
  it('applies the EWMA update and recommends u = (T − a)/b (hand-computed)', () => {
    const c = new R2rController({ Tx: { ...ewma, initialOffset: 4 } }, clock);
    expect(c.recommend(ctx, 'Tx')).toMatchObject({ ok: true, value: { u: 3 } }); // (10 − 4)/2
    // y = 14 at u = 3: x = 14 − 6 = 8; a = 0.5·8 + 0.5·4 = 6; next u = (10 − 6)/2 = 2.
    const r = c.measure(ctx, 'Tx', 14);
    expect(r).toMatchObject({ ok: true, value: { u: 2 } });
    expect(c.state(ctx, 'Tx')).toEqual({ phase: 'tracking', a: 6, d: 0, u: 2, runs: 1 });
  });

  it('without initialOffset the first measurement sets the offset estimate', () => {
    const c = new R2rController({ Tx: ewma }, clock);
    c.measure(ctx, 'Tx', 7, 1); // x = 7 − 2 = 5
    expect(c.state(ctx, 'Tx')).toMatchObject({ a: 5, u: 2.5 });
  });

  it('double EWMA update of the drift estimate (hand-computed)', () => {
    const c = new R2rController(
      { Tx: { kind: 'dewma', w: 0.5, w2: 0.25, gain: 1, target: 0, initialOffset: 2 } },
      clock,
    );
    // u0 = −2. y = 1 at u = −2: x = 3; a = 0.5·3 + 0.5·2 = 2.5; D = 0.25·(3 − 2) = 0.25; u = −2.75.
    expect(c.measure(ctx, 'Tx', 1)).toMatchObject({ ok: true, value: { u: -2.75 } });
    expect(c.state(ctx, 'Tx')).toMatchObject({ a: 2.5, d: 0.25 });
  });

  it('clamps to actuator limits and flags it', () => {
    const c = new R2rController({ Tx: { ...ewma, limits: { min: -1, max: 1 } } }, clock);
    const r = c.measure(ctx, 'Tx', 100, 0); // a = 100, raw u = −45
    expect(r).toMatchObject({ ok: true, value: { u: -1, record: { uRaw: -45, clamped: true } } });
  });

  it('keeps the previous u when the change is inside the deadband', () => {
    const c = new R2rController(
      { Tx: { kind: 'ewma', w: 0.5, gain: 1, target: 0, initialOffset: 0, deadband: 0.5 } },
      clock,
    );
    // u0 = 0. y = 8 at u = 0: x = 8, a = 4, raw u = −4 (change 4): issued.
    expect(c.measure(ctx, 'Tx', 8)).toMatchObject({
      value: { u: -4, record: { uRaw: -4, deadband: false } },
    });
    // y = 0.5 at u = −4: x = 4.5, a = 4.25, raw u = −4.25 (change 0.25 < 0.5): −4 stays.
    expect(c.measure(ctx, 'Tx', 0.5)).toMatchObject({
      value: { u: -4, record: { uRaw: -4.25, deadband: true } },
    });
    // y = 1.5 at u = −4: x = 5.5, a = 4.875, raw u = −4.875 (change 0.875): issued.
    expect(c.measure(ctx, 'Tx', 1.5)).toMatchObject({ value: { u: -4.875, record: { deadband: false } } });
  });

  it('suspends for maintenance, refuses moves the table forbids, and resets the context only', () => {
    const c = new R2rController({ Tx: ewma, Ty: ewma }, clock);
    c.measure(ctx, 'Tx', 30, 0);
    c.measure(other, 'Tx', 30, 0);
    expect(c.suspend(ctx).every((r) => r.ok)).toBe(true);
    expect(c.measure(ctx, 'Tx', 1)).toMatchObject({ ok: false, issues: [{ code: 'illegal-transition' }] });
    expect(c.recommend(ctx, 'Ty')).toMatchObject({ ok: false, issues: [{ code: 'illegal-transition' }] });
    expect(c.suspend(ctx)[0]).toMatchObject({ ok: false });
    c.reset(ctx);
    expect(c.state(ctx, 'Tx')).toEqual({ phase: 'fresh', a: 0, d: 0, u: 5, runs: 0 });
    expect(c.state(other, 'Tx')).toMatchObject({ phase: 'tracking', a: 30 });
    expect(c.measure(ctx, 'Nope', 1)).toMatchObject({ ok: false, issues: [{ code: 'unknown-correctable' }] });
    expect(c.measure(ctx, 'Tx', Number.NaN)).toMatchObject({
      ok: false,
      issues: [{ code: 'bad-measurement' }],
    });
  });

  it('keeps an audit record of every decision with clock time, inputs and estimates, and round-trips a snapshot', () => {
    t = Date.parse('2026-03-01T08:00:00Z');
    const c = new R2rController({ Tx: { ...ewma, initialOffset: 4 } }, clock);
    c.measure(ctx, 'Tx', 14);
    c.suspend(ctx);
    c.measure(ctx, 'Tx', 14);
    const audit = c.auditTrail();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toEqual({
      seq: 1,
      at: '2026-03-01T08:01:00.000Z',
      context: 'BND01/A/P1/HB1',
      correctable: 'Tx',
      event: 'measure',
      phaseBefore: 'fresh',
      phaseAfter: 'tracking',
      inputs: { y: 14, u: 3 },
      estimateBefore: { a: 4, d: 0 },
      estimateAfter: { a: 6, d: 0 },
      uRaw: 2,
      u: 2,
      clamped: false,
      deadband: false,
    });
    expect(audit[2]).toMatchObject({
      seq: 3,
      event: 'measure',
      refused: 'illegal-transition',
      phaseAfter: 'suspended',
    });
    const snap = JSON.parse(JSON.stringify(c.snapshot()));
    const restored = new R2rController({ Tx: { ...ewma, initialOffset: 4 } }, clock, snap);
    expect(restored.state(ctx, 'Tx')).toEqual(c.state(ctx, 'Tx'));
    expect(restored.auditTrail()).toEqual(audit);
    restored.reset(ctx);
    expect(restored.auditTrail()[3]?.seq).toBe(4);
  });

  it('forCorrectables controls Tx, Ty, Rot, Mag by default, each on its own', () => {
    const c = R2rController.forCorrectables(ewma, clock);
    expect(c.correctables()).toEqual(['Tx', 'Ty', 'Rot', 'Mag']);
    c.measure(ctx, 'Rot', 14, 0);
    expect(c.state(ctx, 'Rot')).toMatchObject({ a: 14, u: -2 });
    expect(c.state(ctx, 'Mag')).toBeUndefined();
  });

  it('throws RangeError on an invalid config (programmer error)', () => {
    expect(() => new R2rController({ Tx: { ...ewma, w: 0 } }, clock)).toThrow(RangeError);
    expect(() => new R2rController({ Tx: { kind: 'dewma', w: 0.3, gain: 1, target: 0 } }, clock)).toThrow(
      /w2/,
    );
  });
});
