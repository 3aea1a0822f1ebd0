// Data variables of the tool (docs/tool.md §7): values that belong to one event (the pair of a pair
// result, the module of a step), set by the binding just before it fires the event, so a host's report
// linked to the event carries them. DV 3000s; the builtins GEM sets itself at 3090.

import { type DocumentedVariable, type GeneratedName, generatedName } from './documented.js';
import { distinctTraceVariables, traceVariableDef } from './trace-variables.js';

export const TOOL_DATA_VARIABLES = [
  { id: 3001, name: 'PairId', type: 'A', unit: '', doc: 'pair result: the pair' },
  { id: 3002, name: 'PairIndex', type: 'U4', unit: '', doc: 'its index in the lot' },
  { id: 3003, name: 'TopId', type: 'A', unit: '', doc: 'its top (array) wafer' },
  { id: 3004, name: 'BottomId', type: 'A', unit: '', doc: 'its bottom (CMOS) wafer' },
  { id: 3005, name: 'StackId', type: 'A', unit: '', doc: 'the bonded stack' },
  { id: 3006, name: 'PairRecipe', type: 'A', unit: '', doc: 'the recipe it was bonded with' },
  { id: 3007, name: 'PairYield', type: 'F8', unit: '', doc: 'die yield of the stack, 0..1' },
  {
    id: 3008,
    name: 'OverlayTx',
    type: 'F8',
    unit: 'nm',
    doc: 'overlay translation x fitted from the metrology sites',
  },
  { id: 3009, name: 'OverlayTy', type: 'F8', unit: 'nm', doc: 'overlay translation y' },
  { id: 3010, name: 'OverlayRot', type: 'F8', unit: 'urad', doc: 'overlay rotation' },
  { id: 3011, name: 'OverlayMag', type: 'F8', unit: 'ppm', doc: 'overlay magnification' },
  { id: 3012, name: 'OverlayXM3s', type: 'F8', unit: 'nm', doc: '|mean| + 3 sigma of the sites’ x overlay' },
  { id: 3013, name: 'OverlayYM3s', type: 'F8', unit: 'nm', doc: '|mean| + 3 sigma of the sites’ y overlay' },
  { id: 3014, name: 'OverlaySites', type: 'U4', unit: '', doc: 'metrology sites measured' },
  { id: 3015, name: 'VoidCount', type: 'U4', unit: '', doc: 'voids the infrared scan found' },
  {
    id: 3016,
    name: 'PairAlarms',
    type: 'A',
    unit: '',
    doc: 'alarming fault points that acted on the pair, comma-separated',
  },
  { id: 3017, name: 'StackSlot', type: 'A', unit: '', doc: 'where the stack went: carrier:slot' },
  { id: 3018, name: 'PairDoneS', type: 'F8', unit: 's', doc: 'tool time the stack left inspection' },
  { id: 3020, name: 'StepModule', type: 'A', unit: '', doc: 'step: the module' },
  { id: 3021, name: 'StepSubstrates', type: 'A', unit: '', doc: 'substrates of the step, comma-separated' },
  { id: 3022, name: 'StepDurationS', type: 'F8', unit: 's', doc: 'step duration (step ended)' },
  {
    id: 3023,
    name: 'PairOverlayMap',
    type: 'F8',
    unit: '',
    doc: 'pair result: its overlay site map, 4 values per site: X µm, Y µm, dx nm, dy nm',
  },
  {
    id: 3024,
    name: 'PairVoidMap',
    type: 'F8',
    unit: '',
    doc: 'its voids, 4 values per void: x mm, y mm, diameter µm, cause (1 particle, 2 edge, 3 fault)',
  },
  {
    id: 3025,
    name: 'PairDieMap',
    type: 'U1',
    unit: '',
    doc: 'its die yield map, row by row: 0 good, else the physics cause code, 255 off the wafer',
  },
  { id: 3026, name: 'PairDieRows', type: 'U2', unit: '', doc: 'rows of the die yield map' },
  { id: 3027, name: 'PairDieCols', type: 'U2', unit: '', doc: 'columns of the die yield map' },
  { id: 3030, name: 'LotPairsDone', type: 'U4', unit: '', doc: 'lot ended: pairs done' },
  { id: 3031, name: 'LotYield', type: 'F8', unit: '', doc: 'mean die yield of its pairs, 0..1' },
  { id: 3032, name: 'LotPairsPerHour', type: 'F8', unit: '1/h', doc: 'steady-state throughput' },
  {
    id: 3033,
    name: 'LotBoundPairsPerHour',
    type: 'F8',
    unit: '1/h',
    doc: 'throughput bound of the recipe (docs/tool.md §2)',
  },
  {
    id: 3034,
    name: 'LotBottleneck',
    type: 'A',
    unit: '',
    doc: 'resource with the largest busy time per pair',
  },
  { id: 3035, name: 'LotOutcome', type: 'A', unit: '', doc: 'completed, stopped or aborted' },
  { id: 3036, name: 'LotFillS', type: 'F8', unit: 's', doc: 'fill: start until the first pair was done' },
  { id: 3037, name: 'LotDrainS', type: 'F8', unit: 's', doc: 'drain: after the last pair started bonding' },
  { id: 3038, name: 'LotStartedS', type: 'F8', unit: 's', doc: 'tool time the lot started' },
  { id: 3039, name: 'LotEndedS', type: 'F8', unit: 's', doc: 'tool time the lot ended' },
  { id: 3040, name: 'StateModule', type: 'A', unit: '', doc: 'module state change: the module' },
  { id: 3041, name: 'ModuleStateFrom', type: 'A', unit: '', doc: 'its state before' },
  { id: 3042, name: 'ModuleStateTo', type: 'A', unit: '', doc: 'its state now' },
  { id: 3050, name: 'E10Entity', type: 'A', unit: '', doc: 'E10 state change: the tool id or a module id' },
  { id: 3051, name: 'E10From', type: 'A', unit: '', doc: 'its E10 state before' },
  { id: 3052, name: 'E10To', type: 'A', unit: '', doc: 'its E10 state now' },
  {
    id: 3060,
    name: 'ProcessStateFrom',
    type: 'A',
    unit: '',
    doc: 'processing state change: the state before, by name',
  },
  { id: 3061, name: 'ProcessStateTo', type: 'A', unit: '', doc: 'the state now, by name' },
  { id: 3070, name: 'MovedSubstrate', type: 'A', unit: '', doc: 'substrate moved: the substrate' },
  { id: 3071, name: 'MovedFrom', type: 'A', unit: '', doc: 'from: a module id or carrier:slot' },
  { id: 3072, name: 'MovedTo', type: 'A', unit: '', doc: 'to: a module id or carrier:slot' },
  {
    id: 3080,
    name: 'AlarmFaultId',
    type: 'A',
    unit: '',
    doc: 'alarm set or cleared: the fault point (docs/tool.md §5)',
  },
  { id: 3081, name: 'AlarmModule', type: 'A', unit: '', doc: 'the module it stopped' },
  { id: 3082, name: 'AlarmAlid', type: 'U4', unit: '', doc: 'its ALID' },
  {
    id: 3083,
    name: 'AlarmRecovery',
    type: 'A',
    unit: '',
    doc: 'how it is cleared: auto-retry, operator-clear, maintenance',
  },
  {
    id: 3090,
    name: 'ChangedEcid',
    type: 'U4',
    unit: '',
    builtin: 'changed-ecid',
    doc: 'the constant changed last (E30)',
  },
  {
    id: 3091,
    name: 'PPChangeName',
    type: 'A',
    unit: '',
    builtin: 'pp-change-name',
    doc: 'the recipe created, edited or deleted (E30)',
  },
  {
    id: 3092,
    name: 'PPChangeStatus',
    type: 'U1',
    unit: '',
    builtin: 'pp-change-status',
    doc: '1 created, 2 edited, 3 deleted (E30)',
  },
] as const satisfies readonly DocumentedVariable[];

export type ToolDataName = (typeof TOOL_DATA_VARIABLES)[number]['name'];

/** First DVID of the step values of trace variables (StepChamberPressure...). */
const STEP_TRACE_BASE = 3100;

/** The name of the step DV of a trace variable. */
export const stepTraceName = (suffix: string): GeneratedName => generatedName(`Step${suffix}`);

/** One DV per trace variable: its value in the step that just ended. */
export function stepTraceVariables(): DocumentedVariable[] {
  return distinctTraceVariables().map((t, i) =>
    traceVariableDef(t, STEP_TRACE_BASE + i, stepTraceName(t.suffix), `step ended: ${t.doc} of the step`),
  );
}
