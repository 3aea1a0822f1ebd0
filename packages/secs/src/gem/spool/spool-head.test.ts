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

describe('spool head file', () => {
  it('reads back the last head written', () => {
    const path = join(dir, 'h.bin');
    const h = HeadFile.open(path, true);
    expect(h.initial).toBeUndefined();
    h.write({ generation: 0, offset: 25 });
    h.write({ generation: 0, offset: 50 });
    h.write({ generation: 3, offset: 75 });
    h.close();
    const again = HeadFile.open(path, true);
    expect(again.initial).toEqual({ generation: 3, offset: 75 });
    again.close();
  });

  it('a torn write of the newest slot falls back to the previous head', () => {
    const path = join(dir, 'h.bin');
    const h = HeadFile.open(path, false);
    h.write({ generation: 0, offset: 25 }); // epoch 1 -> slot 1
    h.write({ generation: 0, offset: 50 }); // epoch 2 -> slot 0
    h.close();
    const b = readFileSync(path);
    b[16] = (b[16] ?? 0) ^ 0xff; // damage the offset of slot 0 (its CRC no longer matches)
    writeFileSync(path, b);
    const again = HeadFile.open(path, false);
    expect(again.initial).toEqual({ generation: 0, offset: 25 });
    again.close();
  });
});
