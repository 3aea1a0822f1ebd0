import { describe, expect, it } from 'vitest';
import { LIMITACK, LVACK, VLAACK } from './limit-codes.js';
import type { LimitVariable } from './limit-definitions.js';
import { LimitsMonitor } from './limits-monitor.js';

// Chamber temperature (VID 10, °C, limits 1 and 2) and a text recipe name (VID 20, no limits capability).
const vars: LimitVariable[] = [
  { vid: 10, units: 'degC', limitMin: 0, limitMax: 500, limitIds: [1, 2], numeric: true },
  { vid: 11, units: 'kPa', limitMin: -10, limitMax: 10, limitIds: [1], numeric: true },
  { vid: 20, units: '', limitMin: 0, limitMax: 0, limitIds: [], numeric: false },
];

function monitor(): LimitsMonitor {
  const m = new LimitsMonitor(vars);
  // Limit 1: overtemperature with a 10 °C deadband at 300..310; limit 2: 100..105.
  expect(
    m.define([
      {
        vid: 10,
        limits: [
          { limitId: 1, deadband: { upper: 310, lower: 300 } },
          { limitId: 2, deadband: { upper: 105, lower: 100 } },
        ],
      },
    ]),
  ).toEqual({ vlaack: VLAACK.ok, rejections: [] });
  return m;
}

describe('LimitsMonitor zones', () => {
  it('reports upward and downward crossings, with no chatter inside the deadband', () => {
    const m = monitor();
    expect(m.update(10, 250)).toEqual([]); // sets limit 1 lower zone, limit 2 upper zone; no event
    expect(m.zoneOf(10, 1)).toBe('lower');
    expect(m.zoneOf(10, 2)).toBe('upper');
    // Noise around 305 stays inside limit 1's deadband: never an event.
    for (const v of [301, 309, 300, 310, 302, 308]) expect(m.update(10, v), String(v)).toEqual([]);
    expect(m.update(10, 310.5)).toEqual([{ vid: 10, limitId: 1, transitionType: 0, value: 310.5 }]);
    // Dropping back into the deadband is not a transition; leaving it below is.
    expect(m.update(10, 305)).toEqual([]);
    expect(m.update(10, 311)).toEqual([]); // still upper zone: nothing
    expect(m.update(10, 299)).toEqual([{ vid: 10, limitId: 1, transitionType: 1, value: 299 }]);
  });

  it('one update may cross several limits; each is reported, in LIMITID order', () => {
    const m = monitor();
    m.update(10, 50);
    expect(m.update(10, 400)).toEqual([
      { vid: 10, limitId: 1, transitionType: 0, value: 400 },
      { vid: 10, limitId: 2, transitionType: 0, value: 400 },
    ]);
    expect(m.update(10, 20)).toEqual([
      { vid: 10, limitId: 1, transitionType: 1, value: 20 },
      { vid: 10, limitId: 2, transitionType: 1, value: 20 },
    ]);
  });

  it('a deadband of width zero still has hysteresis at the edge value', () => {
    const m = new LimitsMonitor(vars);
    m.define([{ vid: 11, limits: [{ limitId: 1, deadband: { upper: 0, lower: 0 } }] }]);
    m.update(11, -1);
    expect(m.update(11, 0)).toEqual([]);
    expect(m.update(11, 0.001)).toHaveLength(1);
  });

  it('deleting one limit, or all limits of a variable, stops its events', () => {
    const m = monitor();
    m.update(10, 50);
    m.define([{ vid: 10, limits: [{ limitId: 2 }] }]);
    expect(m.update(10, 400).map((t) => t.limitId)).toEqual([1]);
    m.define([{ vid: 10, limits: [] }]);
    expect(m.update(10, 0)).toEqual([]);
    expect(m.snapshot()).toEqual([]);
  });

  it('definitions survive through snapshot (store round trip); zones are re-learnt', () => {
    const a = monitor();
    const stored = JSON.parse(JSON.stringify(a.snapshot()));
    const b = new LimitsMonitor(vars, stored);
    expect(b.attributes([10])).toEqual(a.attributes([10]));
    expect(b.update(10, 400)).toEqual([]);
    expect(b.update(10, 0)).toHaveLength(2);
  });
});

describe('LimitsMonitor S2F45 checks', () => {
  it('rejects bad definitions with the E5 LVACK/LIMITACK codes and applies nothing', () => {
    const m = monitor();
    const r = m.define([
      { vid: 10, limits: [{ limitId: 1, deadband: { upper: 200, lower: 250 } }] },
      { vid: 99, limits: [] },
      { vid: 20, limits: [] },
      {
        vid: 11,
        limits: [
          { limitId: 3, deadband: { upper: 1, lower: 0 } },
          { limitId: 1, deadband: { upper: 11, lower: 0 } },
        ],
      },
      { vid: 10, limits: [] },
    ]);
    expect(r).toEqual({
      vlaack: VLAACK.attributeError,
      rejections: [
        {
          vid: 10,
          lvack: LVACK.limitValueError,
          limits: [{ limitId: 1, limitack: LIMITACK.upperBelowLower }],
        },
        { vid: 99, lvack: LVACK.unknownVariable, limits: [] },
        { vid: 20, lvack: LVACK.noLimitsCapability, limits: [] },
        {
          vid: 11,
          lvack: LVACK.limitValueError,
          limits: [
            { limitId: 3, limitack: LIMITACK.unknownLimitId },
            { limitId: 1, limitack: LIMITACK.upperAboveMax },
          ],
        },
        { vid: 10, lvack: LVACK.repeatedVariable, limits: [] },
      ],
    });
    expect(m.attributes([10])[0]?.attributes?.limits).toEqual([
      { limitId: 1, upper: 310, lower: 300 },
      { limitId: 2, upper: 105, lower: 100 },
    ]);
  });

  it('value format errors: below LIMITMIN, non-numeric text, wrong type, duplicate LIMITID', () => {
    const m = new LimitsMonitor(vars);
    const codes = (limits: Parameters<LimitsMonitor['define']>[0][number]['limits']) =>
      m.define([{ vid: 11, limits }]).rejections[0]?.limits.map((l) => l.limitack);
    expect(codes([{ limitId: 1, deadband: { upper: 0, lower: -11 } }])).toEqual([LIMITACK.lowerBelowMin]);
    expect(codes([{ limitId: 1, deadband: { upper: 'hot', lower: 0 } }])).toEqual([LIMITACK.asciiNotNumeric]);
    expect(codes([{ limitId: 1, deadband: { upper: true, lower: 0 } }])).toEqual([LIMITACK.illegalFormat]);
    expect(
      codes([
        { limitId: 1, deadband: { upper: 1, lower: 0 } },
        { limitId: 1, deadband: { upper: 2, lower: 0 } },
      ]),
    ).toEqual([LIMITACK.duplicateLimit]);
    // ASCII that holds a number is translated (E5 allows UPPERDB/LOWERDB as text).
    expect(
      m.define([{ vid: 11, limits: [{ limitId: 1, deadband: { upper: ' 2.5', lower: '-1' } }] }]).vlaack,
    ).toBe(0);
    expect(m.attributes([11])[0]?.attributes?.limits).toEqual([{ limitId: 1, upper: 2.5, lower: -1 }]);
    expect([LIMITACK.unknownLimitId, LIMITACK.duplicateLimit, LVACK.limitValueError]).toEqual([1, 7, 4]);
  });

  it('S2F47 attributes: units, range and limits; empty list = all; unknown or non-numeric = no attributes', () => {
    const m = monitor();
    expect(m.attributes([11, 99, 20])).toEqual([
      { vid: 11, attributes: { units: 'kPa', limitMin: -10, limitMax: 10, limits: [] } },
      { vid: 99 },
      { vid: 20 },
    ]);
    // E5 S2F47: a zero-length VID list asks for every variable with limits capability (20 has none).
    expect(m.attributes([]).map((a) => a.vid)).toEqual([10, 11]);
  });
});
