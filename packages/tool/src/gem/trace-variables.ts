// The tool's trace variables (docs/tool.md §7): process values a module reports while it works, by the
// name the controller uses in its `trace` and `step-ended` records. Each module of a kind gets one
// status variable per value (PL1ChamberPressure), so a host traces it with S2F23 and reads it with
// S1F3; the value of the last step also goes into a step data variable (StepChamberPressure).

import type { ValueType } from '@bondline/secs';
import type { ModuleKind } from '../module-kind.js';
import type { DocumentedVariable, GeneratedName } from './documented.js';

export interface TraceVariable {
  /** The name in the controller's trace records (units in the name). */
  source: string;
  /** The GEM name after the module id (PL1ChamberPressure) and after `Step` for the step DV. */
  suffix: string;
  type: ValueType;
  unit: string;
  doc: string;
}

const RF_FORWARD: TraceVariable = {
  source: 'rfForwardW',
  suffix: 'RfForwardPower',
  type: 'F8',
  unit: 'W',
  doc: 'plasma RF forward power',
};
const RF_REFLECTED: TraceVariable = {
  source: 'rfReflectedW',
  suffix: 'RfReflectedPower',
  type: 'F8',
  unit: 'W',
  doc: 'plasma RF reflected power',
};
const PRESSURE: TraceVariable = {
  source: 'chamberPressurePa',
  suffix: 'ChamberPressure',
  type: 'F8',
  unit: 'Pa',
  doc: 'chamber pressure',
};
const BOND_FORCE: TraceVariable = {
  source: 'bondForceN',
  suffix: 'BondForce',
  type: 'F8',
  unit: 'N',
  doc: 'bond force (centre pin)',
};
const CHUCK_TEMPERATURE: TraceVariable = {
  source: 'chuckTemperatureC',
  suffix: 'ChuckTemperature',
  type: 'F8',
  unit: 'degC',
  doc: 'chuck temperature',
};

const MARK_SCORE_TOP: TraceVariable = {
  source: 'markScoreTop',
  suffix: 'MarkScoreTop',
  type: 'F8',
  unit: '',
  doc: 'NCC score of the top wafer mark registration accepted (0 none)',
};
const MARK_SCORE_BOTTOM: TraceVariable = {
  source: 'markScoreBottom',
  suffix: 'MarkScoreBottom',
  type: 'F8',
  unit: '',
  doc: 'NCC score of the bottom wafer mark registration accepted (0 none)',
};
const SPIN_SPEED: TraceVariable = {
  source: 'spinRpm',
  suffix: 'SpinSpeed',
  type: 'F8',
  unit: 'rpm',
  doc: 'spin speed of the clean dry',
};
const RINSE_FLOW: TraceVariable = {
  source: 'rinseFlowLpm',
  suffix: 'RinseFlow',
  type: 'F8',
  unit: 'L/min',
  doc: 'DI-water rinse flow',
};
const STAGE_TEMPERATURE: TraceVariable = {
  source: 'stageTemperatureC',
  suffix: 'StageTemperature',
  type: 'F8',
  unit: 'degC',
  doc: 'metrology stage temperature',
};

/**
 * Trace variables by module kind: every trace value the digital twin reports (docs/tool.md §4.6), so a
 * normal lot has none without a variable. Kinds not listed report none. At most 7 per kind (the id
 * block, gem-ids.ts); a new one goes at the end of its kind and kinds keep their order, so the ids of
 * the earlier ones stay put.
 */
export const TRACE_VARIABLES: Readonly<Partial<Record<ModuleKind, readonly TraceVariable[]>>> = {
  plasma: [RF_FORWARD, RF_REFLECTED, PRESSURE],
  bonder: [BOND_FORCE, PRESSURE, CHUCK_TEMPERATURE, MARK_SCORE_TOP, MARK_SCORE_BOTTOM],
  clean: [SPIN_SPEED, RINSE_FLOW],
  inspection: [STAGE_TEMPERATURE],
};

/** Every trace variable once (a name shared by kinds, like chamber pressure, is one step DV). */
export function distinctTraceVariables(): TraceVariable[] {
  const seen = new Map<string, TraceVariable>();
  for (const list of Object.values(TRACE_VARIABLES)) for (const t of list) seen.set(t.source, t);
  return [...seen.values()];
}

/**
 * The GEM variable that carries a trace value (a module's SV or the step DV): its own id, name and
 * meaning, the value type and unit of the trace.
 */
export function traceVariableDef(
  t: TraceVariable,
  id: number,
  name: GeneratedName,
  doc: string,
): DocumentedVariable {
  return { id, name, type: t.type, unit: t.unit, doc };
}
