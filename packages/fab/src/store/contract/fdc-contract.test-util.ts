// FDC's tables (migration `fdc`, record types `fdc-model`, `fdc-check`, `fdc-fault`): models stored
// once per (recipe, version), the newest the active one; a pair's check by its newest model version;
// faults filtered by tool, pair and recipe, paged; bad records and unknown tools refused. Both stores
// run it from fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import type { FdcCheckRecord, FdcFaultRecord, FdcModelRecord } from '../records.js';
import { line, T0 } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

function model(recipe: string, version: number): FdcModelRecord {
  return {
    type: 'fdc-model',
    recipe,
    version,
    createdMs: T0 + version,
    goldenPairIds: ['P-1', 'P-2', 'P-3'],
    model: { format: 'bondline-fdc-model', version, steps: [{ recipe, step: 'plasma.top', t2Ucl: 27.74 }] },
  };
}

function fault(pairId: string, step: string, extra: Partial<FdcFaultRecord> = {}): FdcFaultRecord {
  return {
    type: 'fdc-fault',
    pairId,
    toolId: 'B1',
    recipe: 'BOND-STD',
    step,
    moduleId: 'PL1',
    modelVersion: 1,
    atMs: T0 + 5000,
    t2: 4109.5,
    t2Ucl: 27.74,
    reasons: ['t2', 'limits'],
    traces: [
      {
        trace: 'RfReflectedPower',
        contribution: 3000.25,
        share: 0.73,
        outOfLimits: ['RfReflectedPower.mean'],
      },
      { trace: 'ChamberPressure', contribution: 1000.5, share: 0.24, outOfLimits: [] },
    ],
    ...extra,
  };
}

function check(pairId: string, modelVersion: number, flagged: boolean): FdcCheckRecord {
  return {
    type: 'fdc-check',
    pairId,
    toolId: 'B1',
    recipe: 'BOND-STD',
    modelVersion,
    atMs: T0 + 6000,
    flagged,
    faultCount: flagged ? 1 : 0,
    result: { pairId, flagged, steps: [], missingSteps: ['clean.top'] },
  };
}

export function fdcContract(factory: HarnessFactory): void {
  it('fdc models: stored once per recipe and version; the newest is the active one', async () => {
    await withStore(factory, async (store) => {
      expect(okValue(await store.writeBatch([model('BOND-STD', 1), model('OTHER', 1)]))).toEqual({
        new: 2,
        duplicate: 0,
      });
      expect(okValue(await store.writeBatch([model('BOND-STD', 1)]))).toEqual({ new: 0, duplicate: 1 });
      okValue(await store.writeBatch([model('BOND-STD', 2)]));
      expect(okValue(await store.getFdcModel('BOND-STD'))).toEqual(model('BOND-STD', 2));
      expect(okValue(await store.getFdcModel('BOND-STD', 1))).toEqual(model('BOND-STD', 1));
      expect(issuesOf(await store.getFdcModel('BOND-STD', 3))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.getFdcModel('NONE'))[0]?.code).toBe('not-found');
      const all = okValue(await store.listFdcModels());
      expect(all.items.map((m) => [m.recipe, m.version])).toEqual([
        ['BOND-STD', 1],
        ['OTHER', 1],
        ['BOND-STD', 2],
      ]);
      const one = okValue(await store.listFdcModels({ recipe: 'BOND-STD', order: 'desc', limit: 1 }));
      expect(one.items.map((m) => m.version)).toEqual([2]);
      expect(one.nextCursor).toBeDefined();
    });
  });

  it('fdc checks and faults: a pair by its newest model version, faults filtered and paged', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1', 'B2'])));
      const faults = [
        fault('P-1', 'plasma.top'),
        fault('P-1', 'plasma.bottom', { t2: 8259.25 }),
        fault('P-2', 'clean.top', { toolId: 'B2', reasons: ['limits'], moduleId: 'CL1' }),
        fault('P-3', 'plasma.top', { recipe: 'OTHER' }),
      ];
      expect(okValue(await store.writeBatch([check('P-1', 1, true), ...faults]))).toEqual({
        new: 5,
        duplicate: 0,
      });
      expect(okValue(await store.writeBatch([faults[0] as FdcFaultRecord]))).toEqual({
        new: 0,
        duplicate: 1,
      });
      okValue(await store.writeBatch([check('P-1', 2, false)]));
      expect(okValue(await store.getFdcCheck('P-1'))).toEqual(check('P-1', 2, false));
      expect(issuesOf(await store.getFdcCheck('P-9'))[0]?.code).toBe('not-found');
      expect(okValue(await store.listFdcFaults()).items).toEqual(faults);
      const steps = async (q: Parameters<typeof store.listFdcFaults>[0]) =>
        okValue(await store.listFdcFaults(q)).items.map((f) => `${f.pairId}/${f.step}`);
      expect(await steps({ toolId: 'B2' })).toEqual(['P-2/clean.top']);
      expect(await steps({ pairId: 'P-1' })).toEqual(['P-1/plasma.top', 'P-1/plasma.bottom']);
      expect(await steps({ recipe: 'OTHER' })).toEqual(['P-3/plasma.top']);
      expect(await steps({ toolId: 'B1', recipe: 'BOND-STD' })).toEqual([
        'P-1/plasma.top',
        'P-1/plasma.bottom',
      ]);
      const page1 = okValue(await store.listFdcFaults({ limit: 3 }));
      const page2 = okValue(await store.listFdcFaults({ limit: 3, cursor: page1.nextCursor ?? '' }));
      expect(page2.items.map((f) => f.pairId)).toEqual(['P-3']);
      expect(issuesOf(await store.listFdcFaults({ toolId: 5 as unknown as string }))[0]?.code).toBe(
        'bad-filter',
      );
    });
  });

  it('fdc records: a bad field or an unknown tool is refused with nothing written', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const bad = issuesOf(await store.writeBatch([fault('P-1', 'plasma.top', { t2: Number.NaN })]));
      expect(bad[0]).toMatchObject({ code: 'invalid-record', path: 'records[0].t2' });
      const none = issuesOf(await store.writeBatch([fault('P-1', 'plasma.top', { reasons: [] })]));
      expect(none[0]).toMatchObject({ code: 'invalid-record', path: 'records[0].reasons' });
      const unknown = issuesOf(await store.writeBatch([fault('P-1', 'plasma.top', { toolId: 'NOPE' })]));
      expect(unknown[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.listFdcFaults()).items).toEqual([]);
    });
  });
}
