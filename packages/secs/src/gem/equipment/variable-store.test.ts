// The item cache of VariableStore must never serve a stale value: every write path invalidates it,
// and builtins (computed on read) are never cached.
import { describe, expect, it } from 'vitest';
import { exampleModel } from './test-rig.test-util.js';
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
    // A numeric SV may hold an array of its format (E5 items are arrays).
    vars.set(10, [1, 2.5]);
    expect(vars.item(10)).toEqual({ format: 'F8', value: Float64Array.of(1, 2.5) });
  });
});

describe('VariableStore constant checks', () => {
  it('constantProblem gives the S2F15 reasons for a value set at the tool', () => {
    const vars = new VariableStore(exampleModel(), () => 0);
    // BondForceSetpoint 1000: F8 100..50000; AlignmentRetries 1002: U1 0..5; TimeFormat 1014: U1 0..2.
    expect(vars.constantProblem(1000, 25000)).toBeUndefined();
    expect(vars.constantProblem(1000, 60000)).toBe('60000 is outside 100..50000');
    expect(vars.constantProblem(1000, 'x')).toBe('expected a number for F8');
    expect(vars.constantProblem(1000, [200, 300])).toBe(
      'equipment constant BondForceSetpoint holds one value, not an array',
    );
    expect(vars.constantProblem(1002, 2.5)).toBe('2.5 is not an integer in 0..255 (U1)');
    expect(vars.constantProblem(10, 1)).toBe('no equipment constant 10');
    const timeFormat = vars.constant(1014)!;
    delete timeFormat.max; // the builtin range holds even when the model declares no max
    expect(vars.constantProblem(1014, 3)).toBe('3 is outside 0..2 (builtin time-format)');
  });

  it('set() refuses an EC value outside its limits and keeps the old one', () => {
    const vars = new VariableStore(exampleModel(), () => 0);
    expect(() => vars.set(1000, 60000)).toThrow(new RangeError('60000 is outside 100..50000'));
    expect(vars.get(1000)).toBe(20000);
  });
});

describe('VariableStore list builtins', () => {
  it('get() gives the ids as numbers and item() a fresh <L <U4 id> ...> on every read', () => {
    let set: number[] = [];
    const vars = new VariableStore(exampleModel(), (b) => (b === 'alarms-set' ? set : 0));
    // AlarmsSet is SV 25 (type L) in examples/equipment.yaml.
    expect(vars.get(25)).toEqual([]);
    expect(vars.item(25)).toEqual({ format: 'L', value: [] });
    set = [2, 3];
    expect(vars.get(25)).toEqual([2, 3]);
    expect(vars.item(25)).toEqual({
      format: 'L',
      value: [
        { format: 'U4', value: Uint32Array.of(2) },
        { format: 'U4', value: Uint32Array.of(3) },
      ],
    });
  });
});
