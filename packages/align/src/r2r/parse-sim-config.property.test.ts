import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '@bondline/core';
import { extremeNumbers, hostileBytes, hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlignReaders } from '../reader-worker.test-util.js';
import { parseSimConfig, readSimConfig } from './parse-sim-config.js';
import { type SimConfig, simulateR2r } from './simulate.js';

// The shipped example is the seed: every mutation of it must give a config or issues; a config that is
// read must simulate to a result or a 'diverged' issue, never NaN and never a throw. Every read and
// simulation runs in core's reader harness (never a throw, a hang or a crash; finite numbers).
const harness = new ReaderHarness<AlignReaders>(new URL('../reader-worker.test-util.ts', import.meta.url));
afterAll(() => harness.stop());
const example = readFileSync(join(import.meta.dirname, '../../../../examples/r2r/drift-dewma.yaml'), 'utf8');
const exampleJson = JSON.stringify(
  (() => {
    const r = readSimConfig(example, { source: 'example' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const { correctables, ...rest } = r.value;
    const asWritten = Object.fromEntries(
      Object.entries(correctables).map(
        ([
          k,
          {
            process,
            controller: { limits, ...c },
          },
        ]) => [
          k,
          { process, controller: limits === undefined ? c : { ...c, limits: [limits.min, limits.max] } },
        ],
      ),
    );
    return { ...rest, correctables: asWritten };
  })(),
  null,
  2,
);

/** Simulate what was read (small simulations only, to keep the test fast) and check the result. */
async function simulated(r: Result<SimConfig>): Promise<void> {
  if (!r.ok) return;
  const c = r.value;
  if (c.runs * Object.keys(c.correctables).length > 4000) return;
  // The harness finds any number of the simulation that is not finite.
  const sim = await harness.typed('simulate', c);
  if (!sim.ok) expect(sim.issues[0]?.code).toBe('diverged');
}

const read = (text: string, format?: 'yaml' | 'json') =>
  harness.typed('sim-config-text', {
    text,
    options: format === undefined ? { source: 'c' } : { source: 'c', format },
  });

describe('readSimConfig on hostile input (property)', () => {
  it('mutated YAML and JSON: a config or issues, never a throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText(example).map((t) => [t, 'yaml'] as const),
          hostileText(exampleJson).map((t) => [t, 'json'] as const),
        ),
        async ([text, format]) => simulated(await read(text, format)),
      ),
      { numRuns: 150 },
    );
  });

  it('extreme and malformed numbers: refused by name or simulated to a finite result', async () => {
    await fc.assert(
      fc.asyncProperty(extremeNumbers(example), async (text) => simulated(await read(text))),
      { numRuns: 120 },
    );
  });

  it('mutated bytes through decodeText', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(new TextEncoder().encode(example)), async (b) => {
        const text = await harness.typed('text', { bytes: b, source: 'c' });
        if (text.ok) await simulated(await read(text.value));
      }),
      { numRuns: 100 },
    );
  });

  it('an alias bomb is refused, never expanded', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    const r = await harness.typed('sim-config-text', {
      text: `${bomb}\ncorrectables: {}\n`,
      options: { source: 'bomb.yaml' },
    });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'too-many-aliases' }] });
  });
});

describe('parseSimConfig and simulateR2r on random configurations (property)', () => {
  const num = fc.oneof(
    fc.double({ noNaN: false }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.constantFrom(0, -0, 1, 1e6, -1e6, 1e300, 5e-324),
  );
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const controller = fc.record(
    {
      kind: maybe(fc.constantFrom('ewma', 'dewma', 'pid')),
      w: num,
      w2: maybe(num),
      gain: maybe(num),
      target: maybe(num),
      limits: maybe(fc.tuple(num, num)),
      deadband: maybe(num),
      initialOffset: maybe(num),
      gainRatioRange: maybe(fc.tuple(num, num)),
    },
    { requiredKeys: ['w'] },
  );
  const process = fc.record(
    {
      offset: maybe(num),
      drift: maybe(num),
      noise: maybe(num),
      gain: maybe(num),
      maintenanceStep: maybe(num),
    },
    { requiredKeys: [] },
  );
  const config = fc.record({
    runs: fc.oneof(fc.integer({ min: -5, max: 400 }), num),
    lastN: maybe(fc.integer({ min: -1, max: 500 })),
    maintenance: maybe(fc.array(fc.integer({ min: -2, max: 400 }), { maxLength: 4 })),
    correctables: fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ process, controller }), {
      maxKeys: 3,
    }),
  });

  it('every configuration is refused by name or simulates to finite numbers or a diverged issue', async () => {
    await fc.assert(
      fc.asyncProperty(config, async (raw) => {
        // JSON round trip: what a file can hold (undefined keys dropped; NaN and Infinity become null).
        const data: unknown = JSON.parse(JSON.stringify(raw));
        await simulated(await harness.typed('sim-config', data));
      }),
      { numRuns: 300 },
    );
  });

  it('an unstable loop that overflows is a diverged issue naming the correctable and the run', () => {
    const r = parseSimConfig({
      runs: 5000,
      correctables: { Mag: { process: { offset: 1, gain: 1000 }, controller: { w: 1, gain: 0.000001 } } },
    });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const sim = simulateR2r(r.value);
    expect(sim).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'diverged',
          path: 'correctables.Mag.controller',
          message: expect.stringMatching(/^correctables\.Mag\.controller: the loop diverged .* at run \d+ /),
        },
      ],
    });
  });
});
