import { describe, expect, it } from 'vitest';
import type { FdcModel } from './fdc-model.js';
import { learnFdcModel } from './fdc-model.js';
import { fdcModelToJson, parseFdcModel, parseFdcModelText } from './fdc-model-codec.js';
import type { FdcRun } from './fdc-types.js';

function run(id: string, x: number[], y: number[]): FdcRun {
  const series = (v: number[]) => ({ timesMs: v.map((_, i) => i * 1000), values: v });
  return {
    pairId: id,
    toolId: 'B1',
    recipe: 'R',
    steps: [
      {
        step: 'plasma.top',
        moduleId: 'PL1',
        startMs: 0,
        endMs: 9000,
        traces: { X: series(x), Y: series(y) },
      },
    ],
  };
}

function model(): FdcModel {
  const golden = Array.from({ length: 12 }, (_, i) =>
    run(`g${i}`, [i % 3, (i * 7) % 5, 1 + (i % 4)], [(i * 5) % 7, 2, (i * 3) % 4]),
  );
  const r = learnFdcModel(golden, { version: 7, createdMs: 1_765_000_000_000 });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('FDC model JSON', () => {
  it('round-trips through JSON unchanged', () => {
    const m = model();
    const back = parseFdcModelText(fdcModelToJson(m), 'model.json');
    expect(back).toEqual({ ok: true, value: m });
  });

  it('names every bad field by its path', () => {
    const m = JSON.parse(fdcModelToJson(model())) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
    };
    const step = m.steps[0] ?? {};
    step.sd = [-1, ...(step.sd as number[]).slice(1)];
    step.mean = [1];
    step.t2Features = [99];
    m.version = 0;
    const r = parseFdcModel(m, 'model.json');
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'steps[0].sd[0]']));
    const again = parseFdcModel({
      ...m,
      version: 1,
      steps: [{ ...step, sd: (step.sd as number[]).map(Math.abs) }],
    });
    expect(again.ok ? [] : again.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['steps[0].mean', 'steps[0].t2Features[0]']),
    );
    expect(again.ok ? '' : again.issues[0]?.message).toMatch(
      /^steps\[0\]\.mean: has 1 values for 10 features/,
    );
  });

  it('refuses text that is not JSON or not a model', () => {
    const notJson = parseFdcModelText('{', 'model.json');
    expect(!notJson.ok && notJson.issues[0]?.code).toBe('invalid-json');
    expect(!notJson.ok && notJson.issues[0]?.message).toMatch(/^model\.json: not JSON/);
    const other = parseFdcModel({ format: 'something-else' });
    expect(!other.ok && other.issues.some((i) => i.path === 'format')).toBe(true);
  });
});
