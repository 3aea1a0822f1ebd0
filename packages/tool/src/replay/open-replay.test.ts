// A replay opened on the shipped tool and run: its forced fault point acts on the lot, its constants
// move the overlay as docs/tool.md §4.3 says, its recipe body is what the lot runs, the same replay
// gives the same lot, and what needs the tool's files is refused at its key in the replay file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runToolLot } from '../assemble/run-tool-lot.js';
import type { PairRecord } from '../controller/tool-api.js';
import { type OpenReplayOptions, openReplay, type ReplayTool } from './open-replay.js';
import { readReplayFile } from './replay-file.js';

const tmp = await mkdtemp(join(tmpdir(), 'bondline-open-replay-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
const opened: ReplayTool[] = [];
afterEach(async () => {
  for (const r of opened.splice(0)) await r.tool.close();
});

let n = 0;
/** Write `lines` (after the format line) as a replay file and open it in a fresh state folder. */
async function open(lines: string[], o: Partial<OpenReplayOptions> = {}) {
  n++;
  const path = join(tmp, `r${n}.yaml`);
  await writeFile(path, ['format: bondline-replay/1', ...lines, ''].join('\n'));
  const file = await readReplayFile(path);
  if (!file.ok) throw new Error(file.issues.map((i) => i.message).join('\n'));
  const r = await openReplay(file.value, { stateDir: join(tmp, `state${n}`), ...o });
  if (r.ok) opened.push(r.value);
  return { r, path };
}

async function lot(lines: string[]): Promise<{ run: ReplayTool; pairs: PairRecord[] }> {
  const { r } = await open(lines);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const done = await runToolLot(r.value.tool, { recipe: r.value.recipe.name, pairs: r.value.pairs });
  if (!done.ok) throw new Error(done.issues.map((i) => i.message).join('\n'));
  return { run: r.value, pairs: done.value.pairs };
}

/** The `faults` result of every plasma step (PL1) in the substrates' histories. */
function plasmaFaults(run: ReplayTool): (string | number | undefined)[] {
  return run.tool.controller
    .substrates()
    .flatMap((s) => s.history)
    .filter((h) => 'module' in h.location && h.location.module === 'PL1')
    .map((h) => h.results?.faults);
}

describe('openReplay: the run a replay file asks for', { timeout: 120_000 }, () => {
  it('a forced silent point (PL-VAC-037) acts on every plasma step; the same seed without it, never', async () => {
    const base = ['profile: mature', 'seed: 7', 'pairs: 3'];
    const forced = await lot([...base, 'faults: { PL-VAC-037: { perStep: 1 } }']);
    const plain = await lot(base);
    expect(forced.run.forced).toEqual(['PL-VAC-037']);
    expect(forced.run.tool.profileName).toBe('mature+PL-VAC-037');
    // perStep 1 is a probability of 1 at every plasma step (docs/tool.md §5.3); the point has no
    // activeS, so it stays active until the module's maintenance (§5.5). Six wafers, six steps.
    const steps = plasmaFaults(forced.run);
    expect(steps).toHaveLength(6);
    for (const f of steps) expect(String(f).split(' ')).toContain('PL-VAC-037');
    for (const p of forced.pairs) expect(p.faults).toContain('PL-VAC-037');
    // The mature profile retired it (FIX-038 in examples/tool/profiles/mature.yaml): rate 0.
    expect(plasmaFaults(plain.run).filter((f) => String(f).includes('PL-VAC-037'))).toEqual([]);
    for (const p of plain.pairs) expect(p.faults).not.toContain('PL-VAC-037');
  });

  it('R2R_TX_NM is subtracted from every pair realised Tx (docs/tool.md §4.3); the others stay', async () => {
    const base = ['seed: 5', 'pairs: 2'];
    const moved = await lot([...base, 'constants: { R2R_TX_NM: 300, TimeFormat: 2 }']);
    const still = await lot(base);
    expect(moved.run.constants).toEqual({ applied: ['R2R_TX_NM'], gemOnly: ['TimeFormat'] });
    expect(moved.run.tool.controller.status().r2rOffsets).toEqual({ Tx: 300, Ty: 0, Rot: 0, Mag: 0 });
    // Tx = (e_bottom - e_top).x + N(0, stage) + drift.Tx - offset.Tx: the same draws, 300 nm less.
    moved.pairs.forEach((p, i) => {
      const q = still.pairs[i];
      expect(p.bond.realised.Tx).toBeCloseTo((q?.bond.realised.Tx ?? Number.NaN) - 300, 6);
      expect(p.bond.realised.Ty).toBeCloseTo(q?.bond.realised.Ty ?? Number.NaN, 6);
    });
  });

  it('the same replay twice gives the same lot', async () => {
    const lines = ['profile: immature', 'seed: 11', 'pairs: 2', 'faults: { BD-STAGE-013: { perStep: 0.5 } }'];
    const a = await lot(lines);
    const b = await lot(lines);
    const view = (ps: PairRecord[]) =>
      ps.map((p) => [p.pairId, p.yield, p.overlay, p.faults, p.bond.voids.length]);
    expect(view(b.pairs)).toEqual(view(a.pairs));
  });

  it("a recipe body different from the store's is stored as its next version and run; the same one is not stored again", async () => {
    const body = (w: number) => [
      'recipe:',
      '  name: BOND-STD',
      `  body: { name: BOND-STD, description: as captured, modules: { plasma: { rfPowerW: ${w} } } }`,
    ];
    const { r } = await open([...body(350), 'pairs: 1']);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.recipe).toEqual({ name: 'BOND-STD', version: 2, fromBody: true });
    const stored = await r.value.tool.recipes.get('BOND-STD');
    expect(stored).toMatchObject({ ok: true, value: { version: 2, params: { plasma: { rfPowerW: 350 } } } });
    const done = await runToolLot(r.value.tool, { recipe: 'BOND-STD', pairs: 1 });
    expect(done).toMatchObject({ ok: true, value: { summary: { recipe: 'BOND-STD' } } });
    // The same state folder again with the same body: the current version already is that recipe.
    await r.value.tool.close();
    opened.splice(0);
    const again = await readReplayFile(join(tmp, `r${n}.yaml`));
    if (!again.ok) throw new Error('unreadable');
    const r2 = await openReplay(again.value, { stateDir: join(tmp, `state${n}`) });
    if (!r2.ok) throw new Error(r2.issues[0]?.message);
    opened.push(r2.value);
    expect(r2.value.recipe).toEqual({ name: 'BOND-STD', version: 2, fromBody: true });
    expect(await r2.value.tool.recipes.versions('BOND-STD')).toEqual([1, 2]);
  });

  it('explicit seed and pairs win over the file; the file gives them otherwise; a full carrier by default', async () => {
    const a = await open(['seed: 3', 'pairs: 4'], { seed: 9, pairs: 2 });
    expect(a.r).toMatchObject({ ok: true, value: { seed: 9, pairs: 2 } });
    const b = await open(['seed: 3', 'pairs: 4']);
    expect(b.r).toMatchObject({ ok: true, value: { seed: 3, pairs: 4 } });
    const c = await open([]);
    // examples/tool/tool.yaml: carrierSlots 25, defaultRecipe BOND-STD; the seed of `tool run`, 1.
    expect(c.r).toMatchObject({
      ok: true,
      value: { seed: 1, pairs: 25, recipe: { name: 'BOND-STD', fromBody: false } },
    });
  });

  it('refuses, each at its key: unknown fault ids, pairs beyond the carrier, a recipe the store lacks', async () => {
    const { r, path } = await open([
      'source: { faultId: PL-VAC-999 }',
      'faults:',
      '  PL-VAC-998: { perStep: 1 }',
      'pairs: 30',
    ]);
    expect(r).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'unknown-fault',
          path: 'faults.PL-VAC-998',
          message: `${path}:4:3: faults.PL-VAC-998: PL-VAC-998 is not a fault point of ${join(import.meta.dirname, '../../../../examples/tool/faults.yaml')}`,
        },
        {
          code: 'unknown-fault',
          path: 'source.faultId',
          message: expect.stringMatching(/:2:11: source\.faultId: PL-VAC-999 is not a fault point/),
        },
        {
          code: 'out-of-range',
          path: 'pairs',
          message: expect.stringMatching(/:5:1: pairs: 30 pairs do not fit a carrier of 25 slots/),
        },
      ],
    });
    const missing = await open(['recipe: { name: BOND-FAST }']);
    expect(missing.r).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'recipe-not-found',
          path: 'recipe.name',
          message: expect.stringMatching(
            /:2:11: recipe\.name: no recipe 'BOND-FAST' in .* \(recipes: BOND-STD, CLEAN-LONG, INSPECT-FULL\); give its body as recipe\.body$/,
          ),
        },
      ],
    });
    const profile = await open([`profile: ${join(tmp, 'no-such-profile.yaml')}`]);
    expect(profile.r).toMatchObject({ ok: false, issues: [{ code: 'file-not-found' }] });
  });
});
