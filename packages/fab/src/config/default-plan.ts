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
  trace: [],
  spool: [
    { stream: 5, functions: [1] },
    { stream: 6, functions: [11] },
  ],
};
