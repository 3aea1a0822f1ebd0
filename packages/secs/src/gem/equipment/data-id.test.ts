import { describe, expect, it } from 'vitest';
import { DATAID_BLOCK, DataIdCounter } from './data-id.js';

describe('DATAID counter', () => {
  it('counts from 1 and saves a mark one block ahead, renewed when half a block is left', () => {
    const marks: number[] = [];
    const c = new DataIdCounter((m) => marks.push(m), 10);
    c.resumeAfter(0);
    expect(marks).toEqual([10]);
    const ids = Array.from({ length: 12 }, () => c.next());
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Renewed at 6 (4 left) and at 12; no id ever exceeds the mark saved before it was handed out.
    expect(marks).toEqual([10, 16, 22]);
    expect(c.mark).toBe(22);
  });

  it('resumes above the saved mark after a restart, never repeating an id', () => {
    const saved: number[] = [];
    const before = new DataIdCounter((m) => saved.push(m), 10);
    before.resumeAfter(0);
    const first = Array.from({ length: 7 }, () => before.next());
    const after = new DataIdCounter((m) => saved.push(m), 10);
    after.resumeAfter(saved[saved.length - 1]!);
    const second = Array.from({ length: 7 }, () => after.next());
    expect(second[0]).toBe(17);
    expect(new Set([...first, ...second]).size).toBe(14);
  });

  it('writes about once per half block at the default size', () => {
    let writes = 0;
    const c = new DataIdCounter(() => writes++);
    c.resumeAfter(0);
    for (let i = 0; i < 5 * DATAID_BLOCK; i++) c.next();
    expect(writes).toBe(1 + 9); // the first mark, then one per 5,001 ids
  });

  it('wraps after 2^32-1 to 1, skipping 0', () => {
    const c = new DataIdCounter(() => {}, 10);
    c.resumeAfter(0xffffffff - 1);
    expect([c.next(), c.next(), c.next()]).toEqual([0xffffffff, 1, 2]);
  });

  it('reserves on first use when nothing was resumed (equipment without a store)', () => {
    const marks: number[] = [];
    const c = new DataIdCounter((m) => marks.push(m), 10);
    expect(c.next()).toBe(1);
    expect(marks).toEqual([11]);
  });
});
