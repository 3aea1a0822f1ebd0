import { describe, expect, it } from 'vitest';
import { createProgress, renderBar } from './progress.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 80, write: (s: string) => chunks.push(s) } };
}

describe('createProgress', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const { chunks, stream } = fakeStream(false);
    let t = 0;
    const p = createProgress('mc', 10, { stream, now: () => t });
    t = 5000;
    p.update(5);
    p.finish();
    expect(chunks).toEqual([]);
  });

  it('draws nothing for a run shorter than a second', () => {
    const { chunks, stream } = fakeStream(true);
    let t = 0;
    const p = createProgress('mc', 10, { stream, now: () => t });
    t = 900;
    p.update(9);
    p.finish();
    expect(chunks).toEqual([]);
  });

  it('draws after a second, throttles redraws and erases the line at the end', () => {
    const { chunks, stream } = fakeStream(true);
    let t = 0;
    const p = createProgress('mc', 200, { stream, now: () => t, unit: 'wafers' });
    t = 1000;
    p.update(50);
    t = 1050;
    p.update(60); // within 100 ms of the last draw
    t = 1200;
    p.update(100);
    p.finish();
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toContain(' 25% 50/200 wafers, 3 s left');
    expect(chunks[1]).toContain(' 50% 100/200 wafers');
    expect(chunks[2]).toBe('\r\x1b[K');
  });
});

describe('renderBar', () => {
  it('fills the bar in proportion', () => {
    const s = renderBar('x', 1, 4, 1000, '', 80);
    const bar = /\[(#*)(-*)\]/.exec(s)!;
    expect(bar[1]!.length / (bar[1]!.length + bar[2]!.length)).toBeCloseTo(0.25, 1);
    expect(s).toContain('3 s left');
  });
});
