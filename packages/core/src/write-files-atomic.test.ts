import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomic } from './write-files-atomic.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'core-set-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFilesAtomic', () => {
  it('writes every file, replacing old ones, and leaves no temp file', async () => {
    writeFileSync(join(dir, 'a.csv'), 'old');
    const r = await writeFilesAtomic([
      { path: join(dir, 'a.csv'), data: 'x,y\n' },
      { path: join(dir, 'b.png'), data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(r).toEqual({ ok: true, value: undefined });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('x,y\n');
    expect([...readFileSync(join(dir, 'b.png'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.png']);
  });

  it('a file that cannot be staged leaves every path as it was and no temp file', async () => {
    writeFileSync(join(dir, 'a.csv'), 'old');
    const r = await writeFilesAtomic([
      { path: join(dir, 'a.csv'), data: 'new', what: '--csv' },
      { path: join(dir, 'gone', 'b.png'), data: 'png', what: '--map' },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ code: 'output-write-failed', path: '--map' });
      expect(r.issues[0]?.message).toBe(`--map ${join(dir, 'gone', 'b.png')}: cannot be written (ENOENT)`);
    }
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('a rename refused after staging removes the temp files not yet renamed', async () => {
    // A non-empty folder under the second name: staging works, renaming over it does not.
    mkdirSync(join(dir, 'b.png'));
    writeFileSync(join(dir, 'b.png', 'keep'), '');
    const r = await writeFilesAtomic([
      { path: join(dir, 'a.csv'), data: 'new' },
      { path: join(dir, 'b.png'), data: 'png' },
    ]);
    expect(!r.ok && r.issues[0]?.message).toMatch(/b\.png: cannot be written \((EISDIR|ENOTEMPTY|EEXIST)\)$/);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.png']);
    expect(readdirSync(join(dir, 'b.png'))).toEqual(['keep']);
  });
});
