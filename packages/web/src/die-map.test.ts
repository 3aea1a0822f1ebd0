import { describe, expect, it } from 'vitest';
import { countCauses, dieAspect, dieMapOf, OFF_WAFER } from './die-map.js';

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

  it("reads the dies' aspect from the round wafer they cover", () => {
    // A round wafer of 100 mm under dies 10 mm wide and 5 mm tall spans 10 columns and 20 rows.
    const rows = 20;
    const cols = 10;
    const data: number[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++)
        data.push(Math.hypot((c + 0.5) * 10 - 50, (r + 0.5) * 5 - 50) <= 50 ? 0 : OFF_WAFER);
    const m = dieMapOf({ shape: [rows, cols], dtype: 'u8', data });
    if (!m.ok) throw new Error(m.message);
    expect(dieAspect(m.value)).toBe(2);
    const none = dieMapOf({ shape: [2, 2], dtype: 'u8', data: [255, 255, 255, 255] });
    if (!none.ok) throw new Error(none.message);
    expect(dieAspect(none.value)).toBe(1);
  });
});
