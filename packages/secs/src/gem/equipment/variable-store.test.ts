// The item cache of VariableStore must never serve a stale value: every write path invalidates it,
// and builtins (computed on read) are never cached.
import { describe, expect, it } from 'vitest';
import { exampleModel } from './test-rig.js';
import { VariableStore } from './variable-store.js';

describe('VariableStore items', () => {
  it('set() and setConstants() replace the cached item; builtins are read every time', () => {
    let control = 1;
    const vars = new VariableStore(exampleModel(), (b) => (b === 'control-state' ? control : 0));
    // ChamberPressure (10) is F8 1.0e-3 in examples/equipment.yaml.
    const first = vars.item(10);
    expect(first).toEqual({ format: 'F8', value: Float64Array.of(1e-3) });
    expect(vars.item(10)).toBe(first); // cached: same instance
    vars.set(10, 2.5);
    expect(vars.item(10)).toEqual({ format: 'F8', value: Float64Array.of(2.5) });
    expect(vars.item(2)).toEqual({ format: 'U1', value: Uint8Array.of(1) });
    control = 5;
    expect(vars.item(2)).toEqual({ format: 'U1', value: Uint8Array.of(5) });
    const ec = vars.constantIds()[0]!;
    const before = vars.item(ec);
    const def = vars.constant(ec)!;
    const next = typeof def.default === 'number' ? (def.max ?? def.default + 1) : def.default;
    vars.setConstants(new Map([[ec, next]]));
    expect(vars.get(ec)).toBe(next);
    expect(next).not.toBe(def.default);
    expect(vars.item(ec)).not.toBe(before);
    expect((vars.item(ec).value as ArrayLike<unknown>)[0]).toBe(next);
    expect(vars.item(99_999)).toEqual({ format: 'L', value: [] });
  });
});
