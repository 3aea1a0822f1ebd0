import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextFile } from './read-text-file.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'core-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads UTF-8 text without its byte-order mark', async () => {
    const p = join(dir, 'a.txt');
    writeFileSync(p, Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]));
    expect(await readTextFile(p)).toEqual({ ok: true, value: 'hi' });
  });

  it('names a missing file, a folder and a file over the size bound', async () => {
    const missing = await readTextFile(join(dir, 'no.txt'));
    expect(!missing.ok && missing.issues[0]).toMatchObject({ code: 'file-not-found' });
    const folder = await readTextFile(dir);
    expect(!folder.ok && folder.issues[0]).toMatchObject({ code: 'not-a-file' });
    const p = join(dir, 'big.txt');
    writeFileSync(p, 'x'.repeat(100));
    const big = await readTextFile(p, { maxBytes: 10 });
    expect(!big.ok && big.issues[0]?.message).toBe(`${p}: 100 bytes is larger than the 10 bytes allowed`);
  });
});
