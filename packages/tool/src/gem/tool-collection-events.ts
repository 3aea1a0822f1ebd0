// Collection events of the tool (docs/tool.md §7) and the variables each is meant to carry (by name:
// a host links reports of any variables; these are the ones the binding sets for the event). CE 4000s;
// the step events of each module kind at 4100 + 2 x kind (started) and + 1 (ended).

import { MODULE_KINDS } from '../module-kind.js';
import { CEID, stepCeids } from './gem-ids.js';
import { KIND_NAMES } from './state-names.js';
import { stepTraceName } from './tool-data-variables.js';
import { TRACE_VARIABLES } from './trace-variables.js';

/** A collection event with its data variables named. */
export interface EventSpec {
  id: number;
  name: string;
  data: readonly string[];
  doc: string;
}

const PAIR = [
  'PairId',
  'PairIndex',
  'TopId',
  'BottomId',
  'StackId',
  'PairRecipe',
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
  'StackSlot',
  'PairDoneS',
  'LotId',
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
const ALARM = ['AlarmFaultId', 'AlarmModule', 'AlarmAlid', 'AlarmRecovery', 'ActiveAlarmCount', 'ToolTimeS'];

const TOOL_EVENTS: readonly EventSpec[] = [
  {
    id: CEID.equipmentOffline,
    name: 'ControlStateEquipmentOffline',
    data: ['ControlState'],
    doc: 'E30 control state: equipment off-line',
  },
  { id: CEID.hostOffline, name: 'ControlStateHostOffline', data: ['ControlState'], doc: 'host off-line' },
  { id: CEID.onlineLocal, name: 'ControlStateLocal', data: ['ControlState'], doc: 'online local' },
  { id: CEID.onlineRemote, name: 'ControlStateRemote', data: ['ControlState'], doc: 'online remote' },
  {
    id: CEID.processStateChanged,
    name: 'ProcessStateChanged',
    data: ['ProcessState', 'PreviousProcessState', 'ProcessStateFrom', 'ProcessStateTo', 'ToolTimeS'],
    doc: 'the processing state changed',
  },
  {
    id: CEID.constantChanged,
    name: 'ConstantChanged',
    data: ['ChangedEcid'],
    doc: 'a host or the operator changed an equipment constant',
  },
  {
    id: CEID.processProgramChanged,
    name: 'ProcessProgramChanged',
    data: ['PPChangeName', 'PPChangeStatus'],
    doc: 'a recipe was created, edited or deleted',
  },
  {
    id: CEID.spoolingActivated,
    name: 'SpoolingActivated',
    data: ['SpoolCountActual', 'SpoolStartTime'],
    doc: 'E30 spooling started',
  },
  {
    id: CEID.spoolingDeactivated,
    name: 'SpoolingDeactivated',
    data: ['SpoolCountActual', 'SpoolCountTotal'],
    doc: 'E30 spool emptied',
  },
  {
    id: CEID.ppSelected,
    name: 'PPSelected',
    data: ['SelectedPPID'],
    doc: 'a recipe was selected (PP-SELECT)',
  },
  {
    id: CEID.lotStarted,
    name: 'LotStarted',
    data: ['LotId', 'LotRecipe', 'LotPairs', 'ToolTimeS'],
    doc: 'a lot started',
  },
  { id: CEID.lotEnded, name: 'LotEnded', data: LOT_END, doc: 'a lot ended, with its summary' },
  {
    id: CEID.pairResult,
    name: 'PairResult',
    data: PAIR,
    doc: 'a bonded pair left inspection, with its results',
  },
  {
    id: CEID.moduleStateChanged,
    name: 'ModuleStateChanged',
    data: ['StateModule', 'ModuleStateFrom', 'ModuleStateTo', 'ToolTimeS'],
    doc: 'a module changed state',
  },
  {
    id: CEID.e10StateChanged,
    name: 'E10StateChanged',
    data: ['E10Entity', 'E10From', 'E10To', 'ToolTimeS'],
    doc: 'the tool or a module changed E10 state',
  },
  {
    id: CEID.substrateMoved,
    name: 'SubstrateMoved',
    data: ['MovedSubstrate', 'MovedFrom', 'MovedTo', 'ToolTimeS'],
    doc: 'a wafer or stack moved',
  },
  { id: CEID.alarmSet, name: 'AlarmSet', data: ALARM, doc: 'set event of every alarm' },
  { id: CEID.alarmCleared, name: 'AlarmCleared', data: ALARM, doc: 'clear event of every alarm' },
];

/** Step started/ended of each module kind; an ended event carries the step values of the kind's trace variables. */
function stepEvents(): EventSpec[] {
  return MODULE_KINDS.flatMap((kind) => {
    const ids = stepCeids(kind);
    const name = KIND_NAMES[kind];
    const traced = TRACE_VARIABLES[kind] ?? [];
    return [
      {
        id: ids.started,
        name: `${name}StepStarted`,
        data: ['StepModule', 'StepSubstrates', 'ToolTimeS'],
        doc: `${kind} step started`,
      },
      {
        id: ids.ended,
        name: `${name}StepEnded`,
        data: [
          'StepModule',
          'StepSubstrates',
          'StepDurationS',
          'ToolTimeS',
          ...traced.map((t) => stepTraceName(t.suffix)),
        ],
        doc: `${kind} step ended`,
      },
    ];
  });
}

/** Every collection event of the tool. */
export function toolCollectionEvents(): EventSpec[] {
  return [...TOOL_EVENTS, ...stepEvents()];
}
