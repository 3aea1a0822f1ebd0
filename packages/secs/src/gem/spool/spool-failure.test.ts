// A spool whose disk fails (issue 9): the failure is a StoreError heard once through `onFailure`,
// never an uncaught error or an unhandled rejection (vitest fails the run on those); every append is
// answered (`storage-failed`), S6F23 gets RSDA 1 and S2F43 STRACK 1, close resolves, and what was on
// disk before the failure is delivered after reopening. The file system is the real one behind a thin
// fake layer that fails the chosen operations with EIO/ENOENT, as a full or broken disk would.
import { mkdtempSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreError } from '../store/store-error.js';
import { RSDA, Spool } from './spool.js';
import type { SpoolMessage } from './spool-record.js';

// Which operations fail: writes to files whose name matches `writes`, opens of names matching `opens`.
const faults = vi.hoisted(() => ({
  writes: undefined as RegExp | undefined,
  opens: undefined as RegExp | undefined,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const failure = (code: string, syscall: string, path: string): Error =>
    Object.assign(new Error(`${code}: injected failure, ${syscall} '${path}'`), { code, syscall, path });
  // The real handle, with `write` failing while `faults.writes` names its file.
  const faulty = (fh: FileHandle, path: string): FileHandle =>
    new Proxy(fh, {
      get(target, prop) {
        if (prop === 'write' && faults.writes?.test(path) === true)
          return () => Promise.reject(failure('EIO', 'write', path));
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  const open = async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
    const path = String(args[0]);
    if (faults.opens?.test(path) === true) throw failure('ENOENT', 'open', path);
    return faulty(await real.open(...args), path);
  };
  return { ...real, open, default: { ...real, open } };
});

let dir: string;
let spool: Spool | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-spool-failure-'));
  faults.writes = undefined;
  faults.opens = undefined;
});
afterEach(async () => {
  faults.writes = undefined;
  faults.opens = undefined;
  await spool?.close();
  spool = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function event(id: number): SpoolMessage {
  const body = new Uint8Array(6);
  body.set([0xb1, 4]);
  new DataView(body.buffer).setUint32(2, id);
  return { stream: 6, function: 11, wBit: true, body };
}
const idOf = (m: SpoolMessage): number => new DataView(m.body.buffer, m.body.byteOffset).getUint32(2);
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

async function openSpool(): Promise<{ s: Spool; failures: StoreError[] }> {
  const s = await Spool.open({ dir, maxMessages: 1000, maxBytes: 1 << 20, policy: 'overwrite', sync: false });
  spool = s;
  const failures: StoreError[] = [];
  s.onFailure((e) => failures.push(e));
  if (s.streams.length === 0)
    expect(await s.setStreams([{ stream: 6, functions: [11] }])).toEqual({ ok: true });
  return { s, failures };
}

/** Poll (with a deadline) until `cond` holds: the failure is told after the operation that met it. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('spool storage failures', () => {
  it('a segment write that fails: every append answered storage-failed, one failure told, the spool refuses the rest', async () => {
    const { s, failures } = await openSpool();
    for (let id = 0; id < 10; id++) expect((await s.append(event(id))).spooled).toBe(true);
    faults.writes = /spool-\d+\.seg$/;
    const lost = await Promise.all(range(10, 20).map((id) => s.append(event(id))));
    expect(lost).toEqual(Array(10).fill({ spooled: false, reason: 'storage-failed' }));
    await until(() => failures.length > 0, 'the failure told');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(StoreError);
    expect(failures[0]?.code).toBe('io-error');
    expect(failures[0]?.message).toMatch(/spool append in .*EIO/);
    expect(s.failed).toBe(failures[0]);
    // Only what reached the disk is held; new messages are refused and counted, not thrown.
    expect(s.countActual).toBe(10);
    expect(await s.append(event(20))).toEqual({ spooled: false, reason: 'storage-failed' });
    expect(s.stats.refusedFailed).toBe(1);
    expect(s.stats.pendingAppends).toBe(0);
    expect(s.startTransmit()).toBe(RSDA.busy);
    expect(await s.purge()).toBe(RSDA.busy);
    expect(await s.setStreams([{ stream: 5, functions: [] }])).toEqual({
      ok: false,
      rejections: [{ stream: 5, strack: 1, functions: [] }],
    });
    await expect(s.flush()).rejects.toBe(failures[0]);
    await s.close(); // resolves: the failure was told already
    expect(failures).toHaveLength(1);
    // The disk works again: reopening recovers what was written before the failure.
    faults.writes = undefined;
    const again = await openSpool();
    expect(again.s.startTransmit()).toBe(RSDA.ok);
    const got: number[] = [];
    for await (const m of again.s.messages()) {
      got.push(idOf(m));
      await again.s.ack();
    }
    expect(got).toEqual(range(0, 10));
  });

  it('a head write that fails during delivery: ack rejects with the failure, told once, delivery can stop', async () => {
    const { s, failures } = await openSpool();
    for (let id = 0; id < 5; id++) await s.append(event(id));
    expect(s.startTransmit()).toBe(RSDA.ok);
    expect(idOf((await s.peek()) ?? event(-1))).toBe(0);
    faults.writes = /spool-head\.bin$/;
    const acked = s.ack();
    await expect(acked).rejects.toBeInstanceOf(StoreError);
    await until(() => failures.length > 0, 'the failure told');
    expect(failures).toHaveLength(1);
    await expect(s.peek()).rejects.toBe(failures[0]);
  });

  it('a generation switch that cannot create its segment (the directory gone): purge answers busy, the failure is told', async () => {
    const { s, failures } = await openSpool();
    for (let id = 0; id < 5; id++) await s.append(event(id));
    faults.opens = /spool-1\.seg$/;
    expect(await s.purge()).toBe(RSDA.busy);
    await until(() => failures.length > 0, 'the failure told');
    expect(failures[0]?.message).toMatch(/generation switch .*ENOENT/);
    expect(await s.append(event(5))).toEqual({ spooled: false, reason: 'storage-failed' });
    await s.close();
  });
});
