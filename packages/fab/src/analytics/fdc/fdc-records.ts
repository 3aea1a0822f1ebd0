// FDC's results as store records (docs/fab.md §9): a model as `fdc-model`, a pair's check as
// `fdc-check`, and each flagged step as `fdc-fault`, the library's plain JSON inside.
import type { Result } from '@bondline/core';
import type { JsonObject } from '../../store/json-value.js';
import type { FdcCheckRecord, FdcFaultRecord, FdcModelRecord } from '../../store/records.js';
import type { RunCheck } from './check-run.js';
import type { FdcModel } from './fdc-model.js';
import { fdcModelToJson, parseFdcModel } from './fdc-model-codec.js';

/** A learned model of one recipe as the record that stores it. */
export function modelRecord(recipe: string, model: FdcModel): FdcModelRecord {
  return {
    type: 'fdc-model',
    recipe,
    version: model.version,
    createdMs: model.createdMs,
    goldenPairIds: [...model.goldenRunIds],
    model: asObject(JSON.parse(fdcModelToJson(model))),
  };
}

/** The model a stored record holds, checked (a record not written by this code is refused, named). */
export function modelOfRecord(r: FdcModelRecord): Result<FdcModel> {
  return parseFdcModel(r.model, `fdc model ${r.version} of recipe ${r.recipe}`);
}

/** A pair's check and its faults as records, stamped `atMs` (wall clock). */
export function checkRecords(check: RunCheck, atMs: number): [FdcCheckRecord, ...FdcFaultRecord[]] {
  const faults: FdcFaultRecord[] = check.faults.map((f) => ({
    type: 'fdc-fault',
    pairId: f.pairId,
    toolId: f.toolId,
    recipe: f.recipe,
    step: f.step,
    moduleId: f.moduleId,
    modelVersion: check.modelVersion,
    atMs,
    t2: f.t2,
    t2Ucl: f.t2Ucl,
    reasons: [...f.reasons],
    traces: f.traces.map((t) => ({
      trace: t.trace,
      contribution: t.contribution,
      share: t.share,
      outOfLimits: [...t.outOfLimits],
    })),
  }));
  return [
    {
      type: 'fdc-check',
      pairId: check.pairId,
      toolId: check.toolId,
      recipe: check.recipe,
      modelVersion: check.modelVersion,
      atMs,
      flagged: check.flagged,
      faultCount: faults.length,
      result: asObject(JSON.parse(JSON.stringify(check))),
    },
    ...faults,
  ];
}

function asObject(v: unknown): JsonObject {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as JsonObject;
  throw new TypeError('fdc: expected a JSON object');
}
