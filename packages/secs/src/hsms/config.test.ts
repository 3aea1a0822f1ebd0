import { describe, expect, it } from 'vitest';
import { DEFAULT_HSMS_CONFIG, resolveHsmsConfig } from './config.js';
import { HsmsError } from './errors.js';

describe('resolveHsmsConfig', () => {
  it('uses the E37 defaults from docs/secs.md §1.4 (T3 45 s, T5 10 s, T6 5 s, T7 10 s, T8 5 s)', () => {
    const c = resolveHsmsConfig({ sessionId: 7 });
    expect(c).toMatchObject({
      sessionId: 7,
      t3Ms: 45_000,
      t5Ms: 10_000,
      t6Ms: 5_000,
      t7Ms: 10_000,
      t8Ms: 5_000,
    });
    expect(c.linktestMs).toBe(0);
    expect(DEFAULT_HSMS_CONFIG.maxMessageBytes).toBe(16 * 1024 * 1024);
  });

  it.each([
    ['t3Ms', 999, 'T3', '1-120 s'],
    ['t3Ms', 120_001, 'T3', '1-120 s'],
    ['t5Ms', 240_001, 'T5', '1-240 s'],
    ['t6Ms', 0, 'T6', '1-240 s'],
    ['t7Ms', Number.NaN, 'T7', '1-240 s'],
    ['t8Ms', 121_000, 'T8', '1-120 s'],
  ] as const)('refuses %s = %d naming %s and its range', (key, value, name, range) => {
    let err: unknown;
    try {
      resolveHsmsConfig({ [key]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HsmsError);
    expect((err as HsmsError).code).toBe('invalid-config');
    expect((err as HsmsError).message).toContain(name);
    expect((err as HsmsError).message).toContain(range);
  });

  it('accepts the range ends', () => {
    expect(resolveHsmsConfig({ t3Ms: 1000, t5Ms: 240_000, t8Ms: 120_000 }).t3Ms).toBe(1000);
  });

  it('refuses a bad session id, linktest period and size limit', () => {
    expect(() => resolveHsmsConfig({ sessionId: 0xffff })).toThrow(/sessionId/);
    expect(() => resolveHsmsConfig({ linktestMs: 10 })).toThrow(/linktestMs/);
    expect(() => resolveHsmsConfig({ maxMessageBytes: 9 })).toThrow(/maxMessageBytes/);
  });

  it('bounds the outbound side: 32 MiB, 1 MiB high-water mark, 10 s stall; derived from a changed maxMessageBytes', () => {
    expect(resolveHsmsConfig({})).toMatchObject({
      maxOutboundBytes: 32 * 1024 * 1024,
      outboundHighWaterBytes: 1024 * 1024,
      outboundStallMs: 10_000,
    });
    expect(resolveHsmsConfig({ maxMessageBytes: 64 * 1024 * 1024 }).maxOutboundBytes).toBe(128 * 1024 * 1024);
    expect(resolveHsmsConfig({ maxMessageBytes: 1000 })).toMatchObject({
      maxOutboundBytes: 2000,
      outboundHighWaterBytes: 1000,
    });
  });

  it('refuses an outbound bound below one largest frame, a mark at or over it, a stall outside 1-240 s', () => {
    expect(() => resolveHsmsConfig({ maxMessageBytes: 1000, maxOutboundBytes: 1003 })).toThrow(
      /maxOutboundBytes 1003 .* maxMessageBytes \+ 4 = 1004/,
    );
    expect(resolveHsmsConfig({ maxMessageBytes: 1000, maxOutboundBytes: 1004 }).maxOutboundBytes).toBe(1004);
    expect(() => resolveHsmsConfig({ maxOutboundBytes: 1 << 26, outboundHighWaterBytes: 1 << 26 })).toThrow(
      /outboundHighWaterBytes/,
    );
    expect(() => resolveHsmsConfig({ outboundStallMs: 999 })).toThrow(/outboundStallMs 999 ms .* 1-240 s/);
    expect(() => resolveHsmsConfig({ outboundStallMs: 240_001 })).toThrow(/outboundStallMs/);
  });

  it('bounds what an unanswering or flooding peer may cost: 10,000 open transactions, 1,000 primaries in progress', () => {
    expect(resolveHsmsConfig({})).toMatchObject({
      maxOpenTransactions: 10_000,
      maxPrimariesInProgress: 1_000,
    });
    expect(() => resolveHsmsConfig({ maxOpenTransactions: 0 })).toThrow(/maxOpenTransactions 0/);
    expect(() => resolveHsmsConfig({ maxPrimariesInProgress: 1.5 })).toThrow(/maxPrimariesInProgress 1.5/);
  });
});
