// Recipe interlocks and the control state end to end through GEM (issue 10, "Tests"): a host's S7F3
// of a recipe outside any one limit is refused (ACKC7 1) and cannot be selected; a valid one is
// stored as the next version and runs; remote commands are refused outside ONLINE REMOTE (E30 4.3).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { A, GemHostError, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { CEID } from '../gem/gem-ids.js';
import { RECIPE_SPEC, recipeParamRows } from '../recipe/recipe-spec.js';
import { type E2eRig, eventsOf, hostLot, hostSetUp, profileFile, startE2e } from './tool-e2e.test-util.js';

let rig: E2eRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const body = (text: string): Uint8Array => new TextEncoder().encode(text);
const recipeText = (name: string, module: string, key: string, value: string | number): string =>
  `name: ${name}\nmodules:\n  ${module}:\n    ${key}: ${value}\n`;
const select = (r: E2eRig, ppid: string) => r.host.command('PP-SELECT', [{ name: 'PPID', value: A(ppid) }]);

describe('recipe interlocks through GEM (docs/tool.md §3, §7.10)', () => {
  it('refuses a download outside each limit of every parameter, and a refused recipe cannot be selected', async () => {
    rig = await startE2e({ seed: 1, profile: (dir) => profileFile(dir, 'healthy', {}) });
    const r = rig;
    await hostSetUp(r);
    const before = await r.host.listRecipes();
    let refused = 0;
    for (const { module, key, spec } of recipeParamRows()) {
      const outside =
        spec.kind === 'enum'
          ? ['Ar']
          : [spec.max + (spec.integer === true ? 1 : 0.001), spec.min - (spec.integer === true ? 1 : 0.001)];
      for (const v of outside) {
        const ackc7 = await r.host.sendRecipe('BOND-X', body(recipeText('BOND-X', module, key, v)));
        expect(ackc7, `${module}.${key} = ${v}`).toBe(1);
        refused++;
      }
    }
    expect(refused).toBe(recipeParamRows().reduce((n, row) => n + (row.spec.kind === 'enum' ? 1 : 2), 0));
    expect(await r.host.listRecipes()).toEqual(before);
    expect(await select(r, 'BOND-X')).toEqual({ hcack: 3, params: [{ name: 'PPID', cpack: 2 }] });
    // A file put into the store's folder by hand is checked again when selected: still refused.
    writeFileSync(
      join(r.stateDir, 'recipes', 'BOND-Y.yaml'),
      recipeText('BOND-Y', 'plasma', 'rfPowerW', 1500),
    );
    expect(await select(r, 'BOND-Y')).toEqual({ hcack: 3, params: [{ name: 'PPID', cpack: 2 }] });
    expect(r.tool.controller.status().selectedRecipe).toBe('BOND-STD');

    // At the limit it is accepted, stored, reported and runs.
    const max = RECIPE_SPEC.plasma.rfPowerW.max;
    expect(await r.host.sendRecipe('BOND-X', body(recipeText('BOND-X', 'plasma', 'rfPowerW', max)))).toBe(0);
    expect(await r.host.listRecipes()).toContain('BOND-X');
    expect(eventsOf(r, CEID.processProgramChanged)).toHaveLength(1);
    await hostLot(r, 'RX', 1, 'BOND-X');
    expect(eventsOf(r, CEID.pairResult)[0]?.values.PairRecipe).toBe('BOND-X');
    expect(eventsOf(r, 4107)[0]?.values.StepSubstrates).toBe('RX-T01');
    expect(r.issues.filter((i) => i.code !== 'recipe-refused')).toEqual([]);
  });
});

describe('remote commands outside ONLINE REMOTE (E30 4.3)', () => {
  it('are refused (S2F0 off-line, HCACK 2 in ONLINE LOCAL) and never reach the tool', async () => {
    rig = await startE2e({ seed: 1, profile: (dir) => profileFile(dir, 'healthy', {}) });
    const r = rig;
    const startLot = (lotId: string) =>
      r.host.command('START', [
        { name: 'LOTID', value: A(lotId) },
        { name: 'PAIRS', value: U4(1) },
      ]);
    expect(r.eq.equipment.control.state).toBe('host-offline');
    const offline = await startLot('L0').catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(GemHostError);
    expect(offline).toMatchObject({ code: 'aborted' });

    await hostSetUp(r);
    r.eq.equipment.setRemote(false);
    expect(r.eq.equipment.control.state).toBe('online-local');
    expect(await startLot('L1')).toEqual({ hcack: 2, params: [] });
    expect(await select(r, 'CLEAN-LONG')).toEqual({ hcack: 2, params: [] });
    expect(await r.host.command('ABORT')).toEqual({ hcack: 2, params: [] });
    const status = r.tool.controller.status();
    expect([status.processState, status.selectedRecipe, status.pairsDone]).toEqual(['idle', 'BOND-STD', 0]);
    expect(eventsOf(r, CEID.lotStarted)).toEqual([]);

    // Back to remote: the same commands act.
    r.eq.equipment.setRemote(true);
    expect(r.eq.equipment.control.state).toBe('online-remote');
    await hostLot(r, 'L2', 1);
    expect(eventsOf(r, CEID.lotStarted)).toHaveLength(1);
  });
});
