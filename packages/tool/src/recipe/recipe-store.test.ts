// The file-backed recipe store: seeded once from the shipped recipes (which it never writes), every
// version kept, a refused recipe leaves the stored one untouched, writes are all-or-nothing.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { parseRecipe } from './recipe-schema.js';
import { type FileRecipeStore, openRecipeStore, type RecipeStoreOptions } from './recipe-store.js';
import { SEED_DIR, snapshot, tempDir, tempFilesUnder } from './recipe-store.test-util.js';
import type { Recipe } from './recipe-types.js';
import { recipeToYaml } from './recipe-yaml.js';

async function open(options: Partial<RecipeStoreOptions> & { stateDir: string }): Promise<FileRecipeStore> {
  const r = await openRecipeStore({ seedDir: SEED_DIR, fsync: false, ...options });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.store;
}

function value<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

const seed = (name: string): Recipe =>
  value(parseRecipe(readFileSync(join(SEED_DIR, `${name}.yaml`), 'utf8'), name));

const SHIPPED = ['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL'];

describe('seeding', () => {
  it('builds the store from the shipped recipes on first use, each as version 1, and never writes the seeds', async () => {
    const before = snapshot(SEED_DIR);
    const stateDir = tempDir();
    const r = await openRecipeStore({ stateDir, seedDir: SEED_DIR, fsync: false });
    expect(r.ok && r.value.origin).toEqual({ seeded: SHIPPED });
    const store = await open({ stateDir });
    expect(await store.list()).toEqual(SHIPPED);
    for (const name of SHIPPED) {
      expect(value(await store.get(name))).toEqual({ ...seed(name), version: 1 });
      expect(await store.versions(name)).toEqual([1]);
    }
    // Changes go to the state directory only.
    value(await store.put({ ...seed('BOND-STD'), description: 'changed' }));
    expect(await store.delete('CLEAN-LONG')).toBe(true);
    expect(snapshot(SEED_DIR)).toEqual(before);
  });

  it('keeps the store of an earlier run: no second seeding, a deleted recipe stays deleted', async () => {
    const stateDir = tempDir();
    const store = await open({ stateDir });
    expect(await store.delete('CLEAN-LONG')).toBe(true);
    const again = await openRecipeStore({ stateDir, seedDir: SEED_DIR, fsync: false });
    expect(again.ok && again.value.origin).toEqual({ kept: true });
    expect(await (await open({ stateDir })).list()).toEqual(['BOND-STD', 'INSPECT-FULL']);
  });

  it('refuses a seed folder holding an invalid recipe, naming it, and creates nothing', async () => {
    const seeds = tempDir();
    writeFileSync(join(seeds, 'GOOD.yaml'), 'name: GOOD\n');
    writeFileSync(join(seeds, 'BAD.yaml'), 'name: BAD\nmodules:\n  plasma:\n    rfPowerW: 1500\n');
    writeFileSync(join(seeds, 'OTHER.yaml'), 'name: NOT-OTHER\n');
    const stateDir = tempDir();
    const r = await openRecipeStore({ stateDir, seedDir: seeds, fsync: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      `${join(seeds, 'BAD.yaml')}:4:5: modules.plasma.rfPowerW: 1500 W is above the maximum 1000 W`,
      `${join(seeds, 'OTHER.yaml')}: name: NOT-OTHER differs from the file name OTHER`,
    ]);
    expect(readdirSync(stateDir)).toEqual([]);
  });

  it('refuses a seed folder that does not exist', async () => {
    const stateDir = tempDir();
    const r = await openRecipeStore({ stateDir, seedDir: join(stateDir, 'nowhere'), fsync: false });
    expect(!r.ok && r.issues[0]?.code).toBe('recipe-seeds');
  });
});

describe('versions', () => {
  it('a put stores the next version and keeps every earlier one', async () => {
    const store = await open({ stateDir: tempDir() });
    const std = seed('BOND-STD');
    const v2 = value(
      await store.put({ ...std, params: { ...std.params, bonder: { ...std.params.bonder, bowUm: 40 } } }),
    );
    expect(v2.version).toBe(2);
    expect(await store.versions('BOND-STD')).toEqual([1, 2]);
    expect(value(await store.get('BOND-STD')).params.bonder.bowUm).toBe(40);
    expect(value(await store.get('BOND-STD', 1)).params.bonder.bowUm).toBe(30);
    expect(value(await store.text('BOND-STD')).text).toBe(recipeToYaml(v2));
    const missing = await store.get('BOND-STD', 3);
    expect(!missing.ok && missing.issues[0]).toEqual({
      code: 'version-not-found',
      message: 'recipe BOND-STD has no version 3',
    });
  });

  it('numbers a new name from 1 and replaces a version given in the text', async () => {
    const store = await open({ stateDir: tempDir() });
    expect(value(await store.putText('name: NEW-1\nversion: 9\n', 'NEW-1.yaml')).version).toBe(1);
    expect(value(await store.putText('name: NEW-1\nversion: 9\n', 'NEW-1.yaml')).version).toBe(2);
    expect(await store.list()).toEqual([...SHIPPED, 'NEW-1'].sort());
  });

  it('puts asked for together get distinct, consecutive versions', async () => {
    const store = await open({ stateDir: tempDir() });
    const std = seed('BOND-STD');
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => store.put({ ...std, description: `edit ${i}` })),
    );
    expect(results.map((r) => r.ok && r.value.version)).toEqual([2, 3, 4, 5, 6]);
    expect(await store.versions('BOND-STD')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(value(await store.get('BOND-STD')).description).toBe('edit 5');
  });

  it('a delete removes the current recipe and keeps its history; a new put continues the numbering', async () => {
    const store = await open({ stateDir: tempDir() });
    value(await store.put(seed('BOND-STD')));
    expect(await store.delete('BOND-STD')).toBe(true);
    expect(await store.delete('BOND-STD')).toBe(false);
    expect(await store.list()).toEqual(['CLEAN-LONG', 'INSPECT-FULL']);
    const gone = await store.get('BOND-STD');
    expect(!gone.ok && gone.issues[0]).toEqual({
      code: 'recipe-not-found',
      message: 'no recipe named BOND-STD',
    });
    expect(await store.versions('BOND-STD')).toEqual([1, 2]);
    expect(value(await store.put(seed('BOND-STD'))).version).toBe(3);
  });

  it('names that cannot be recipes find nothing and change nothing', async () => {
    const store = await open({ stateDir: tempDir() });
    const r = await store.get('../recipes/BOND-STD');
    expect(!r.ok && r.issues[0]?.code).toBe('recipe-not-found');
    expect(await store.delete('.versions')).toBe(false);
    expect(await store.versions('..')).toEqual([]);
  });
});

describe('refusals and failures', () => {
  it('a refused recipe leaves the stored one untouched', async () => {
    const stateDir = tempDir();
    const store = await open({ stateDir });
    const before = snapshot(join(stateDir, 'recipes'));
    const text = 'name: BOND-STD\nmodules:\n  plasma:\n    rfPowerW: 1500\n';
    expect(await store.putText(text, 'upload.yaml')).toEqual({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          message: 'upload.yaml:4:5: modules.plasma.rfPowerW: 1500 W is above the maximum 1000 W',
          path: 'modules.plasma.rfPowerW',
        },
      ],
    });
    const std = seed('BOND-STD');
    const bad = await store.put({
      ...std,
      params: { ...std.params, clean: { ...std.params.clean, spinRpm: 5000 } },
    });
    expect(!bad.ok && bad.issues[0]?.message).toBe(
      'recipe BOND-STD: modules.clean.spinRpm: 5000 rpm is above the maximum 4000 rpm',
    );
    expect(snapshot(join(stateDir, 'recipes'))).toEqual(before);
  });

  it('a write that fails part-way keeps the stored recipe whole; the next put takes a fresh number', async () => {
    const stateDir = tempDir();
    let failCurrent = true;
    const store = await open({
      stateDir,
      // History is written first; the current file's replacement fails as a full disk would.
      writeFile: async (path, text) => {
        if (failCurrent && path.endsWith(join('recipes', 'BOND-STD.yaml'))) throw new Error('ENOSPC');
        await writeFileAtomic(path, text, { fsync: false });
      },
    });
    const std = seed('BOND-STD');
    await expect(store.put({ ...std, description: 'lost' })).rejects.toThrow('ENOSPC');
    expect(value(await store.get('BOND-STD'))).toEqual({ ...std, version: 1 });
    failCurrent = false;
    expect(value(await store.put({ ...std, description: 'kept' })).version).toBe(3);
    expect(value(await store.get('BOND-STD')).description).toBe('kept');
    expect(tempFilesUnder(join(stateDir, 'recipes'))).toEqual([]);
  });

  it('leaves no temporary files behind after atomic writes', async () => {
    const stateDir = tempDir();
    const store = await open({ stateDir, fsync: true });
    for (let i = 0; i < 3; i++) value(await store.put({ ...seed('CLEAN-LONG'), description: `v${i}` }));
    expect(tempFilesUnder(join(stateDir, 'recipes'))).toEqual([]);
    expect(readdirSync(join(stateDir, 'recipes', '.versions', 'CLEAN-LONG')).sort()).toEqual([
      '1.yaml',
      '2.yaml',
      '3.yaml',
      '4.yaml',
    ]);
  });

  it('a stored file edited by hand into an invalid recipe is refused on read, with its position', async () => {
    const stateDir = tempDir();
    const store = await open({ stateDir });
    const path = join(stateDir, 'recipes', 'BOND-STD.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('rfPowerW:   300', 'rfPowerW:   3000'));
    const r = await store.get('BOND-STD');
    expect(!r.ok && r.issues[0]?.message).toMatch(
      /BOND-STD\.yaml:\d+:5: modules\.plasma\.rfPowerW: 3000 W is above the maximum 1000 W$/,
    );
    writeFileSync(path, 'name: OTHER\n');
    const renamed = await store.get('BOND-STD');
    expect(!renamed.ok && renamed.issues[0]?.code).toBe('name-mismatch');
  });

  it('a recipes folder removed under the store lists nothing and finds nothing', async () => {
    const store = await open({ stateDir: tempDir() });
    rmSync(store.dir, { recursive: true });
    expect(await store.list()).toEqual([]);
    expect(await store.versions('BOND-STD')).toEqual([]);
    expect((await store.get('BOND-STD')).ok).toBe(false);
  });
});
