import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeadFile } from './spool-head.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-head-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('spool head file', async () => {
  it('reads back the last head written', async () => {
    const path = join(dir, 'h.bin');
    const h = await HeadFile.open(path, true);
    expect(h.initial).toBeUndefined();
    await h.write({ generation: 0, offset: 25 });
    await h.write({ generation: 0, offset: 50 });
    await h.write({ generation: 3, offset: 75 });
    await h.close();
    const again = await HeadFile.open(path, true);
    expect(again.initial).toEqual({ generation: 3, offset: 75 });
    await again.close();
  });

  it('a torn write of the newest slot falls back to the previous head', async () => {
    const path = join(dir, 'h.bin');
    const h = await HeadFile.open(path, false);
    await h.write({ generation: 0, offset: 25 }); // epoch 1 -> slot 1
    await h.write({ generation: 0, offset: 50 }); // epoch 2 -> slot 0
    await h.close();
    const b = readFileSync(path);
    b[16] = (b[16] ?? 0) ^ 0xff; // damage the offset of slot 0 (its CRC no longer matches)
    writeFileSync(path, b);
    const again = await HeadFile.open(path, false);
    expect(again.initial).toEqual({ generation: 0, offset: 25 });
    await again.close();
  });
});
