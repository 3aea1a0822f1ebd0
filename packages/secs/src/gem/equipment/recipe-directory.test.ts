import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipeDirectory } from './recipe-directory.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-recipes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('recipeDirectory', () => {
  it('writes of one PPID asked for together all succeed and land in order: the last one stays', async () => {
    const recipes = recipeDirectory(dir);
    // Two S7F3 of the same PPID in flight at once (a host retrying, or two tool writes).
    const writes = Array.from({ length: 8 }, (_, i) => recipes.write('BOND-1', text(`v${i}`)));
    expect(await Promise.allSettled(writes)).toEqual(
      Array(8).fill({ status: 'fulfilled', value: undefined }),
    );
    expect(new TextDecoder().decode(await recipes.read('BOND-1'))).toBe('v7');
    expect(readdirSync(dir)).toEqual(['BOND-1']); // no temp file left behind
  });

  it('a remove asked for after a write removes what the write stored', async () => {
    const recipes = recipeDirectory(dir);
    const written = recipes.write('BOND-2', text('x'));
    const removed = recipes.remove('BOND-2');
    await written;
    expect(await removed).toBe(true);
    expect(await recipes.list()).toEqual([]);
  });

  it('refuses a PPID that is not a safe file name', async () => {
    await expect(recipeDirectory(dir).write('../x', text('x'))).rejects.toThrow(RangeError);
    expect(await recipeDirectory(dir).remove('../x')).toBe(false);
  });
});
