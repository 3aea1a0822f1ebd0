import { describe, expect, it } from 'vitest';
import { parseSimConfig, readSimConfig } from './parse-sim-config.js';

describe('parseSimConfig', () => {
  it('fills defaults', () => {
    const r = parseSimConfig({ correctables: { Tx: { process: { offset: 5 }, controller: { w: 0.3 } } } });
    expect(r).toEqual({
      ok: true,
      value: {
        runs: 50,
        seed: 1,
        lastN: 20,
        context: { tool: 'sim', chamber: 'A', product: 'P1', layer: 'L1' },
        maintenance: [],
        correctables: {
          Tx: {
            process: { offset: 5, drift: 0, noise: 0, gain: 1, maintenanceStep: 0 },
            controller: { kind: 'ewma', w: 0.3, gain: 1, target: 0 },
          },
        },
      },
    });
  });

  it('names every bad key by its path, with the value found and what is allowed', () => {
    const r = parseSimConfig({
      runs: 10,
      lastN: 20,
      colour: 'red',
      maintenance: [0, 11],
      correctables: {
        Tx: { process: { noise: -1 }, controller: { kind: 'dewma', w: 1.5, limits: [3, 1] } },
        Ty: { process: {}, controller: { kind: 'pid', w: 0.5, w2: 0.1 } },
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.code} ${i.message}`)).toEqual([
      'out-of-range maintenance[0]: 0 is out of range; must be at least 1',
      'out-of-range correctables.Tx.process.noise: -1 is out of range; must be at least 0',
      'out-of-range correctables.Tx.controller.w: 1.5 is out of range; must be at most 1',
      'out-of-range correctables.Tx.controller.limits: low must be at most high, got [3, 1]',
      "missing correctables.Tx.controller.w2: is required with kind 'dewma'",
      'invalid-value correctables.Ty.controller.kind: "pid" is not allowed; expected "ewma", "dewma"',
      'unknown-key colour: is not a known key (known keys: runs, seed, lastN, context, maintenance, correctables)',
      'out-of-range lastN: 20 is more than the 10 runs',
      'out-of-range maintenance[1]: run 11 is after the last run 10',
    ]);
  });

  it('refuses numbers that are not finite or not plausible, and an empty list of correctables', () => {
    const r = parseSimConfig({
      runs: 1e9,
      seed: 1.5,
      correctables: {},
    });
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      'runs: 1000000000 is out of range; must be at most 100000',
      'seed: expected int, got 1.5',
      'correctables: must name at least one correctable',
    ]);
    const g = parseSimConfig({
      correctables: {
        Tx: { process: { drift: 1e300, offset: Number.NaN }, controller: { w: 0.5, gain: 0, target: 'x' } },
      },
    });
    expect(!g.ok && g.issues.map((i) => i.message)).toEqual([
      'correctables.Tx.process.offset: expected number, got NaN',
      'correctables.Tx.process.drift: 1e+300 is out of range; must be at most 1000000',
      'correctables.Tx.controller.gain: 0 is too close to 0; |gain| must be at least 0.000001',
      'correctables.Tx.controller.target: expected number, got "x"',
    ]);
  });

  it('bounds the size of a simulation (runs × correctables) and the names', () => {
    const many = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`C${i}`, { process: {}, controller: { w: 0.5 } }]),
    );
    expect(parseSimConfig({ runs: 100_000, correctables: many })).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          path: 'runs',
          message: 'runs: 100000 runs of 5 correctables are 500000 steps; at most 400000 are kept',
        },
      ],
    });
    expect(
      parseSimConfig({ correctables: { 'T\u200bx': { process: {}, controller: { w: 0.5 } } } }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'invalid-value', message: expect.stringContaining('"T<U+200B zero-width space>x"') }],
    });
  });
});

describe('readSimConfig', () => {
  it('reads YAML and names the line and column of a bad key', () => {
    const r = readSimConfig(
      'runs: 5\ncorrectables:\n  Tx:\n    process: { offset: x }\n    controller: { w: 2 }\n',
      {
        source: 'c.yaml',
      },
    );
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      'c.yaml:4:16: correctables.Tx.process.offset: expected number, got "x"',
      'c.yaml:5:19: correctables.Tx.controller.w: 2 is out of range; must be at most 1',
    ]);
  });

  it('refuses YAML syntax, duplicate keys, strict-JSON violations; accepts a byte-order mark', () => {
    expect(readSimConfig('runs: 5\ncorrectables: [\n', { source: 'c.yaml' })).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', message: expect.stringMatching(/^c\.yaml:\d+:\d+: YAML syntax: /) }],
    });
    expect(readSimConfig('runs: 5\nruns: 6\n', { source: 'c.yaml' })).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax' }],
    });
    expect(
      readSimConfig("{ runs: 5, 'correctables': {} }", { source: 'c.json', format: 'json' }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', message: expect.stringContaining('JSON syntax') }],
    });
    expect(readSimConfig(`# ${'x'.repeat(300_000)}\n`, { source: 'c.yaml' })).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'too-large',
          message: 'c.yaml: 300003 characters is more than the 262144 a simulation config may have',
        },
      ],
    });
    const ok = readSimConfig('\ufeffcorrectables:\n  Tx: { process: {}, controller: { w: 0.5 } }\n', {
      source: 'c.yaml',
    });
    expect(ok).toMatchObject({ ok: true, value: { runs: 50 } });
  });
});
