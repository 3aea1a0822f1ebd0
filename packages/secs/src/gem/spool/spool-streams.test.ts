import { describe, expect, it } from 'vitest';
import { checkSpoolStreams, isSpooled, STRACK } from './spool-streams.js';

// The equipment in this test knows streams 2, 5, 6 with functions 1..99 of stream 6 and 1 of stream 5.
const known = (s: number, f?: number): boolean =>
  f === undefined ? [1, 2, 5, 6].includes(s) : s === 6 ? f < 100 : s === 5 ? f === 1 : true;

describe('S2F43 spool selection', () => {
  it('accepts per-stream function lists and "all functions"', () => {
    const r = checkSpoolStreams(
      [
        { stream: 6, functions: [] },
        { stream: 5, functions: [1] },
      ],
      known,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isSpooled(r.selection, 6, 11)).toBe(true);
    expect(isSpooled(r.selection, 6, 12)).toBe(false); // a secondary is never spooled
    expect(isSpooled(r.selection, 5, 1)).toBe(true);
    expect(isSpooled(r.selection, 5, 3)).toBe(false);
    expect(isSpooled(r.selection, 2, 1)).toBe(false);
  });

  it('rejects stream 1, unknown streams and functions, and secondaries, with the E5 STRACK of each', () => {
    const r = checkSpoolStreams(
      [
        { stream: 1, functions: [] },
        { stream: 9, functions: [] },
        { stream: 6, functions: [11, 201] },
        { stream: 5, functions: [2] },
      ],
      known,
    );
    expect(r).toEqual({
      ok: false,
      rejections: [
        { stream: 1, strack: STRACK.notAllowed, functions: [] },
        { stream: 9, strack: STRACK.unknownStream, functions: [] },
        { stream: 6, strack: STRACK.unknownFunction, functions: [201] },
        { stream: 5, strack: STRACK.secondaryFunction, functions: [2] },
      ],
    });
    expect([
      STRACK.notAllowed,
      STRACK.unknownStream,
      STRACK.unknownFunction,
      STRACK.secondaryFunction,
    ]).toEqual([1, 2, 3, 4]);
  });

  it('an empty request turns spooling off', () => {
    const r = checkSpoolStreams([], known);
    expect(r.ok && r.selection.size).toBe(0);
  });
});
