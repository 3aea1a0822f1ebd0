import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentStore, STORE_DOCUMENTS } from './document-store.js';
import { StoreError } from './store-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// One realistic value per persisted GEM item.
const samples: Record<string, unknown> = {
  [STORE_DOCUMENTS.equipmentConstants]: { 1001: 350.5, 1002: 'N2', 1003: true },
  [STORE_DOCUMENTS.reports]: {
    reports: [{ rptid: 10, vids: [1, 2, 3] }],
    links: [{ ceid: 100, rptids: [10] }],
    enabled: [100, 101],
  },
  [STORE_DOCUMENTS.alarmEnables]: [5001],
  [STORE_DOCUMENTS.controlDefault]: { remote: true },
  [STORE_DOCUMENTS.spool]: { active: true, startTime: 1_790_000_000_000, baseSeq: 12 },
  [STORE_DOCUMENTS.limits]: [{ vid: 7, limits: [{ id: 1, upper: 10, lower: 8 }] }],
};

describe('DocumentStore', () => {
  it('returns undefined for a document never written', async () => {
    expect(await (await DocumentStore.open(dir)).read('reports')).toBeUndefined();
  });

  it('keeps every kind of GEM document across a restart (new instance on the same directory)', async () => {
    const a = await DocumentStore.open(dir);
    for (const [name, v] of Object.entries(samples)) await a.write(name, v);
    const b = await DocumentStore.open(dir);
    for (const [name, v] of Object.entries(samples)) expect(await b.read(name)).toEqual(v);
  });

  it('a later write replaces the earlier one', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('alarm-enables', [1]);
    await s.write('alarm-enables', [1, 2]);
    expect(await (await DocumentStore.open(dir)).read('alarm-enables')).toEqual([1, 2]);
  });

  it('a crash mid-write (truncated temp file left behind) keeps the previous state and cleans the debris', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('equipment-constants', { 1001: 350 });
    const full = readFileSync(join(dir, 'equipment-constants.json'));
    // The interrupted write of the next value got only half its bytes into the temp file.
    // Named as core's writeFileAtomic names its temp files (`.name.<pid>.<8 hex>.tmp`).
    const debris = '.equipment-constants.json.4242.0a1b2c3d.tmp';
    writeFileSync(join(dir, debris), full.subarray(0, full.length >> 1));
    const after = await DocumentStore.open(dir);
    expect(await after.read('equipment-constants')).toEqual({ 1001: 350 });
    expect(() => readFileSync(join(dir, debris))).toThrow(/ENOENT/);
  });

  it('reports a truncated document as corrupt-document, never as "not written"', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('reports', samples.reports);
    const path = join(dir, 'reports.json');
    writeFileSync(path, readFileSync(path).subarray(0, 20));
    const err = await catchStoreError(() => s.read('reports'));
    expect(err.code).toBe('corrupt-document');
    expect(err.document).toBe('reports');
    expect(err.message).toContain('not valid JSON');
  });

  it('detects an altered value through the checksum', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('control-default', 'online-remote');
    const path = join(dir, 'control-default.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('online-remote', 'online-local'));
    expect((await catchStoreError(() => s.read('control-default'))).message).toContain('checksum');
  });

  it('refuses a future format version and a foreign file', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('limits', []);
    const path = join(dir, 'limits.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"version": 1', '"version": 2'));
    expect((await catchStoreError(() => s.read('limits'))).code).toBe('unsupported-version');
    writeFileSync(path, '{"hello": 1}');
    expect((await catchStoreError(() => s.read('limits'))).code).toBe('corrupt-document');
  });

  it('delete removes a document; undefined is refused as a value', async () => {
    const s = await DocumentStore.open(dir);
    await s.write('limits', [1]);
    await s.delete('limits');
    expect(await s.read('limits')).toBeUndefined();
    expect(() => s.write('limits', undefined)).toThrow(TypeError);
  });

  it('writes of one document land in the order asked for, each whole; a read sees the writes before it', async () => {
    const s = await DocumentStore.open(dir);
    // Not awaited one by one: all 40 are in flight together, as saves from several handlers can be.
    const writes = Array.from({ length: 40 }, (_, i) => s.write('equipment-constants', { 1001: i }));
    const read = s.read('equipment-constants');
    await Promise.all(writes);
    expect(await read).toEqual({ 1001: 39 });
    expect(await (await DocumentStore.open(dir)).read('equipment-constants')).toEqual({ 1001: 39 });
  });

  it('does no file I/O inside the call: the write runs on the thread pool and resolves once durable', async () => {
    const s = await DocumentStore.open(dir);
    const written = s.write('limits', [1]);
    expect(readdirSync(dir)).toEqual([]); // neither the document nor a temp file yet
    await written;
    expect(existsSync(join(dir, 'limits.json'))).toBe(true);
  });

  it('takes the value at the call: a change to it afterwards is not written', async () => {
    const s = await DocumentStore.open(dir);
    const value = { 1001: 1 };
    const written = s.write('equipment-constants', value);
    value[1001] = 2;
    await written;
    expect(await s.read('equipment-constants')).toEqual({ 1001: 1 });
  });

  it('rejects document names that are not kebab-case file names', async () => {
    const s = await DocumentStore.open(dir);
    expect(() => s.write('../x', 1)).toThrow(RangeError);
  });
});

async function catchStoreError(fn: () => Promise<unknown>): Promise<StoreError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}
