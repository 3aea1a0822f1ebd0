// A reply that acknowledges a change goes out only once the change is on disk (the state store's
// writes are asynchronous): S2F16, S2F34, S5F4... wait for the save the handler asked for. When that
// save fails the host is not told the change was accepted: it gets SxF0, the tool an `error` event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Gate, gate, until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { F8 } from '../../item/constructors.js';
import { GemHostError } from '../host/gem-host.js';
import type { PersistedEquipmentState, StateStore } from './state-store.js';
import { jsonStateStore } from './state-store.js';
import { type Rig, roundTrip, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gem-durable-reply-'));
  dirs.push(dir);
  return dir;
}

/**
 * A real store on `dir` whose saves after start-up wait, while `held` is set, until the test opens it
 * (a slow or busy disk), noting when each finished; or fail, once `failing` is set.
 */
function slowStore(
  dir: string,
  log: string[],
): StateStore & { failing: boolean; held: Gate | undefined; waiting: number } {
  const inner = jsonStateStore(dir, { sync: false });
  let started = false;
  const store = {
    failing: false,
    held: undefined as Gate | undefined,
    /** Saves waiting for the gate now. */
    waiting: 0,
    load: () => inner.load(),
    async save(s: PersistedEquipmentState): Promise<void> {
      if (!started) {
        started = true; // the DATAID block reserved at start
        return inner.save(s);
      }
      if (store.failing) throw new Error('disk full');
      if (store.held !== undefined) {
        store.waiting++;
        await store.held.done;
        store.waiting--;
      }
      await inner.save(s);
      log.push(`saved 1000=${s.constants?.['1000']}`); // BondForceSetpoint
    },
  };
  return store;
}

describe('replies after the change is durable', () => {
  it('S2F16 is written only once the changed constant is on disk', async () => {
    const log: string[] = [];
    const dir = stateDir();
    const store = slowStore(dir, log);
    rig = await startRig({ equipment: { store } });
    expect(await rig.host.requestOnline()).toBe(0);
    store.held = gate();
    // BondForceSetpoint (ECID 1000), default 20000.
    let answered = false;
    const reply = rig.host.setConstants([{ ecid: 1000, value: F8(25_000) }]).then((eac) => {
      answered = true;
      log.push(`S2F16 EAC ${eac}`);
    });
    await until(() => store.waiting > 0, 'the save of the new constant started');
    await roundTrip(rig); // an S2F16 written before the save ended would have been read by now
    expect(answered).toBe(false);
    store.held.open();
    await reply;
    expect(log.filter((l) => l.includes('25000') || l.startsWith('S2F16'))).toEqual([
      'saved 1000=25000',
      'S2F16 EAC 0',
    ]);
    // What was acknowledged is what a restart finds.
    expect((await jsonStateStore(dir).load()).constants?.['1000']).toBe(25_000);
  });

  it('a change that cannot be saved is answered SxF0 and reported, never acknowledged', async () => {
    const store = slowStore(stateDir(), []);
    rig = await startRig({ equipment: { store } });
    expect(await rig.host.requestOnline()).toBe(0);
    const errors: string[] = [];
    rig.equipment.on('error', (e) => errors.push(e.message));
    store.failing = true;
    const refused = await rig.host.defineReports([{ rptid: 7, vids: [12] }]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GemHostError);
    expect((refused as GemHostError).code).toBe('aborted');
    expect(errors).toContain('disk full');
    expect(errors.some((m) => m.startsWith('S2F33: its change could not be saved'))).toBe(true);
    // A primary that changes nothing is still answered as before.
    expect(await rig.host.readStatus([1])).toHaveProperty('1');
  });
});
