// GEM process programs over the recipe store: what a host uploads is the stored recipe file, what it
// downloads is validated like any recipe, and a refusal is secs' RecipeRefusedError (ACKC7 1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '@bondline/core';
import { RecipeRefusedError } from '@bondline/secs';
import { describe, expect, it } from 'vitest';
import { gemRecipeStore } from './gem-recipe-store.js';
import { openRecipeStore } from './recipe-store.js';
import { SEED_DIR, snapshot, tempDir } from './recipe-store.test-util.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

async function gem(refusals: { ppid: string; issues: readonly Issue[] }[] = []) {
  const stateDir = tempDir();
  const r = await openRecipeStore({ stateDir, seedDir: SEED_DIR, fsync: false });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const programs = gemRecipeStore(r.value.store, {
    refused: (ppid, issues) => refusals.push({ ppid, issues }),
  });
  return { store: r.value.store, programs, recipesDir: join(stateDir, 'recipes') };
}

describe('gemRecipeStore', () => {
  it('lists the recipes and uploads the stored recipe file', async () => {
    const { store, programs } = await gem();
    expect(await programs.list()).toEqual(['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL']);
    const stored = await store.text('BOND-STD');
    expect(text(await programs.read('BOND-STD'))).toBe(stored.ok && stored.value.text);
    expect(await programs.read('NOPE')).toBeUndefined();
    expect(await programs.read('../x')).toBeUndefined();
  });

  it('stores a valid download as the next version of its recipe', async () => {
    const { store, programs } = await gem();
    const body = readFileSync(join(SEED_DIR, 'CLEAN-LONG.yaml'), 'utf8').replace('rinseS: 90', 'rinseS: 120');
    await programs.write('CLEAN-LONG', bytes(body));
    expect(await store.versions('CLEAN-LONG')).toEqual([1, 2]);
    const r = await store.get('CLEAN-LONG');
    expect(r.ok && r.value.params.clean.rinseS).toBe(120);
    await programs.write('NEW-A', bytes('name: NEW-A\n'));
    expect(await programs.list()).toContain('NEW-A');
  });

  it('refuses an invalid download with RecipeRefusedError (ACKC7 1) naming the parameter, and stores nothing', async () => {
    const refusals: { ppid: string; issues: readonly Issue[] }[] = [];
    const { programs, recipesDir } = await gem(refusals);
    const before = snapshot(recipesDir);
    const write = programs.write(
      'BOND-STD',
      bytes('name: BOND-STD\nmodules:\n  plasma:\n    rfPowerW: 1500\n'),
    );
    await expect(write).rejects.toBeInstanceOf(RecipeRefusedError);
    await expect(write).rejects.toMatchObject({
      ackc7: 1,
      message: 'PPID BOND-STD:4:5: modules.plasma.rfPowerW: 1500 W is above the maximum 1000 W',
    });
    expect(refusals.map((r) => [r.ppid, r.issues.map((i) => i.code)])).toEqual([
      ['BOND-STD', ['out-of-range']],
    ]);
    expect(snapshot(recipesDir)).toEqual(before);
  });

  it('refuses a body whose name is not the PPID, and one that is not UTF-8 text', async () => {
    const { programs } = await gem();
    await expect(programs.write('BOND-STD', bytes('name: OTHER\n'))).rejects.toMatchObject({
      ackc7: 1,
      message: 'PPID BOND-STD: name: OTHER differs from the PPID it was sent as',
    });
    await expect(programs.write('X', new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).rejects.toBeInstanceOf(
      RecipeRefusedError,
    );
    expect(await programs.list()).toEqual(['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL']);
  });

  it('a delete removes the recipe (its versions stay); deleting it again finds nothing', async () => {
    const { store, programs } = await gem();
    expect(await programs.remove('INSPECT-FULL')).toBe(true);
    expect(await programs.remove('INSPECT-FULL')).toBe(false);
    expect(await programs.list()).toEqual(['BOND-STD', 'CLEAN-LONG']);
    expect(await store.versions('INSPECT-FULL')).toEqual([1]);
  });
});
