// The collection plan a tool gets when the configuration names none (docs/fab.md §3.2): everything the
// fab's store and analytics need of a Bondline bonder (docs/tool.md §7), by the names the tool declares.
import type { CollectionPlan } from './fab-config-schema.js';

const PAIR = [
  'LotId',
  'PairId',
  'PairIndex',
  'TopId',
  'BottomId',
  'StackId',
  'PairRecipe',
  'StackSlot',
  'PairYield',
  'OverlayTx',
  'OverlayTy',
  'OverlayRot',
  'OverlayMag',
  'OverlayXM3s',
  'OverlayYM3s',
  'OverlaySites',
  'VoidCount',
  'PairAlarms',
  'PairDoneS',
  'PairOverlayMap',
  'PairVoidMap',
  'PairDieMap',
  'PairDieRows',
  'PairDieCols',
];

const LOT_END = [
  'LotId',
  'LotRecipe',
  'LotPairsDone',
  'LotYield',
  'LotPairsPerHour',
  'LotBoundPairsPerHour',
  'LotBottleneck',
  'LotOutcome',
  'LotFillS',
  'LotDrainS',
  'LotStartedS',
  'LotEndedS',
];

/**
 * The trace variables of examples/tool/tool.yaml's plasma and clean modules: the ones the simulated
 * tool reads while a step runs (docs/tool.md §7.8), so FDC sees each step's own process (docs/fab.md §9).
 */
const FDC_TRACE_VARIABLES = [
  'PL1RfForwardPower',
  'PL1RfReflectedPower',
  'PL1ChamberPressure',
  'CL1SpinSpeed',
  'CL1RinseFlow',
];

const ALARM = ['AlarmFaultId', 'AlarmModule', 'AlarmAlid', 'AlarmRecovery', 'ActiveAlarmCount'];

export const DEFAULT_PLAN: CollectionPlan = {
  timeVariable: 'Clock',
  events: [
    { name: 'LotStarted', variables: ['LotId', 'LotRecipe', 'LotPairs', 'ToolTimeS'] },
    { name: 'PairResult', variables: PAIR },
    { name: 'LotEnded', variables: LOT_END },
    {
      name: 'ProcessStateChanged',
      variables: ['ProcessStateFrom', 'ProcessStateTo', 'ProcessStateName', 'LotId', 'ToolTimeS'],
    },
    { name: 'ControlState*', variables: ['ControlState'] },
    {
      name: 'ModuleStateChanged',
      variables: ['StateModule', 'ModuleStateFrom', 'ModuleStateTo', 'ToolTimeS'],
    },
    { name: 'E10StateChanged', variables: ['E10Entity', 'E10From', 'E10To', 'ToolE10State', 'ToolTimeS'] },
    { name: 'AlarmSet', variables: ALARM },
    { name: 'AlarmCleared', variables: ALARM },
    { name: 'ConstantChanged', variables: ['ChangedEcid'] },
    { name: '*StepStarted', variables: ['StepModule', 'StepSubstrates', 'ToolTimeS'] },
    { name: '*StepEnded', variables: ['StepModule', 'StepSubstrates', 'StepDurationS', 'ToolTimeS'] },
  ],
  alarms: 'all',
  // Every 100 ms, 10 samples a report, until the tool stops it (TOTSMP at its maximum).
  trace: [{ id: 1, variables: FDC_TRACE_VARIABLES, periodMs: 100, samples: 0xffffffff, groupSize: 10 }],
  spool: [
    { stream: 5, functions: [1] },
    { stream: 6, functions: [11] },
  ],
};
