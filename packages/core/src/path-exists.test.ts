import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathExists } from './path-exists.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'core-exists-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pathExists', () => {
  it('is true for a file and a folder, false for a missing entry', async () => {
    writeFileSync(join(dir, 'a.txt'), 'a');
    mkdirSync(join(dir, 'sub'));
    expect(await pathExists(join(dir, 'a.txt'))).toBe(true);
    expect(await pathExists(join(dir, 'sub'))).toBe(true);
    expect(await pathExists(join(dir, 'none'))).toBe(false);
  });

  it('throws on a failure other than a missing entry (a file used as a folder)', async () => {
    writeFileSync(join(dir, 'a.txt'), 'a');
    await expect(pathExists(join(dir, 'a.txt', 'b'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});
