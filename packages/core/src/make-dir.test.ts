import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDir } from './make-dir.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('makeDir', () => {
  it('makes the missing folders, and does nothing for a folder that is there', async () => {
    dir = await mkdtemp(join(tmpdir(), 'make-dir-'));
    const deep = join(dir, 'a', 'b', 'c');
    await makeDir(deep);
    expect((await stat(deep)).isDirectory()).toBe(true);
    await makeDir(deep);
    await Promise.all([makeDir(join(dir, 'x', 'y')), makeDir(join(dir, 'x', 'z'))]);
    expect((await stat(join(dir, 'x', 'z'))).isDirectory()).toBe(true);
  });

  it('refuses a path through a file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'make-dir-'));
    await writeFile(join(dir, 'f'), '');
    await expect(makeDir(join(dir, 'f', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(process.platform === 'linux')(
    'settles with ENOENT under a folder that refuses children (Node 20 recursive mkdir never settles there)',
    async () => {
      await expect(makeDir('/proc/bondline-make-dir-test/x')).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});
