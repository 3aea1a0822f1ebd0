import { describe, expect, it } from 'vitest';
import { harness, runToEnd } from './controller-harness.test-util.js';

const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) =>
  r.ok ? [] : (r.issues ?? []).map((i) => i.code);

describe('ToolController commands', () => {
  it('pause lets steps in progress end, starts nothing until resume, then finishes the lot', async () => {
    const h = harness();
    h.tool.on('pair-result', (p) => {
      if (p.index === 3) expect(h.tool.pause().ok).toBe(true);
    });
    h.tool.on('process-state', (s) => {
      if (s.to === 'paused') h.clock.after(900, () => expect(h.tool.resume().ok).toBe(true));
    });
    const summary = await runToEnd(h, 'P1', 10);
    expect(summary.pairs).toBe(10);
    expect(h.of('process-state').map((s) => s.to)).toEqual([
      'setup',
      'executing',
      'pausing',
      'paused',
      'executing',
      'idle',
    ]);
    const at = (to: string) => h.events.findIndex((e) => e.name === 'process-state' && e.payload.to === to);
    const [pausing, paused, resumed] = [
      at('pausing'),
      at('paused'),
      h.events.findIndex((e, i) => i > at('paused') && e.name === 'process-state'),
    ];
    const between = h.events.slice(pausing, resumed);
    // No step starts after pausing began; every step running then ended before paused.
    expect(between.filter((e) => e.name === 'step-started')).toEqual([]);
    const open = new Map<string, number>();
    for (const e of h.events.slice(0, paused)) {
      if (e.name === 'step-started') open.set(e.payload.moduleId, (open.get(e.payload.moduleId) ?? 0) + 1);
      if (e.name === 'step-ended') open.set(e.payload.moduleId, (open.get(e.payload.moduleId) ?? 0) - 1);
    }
    expect([...open.values()].every((n) => n === 0)).toBe(true);
    const pausedAt = h.of('process-state').find((s) => s.to === 'paused')?.atS ?? 0;
    expect(h.of('process-state').find((s) => s.from === 'paused')?.atS).toBe(pausedAt + 900);
  });

  it('stop finishes the pairs already started and leaves the others in their carriers', async () => {
    const h = harness();
    let startedAtStop = new Set<string>();
    h.tool.on('pair-result', (p) => {
      if (p.index !== 2) return;
      expect(h.tool.stop().ok).toBe(true);
      startedAtStop = new Set(
        h
          .of('substrate-moved')
          .filter((m) => 'carrier' in m.from)
          .map((m) => m.substrateId.replace(/-[TB]/, '-')),
      );
    });
    const summary = await runToEnd(h, 'S1', 12);
    expect(summary.outcome).toBe('stopped');
    expect(startedAtStop.size).toBeGreaterThan(2);
    expect(summary.pairs).toBe(startedAtStop.size);
    const pairs = h.of('pair-result').map((p) => p.pairId.replace('-P', '-'));
    expect(new Set(pairs)).toEqual(startedAtStop);
    const untouched = h.tool.substrates().filter((r) => r.kind !== 'stack' && r.history.length === 1);
    expect(untouched.length).toBe(2 * (12 - summary.pairs));
    expect(h.of('process-state').map((s) => s.to)).toEqual(['setup', 'executing', 'stopping', 'idle']);
  });

  it('abort stops at once: substrates stay where they are, held and recorded, until taken out', async () => {
    const h = harness();
    h.tool.on('pair-result', (p) => {
      if (p.index === 3) expect(h.tool.abort().ok).toBe(true);
    });
    const summary = await runToEnd(h, 'A1', 10);
    expect(summary.outcome).toBe('aborted');
    expect(summary.pairs).toBe(3);
    const records = h.tool.substrates();
    const inside = records.filter(
      (r) =>
        'module' in r.location &&
        h.tool.substrates().every((x) => x.parts?.topId !== r.id && x.parts?.bottomId !== r.id),
    );
    expect(inside.length).toBeGreaterThan(3);
    const status = h.tool.status();
    const held = status.modules.filter((m) => m.kind !== 'loadport' && m.substrateIds.length > 0);
    expect(held.every((m) => m.state === 'held')).toBe(true);
    expect(held.flatMap((m) => m.substrateIds).sort()).toEqual(inside.map((r) => r.id).sort());
    expect(codes(h.tool.start({ lotId: 'A2', recipe: 'T-BOND', pairs: 2 }))).toEqual(['busy']);
    expect(h.tool.clearHeld().ok).toBe(true);
    for (const r of h.tool.substrates()) expect('carrier' in r.location).toBe(true);
    expect(h.tool.status().modules.every((m) => m.state === 'idle')).toBe(true);
    const next = await runToEnd(h, 'A2', 2);
    expect(next.pairs).toBe(2);
  });

  it('refuses commands that do not apply, with their codes, and changes nothing', async () => {
    const h = harness();
    expect(codes(h.tool.pause())).toEqual(['not-running']);
    expect(codes(h.tool.stop())).toEqual(['not-running']);
    expect(codes(h.tool.abort())).toEqual(['not-running']);
    expect(codes(h.tool.resume())).toEqual(['not-paused']);
    expect(codes(h.tool.clearAlarm('PL-001'))).toEqual(['unknown-alarm']);
    expect(codes(h.tool.selectRecipe('NOPE'))).toEqual(['unknown-recipe']);
    expect(codes(h.tool.start({ lotId: 'X', recipe: 'NOPE', pairs: 1 }))).toEqual(['unknown-recipe']);
    expect(codes(h.tool.start({ lotId: 'X', recipe: 'T-BOND', pairs: 26 }))).toEqual(['invalid-lot']);
    expect(codes(h.tool.setR2rOffsets({ Tx: 1, Ty: 0, Rot: 51, Mag: Number.NaN }))).toEqual([
      'out-of-range',
      'out-of-range',
    ]);
    expect(h.tool.status().r2rOffsets).toEqual({ Tx: 0, Ty: 0, Rot: 0, Mag: 0 });
    expect(h.events).toEqual([]);

    const sel = h.tool.selectRecipe('T-CLEAN');
    expect(sel.ok && sel.value.name).toBe('T-CLEAN');
    const started = h.tool.start({ lotId: 'R1', recipe: '', pairs: 3 });
    expect(started.ok).toBe(true);
    expect(h.tool.status().processState).toBe('setup');
    expect(codes(h.tool.pause())).toEqual(['busy']);
    expect(codes(h.tool.start({ lotId: 'R2', recipe: 'T-BOND', pairs: 1 }))).toEqual(['busy']);
    expect(codes(h.tool.start({ lotId: 'R2', recipe: 'T-BOND', pairs: 99 }))).toEqual(['busy']);
    expect(codes(h.tool.selectRecipe('T-BOND'))).toEqual(['busy']);
    h.tool.on('pair-result', (p) => {
      if (p.index !== 1) return;
      expect(codes(h.tool.resume())).toEqual(['not-paused']);
      expect(h.tool.pause().ok).toBe(true);
      expect(codes(h.tool.pause())).toEqual(['busy']);
      expect(h.tool.resume().ok).toBe(true);
    });
    const summary = started.ok ? await started.value.done : undefined;
    expect(summary?.recipe).toBe('T-CLEAN');
    expect(h.tool.status().selectedRecipe).toBe('T-CLEAN');
  });

  it('stop during setup ends the lot with no pair started', async () => {
    const h = harness();
    const started = h.tool.start({ lotId: 'Z1', recipe: 'T-BOND', pairs: 3 });
    expect(h.tool.stop().ok).toBe(true);
    const summary = started.ok ? await started.value.done : undefined;
    expect(summary).toMatchObject({ pairs: 0, outcome: 'stopped', yield: 0 });
    expect(h.of('substrate-moved')).toEqual([]);
    expect(h.of('step-ended').filter((s) => s.kind === 'loadport').length).toBe(9);
  });
});
