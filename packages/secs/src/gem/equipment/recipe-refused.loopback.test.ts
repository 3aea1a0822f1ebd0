// A store that refuses a process program (RecipeRefusedError) has the host answered with the ACKC7
// it chose, and no handler failure reported: the tool refused the program itself. A store that
// fails (an I/O error) is still answered ACKC7 1 and reported, as before.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecipeStore } from './recipe-directory.js';
import { RecipeRefusedError } from './recipe-refused-error.js';
import { type Rig, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A store holding programs in memory whose write refuses bodies containing "bad" with `refusal`. */
function refusingStore(refusal: () => Error): { store: RecipeStore; held: Map<string, Uint8Array> } {
  const held = new Map<string, Uint8Array>();
  const store: RecipeStore = {
    list: async () => [...held.keys()].sort(),
    read: async (ppid) => held.get(ppid),
    write: async (ppid, body) => {
      if (new TextDecoder().decode(body).includes('bad')) throw refusal();
      held.set(ppid, body);
    },
    remove: async (ppid) => held.delete(ppid),
  };
  return { store, held };
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('S7F3 refused by the recipe store', () => {
  it('answers the ACKC7 of a RecipeRefusedError, reports no failure and keeps the stored program', async () => {
    const { store, held } = refusingStore(
      () => new RecipeRefusedError('rfPowerW: 1500 W is above the maximum 1000 W', 3),
    );
    const r = await startRig({ equipment: { recipes: store } });
    rig = r;
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    expect(await r.host.requestOnline()).toBe(0);
    expect(await r.host.sendRecipe('RCP-A', text('good'))).toBe(0);
    expect(await r.host.sendRecipe('RCP-A', text('bad'))).toBe(3); // ACKC7 3 as the store chose
    expect(new TextDecoder().decode(held.get('RCP-A'))).toBe('good');
    // A handler failure is reported before its reply is sent: none was, once the reply is here.
    expect(errors).toEqual([]);
  });

  it('defaults to ACKC7 1 (permission not granted)', async () => {
    const { store } = refusingStore(() => new RecipeRefusedError('refused'));
    const r = await startRig({ equipment: { recipes: store } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    expect(await r.host.sendRecipe('RCP-A', text('bad'))).toBe(1);
    expect(await r.host.listRecipes()).toEqual([]);
  });

  it('an ordinary failure of the write is still answered ACKC7 1 and reported', async () => {
    const { store } = refusingStore(() => Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    const r = await startRig({ equipment: { recipes: store } });
    rig = r;
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    expect(await r.host.requestOnline()).toBe(0);
    expect(await r.host.sendRecipe('RCP-A', text('bad'))).toBe(1);
    expect(errors).toEqual(['handler for S7F3 failed: EIO: i/o error']);
  });
});
