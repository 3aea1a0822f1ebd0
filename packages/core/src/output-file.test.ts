import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputPath, isTempFileName, tempPathBeside, writeFileAtomic } from './output-file.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'core-out-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('checkOutputPath', () => {
  it('accepts a new file in an existing folder', async () => {
    expect(await checkOutputPath(join(dir, 'map.png'), '--map')).toEqual({
      ok: true,
      value: join(dir, 'map.png'),
    });
  });

  it('refuses a folder, a missing folder, naming the option', async () => {
    mkdirSync(join(dir, 'sub'));
    const asDir = await checkOutputPath(join(dir, 'sub'), '--csv');
    expect(!asDir.ok && asDir.issues[0]).toMatchObject({ code: 'output-is-directory', path: '--csv' });
    const missing = await checkOutputPath(join(dir, 'nope', 'x.csv'), '--csv');
    expect(!missing.ok && missing.issues[0]?.code).toBe('output-dir-missing');
    expect(!missing.ok && missing.issues[0]?.message).toMatch(/^--csv .*nope.*does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder that is not writable', async () => {
    chmodSync(dir, 0o555);
    const r = await checkOutputPath(join(dir, 'x.csv'), '--csv');
    expect(!r.ok && r.issues[0]?.code).toBe('output-not-writable');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file', async () => {
    const p = join(dir, 'a.json');
    writeFileSync(p, 'old');
    await writeFileAtomic(p, 'new');
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('on failure leaves the old file as it was and no temp file', async () => {
    const p = join(dir, 'a.json');
    writeFileSync(p, 'old');
    mkdirSync(join(dir, 'target'));
    // Renaming a file over a non-empty folder fails after the temp file was written.
    writeFileSync(join(dir, 'target', 'keep'), '');
    await expect(writeFileAtomic(join(dir, 'target'), 'new')).rejects.toThrow();
    expect(readFileSync(p, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'target']);
  });
});

describe('isTempFileName', () => {
  it('knows the temp files of the atomic writes, and nothing a user would name a file', () => {
    expect(isTempFileName(basename(tempPathBeside(join(dir, 'reports.json'))))).toBe(true);
    expect(isTempFileName(basename(tempPathBeside(join(dir, '.hidden'))))).toBe(true);
    for (const name of [
      'reports.json',
      'reports.json.tmp',
      '.reports.json.tmp',
      'a.1.0a1b2c3d.tmp',
      '.a.1.0A1B2C3D.tmp',
    ])
      expect(isTempFileName(name)).toBe(false);
  });
});
