import { describe, expect, it } from 'vitest';
import { countCauses, dieMapOf, OFF_WAFER } from './die-map.js';

describe('die yield maps', () => {
  it('reads a [rows, cols] map of cause codes and counts the dies on the wafer by cause', () => {
    // 3 × 3, corners off the wafer: 5 dies, 2 good, 1 overlay, 1 void, 1 copper (counted by hand).
    const r = dieMapOf({ shape: [3, 3], dtype: 'u8', data: [255, 0, 255, 1, 0, 2, 255, 3, 255] });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.rows).toBe(3);
    expect(r.value.codes[0]).toBe(OFF_WAFER);
    expect(Object.fromEntries(countCauses(r.value))).toEqual({ 0: 2, 1: 1, 2: 1, 3: 1 });
  });

  it('refuses a map of another shape, a wrong element count, or elements that are no byte', () => {
    const bad = [
      { shape: [9], data: Array(9).fill(0) },
      { shape: [2, 2, 1], data: Array(4).fill(0) },
      { shape: [2, 2], data: [0, 0, 0] },
      { shape: [1, 2], data: [0, 'NaN'] },
      { shape: [1, 2], data: [0, 1.5] },
      { shape: [1, 2], data: [0, 256] },
    ];
    for (const m of bad) expect(dieMapOf({ dtype: 'u8', ...m }).ok, JSON.stringify(m)).toBe(false);
  });
});
