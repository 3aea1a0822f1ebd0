// E30 process program change: the ProcessProgramChanged event (processPrograms.changeCeid) with the
// PPChangeName / PPChangeStatus DVs, for a host download (S7F3: created, then edited), a host delete
// (S7F17: one event per PPID) and a program the tool writes or removes itself.
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import { type Rig, startRig } from './test-rig.test-util.js';

const PP_CHANGED = 702;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Online, ProcessProgramChanged linked to a report of PPChangeName (58) and PPChangeStatus (59). */
async function watchingRig(): Promise<{ r: Rig; changes: string[] }> {
  const r = await startRig();
  rig = r;
  expect(await r.host.requestOnline()).toBe(0);
  await r.host.learnNames();
  expect(await r.host.defineReports([{ rptid: 7, vids: [58, 59] }])).toBe(0);
  expect(await r.host.linkEvents([{ ceid: PP_CHANGED, rptids: [7] }])).toBe(0);
  const changes: string[] = [];
  r.host.on('event', (e: HostEvent) => {
    if (e.ceid === PP_CHANGED) changes.push(`${e.values.PPChangeName} ${e.values.PPChangeStatus}`);
  });
  return { r, changes };
}

/** Resolves once `n` change events have arrived. */
const changesArrive = (r: Rig, changes: string[], n: number): Promise<void> =>
  new Promise((resolve) => {
    if (changes.length >= n) resolve();
    r.host.on('event', () => changes.length >= n && resolve());
  });

const body = new TextEncoder().encode('bond 300C 20kN');

describe('E30 process program change event', () => {
  it('S7F3 of a new PPID is "created" (1), of an existing one "edited" (2)', async () => {
    const { r, changes } = await watchingRig();
    expect(await r.host.sendRecipe('RCP-A', body)).toBe(0);
    expect(await r.host.sendRecipe('RCP-A', body)).toBe(0);
    await changesArrive(r, changes, 2);
    expect(changes).toEqual(['RCP-A 1', 'RCP-A 2']);
  });

  it('S7F17 reports one "deleted" (3) per PPID, each with its own name', async () => {
    const { r, changes } = await watchingRig();
    expect(await r.host.sendRecipe('RCP-A', body)).toBe(0);
    expect(await r.host.sendRecipe('RCP-B', body)).toBe(0);
    expect(await r.host.deleteRecipes(['RCP-A', 'RCP-B'])).toBe(0);
    await changesArrive(r, changes, 4);
    expect(changes).toEqual(['RCP-A 1', 'RCP-B 1', 'RCP-A 3', 'RCP-B 3']);
  });

  it('an S7F17 refused for an unknown PPID changes nothing and reports nothing', async () => {
    const { r, changes } = await watchingRig();
    expect(await r.host.sendRecipe('RCP-A', body)).toBe(0);
    await changesArrive(r, changes, 1);
    expect(await r.host.deleteRecipes(['RCP-A', 'NOPE'])).toBe(4); // ACKC7 4: PPID not found
    expect(await r.host.listRecipes()).toEqual(['RCP-A']);
    expect(changes).toEqual(['RCP-A 1']);
  });

  it('a program written or removed by tool code through equipment.recipes is reported too', async () => {
    const { r, changes } = await watchingRig();
    await r.equipment.recipes.write('LOCAL-1', body);
    expect(await r.equipment.recipes.remove('LOCAL-1')).toBe(true);
    expect(await r.equipment.recipes.remove('LOCAL-1')).toBe(false); // nothing left: no event
    await changesArrive(r, changes, 2);
    expect([r.equipment.vars.get(58), r.equipment.vars.get(59)]).toEqual(['LOCAL-1', 3]);
    expect(changes).toEqual(['LOCAL-1 1', 'LOCAL-1 3']);
  });
});
