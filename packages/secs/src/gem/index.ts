// GEM (SEMI E30) on HSMS: the declarative equipment model, state tables, E5 message layouts,
// the equipment and the host.

export {
  type CommandRunner,
  GemEquipment,
  type GemEquipmentEvents,
  type GemEquipmentOptions,
} from './equipment/gem-equipment.js';
export { formatGemTime, parseGemTime } from './equipment/gem-time.js';
export { isStorablePpid, type RecipeStore, recipeDirectory } from './equipment/recipe-directory.js';
export {
  jsonStateStore,
  type PersistedEquipmentState,
  StateFileError,
  type StateStore,
} from './equipment/state-store.js';
export { GemHost, GemHostError, type GemHostEvents, type HostEvent } from './host/gem-host.js';
export { type PlainValue, plainValue } from './host/plain-value.js';
export {
  ACKC5,
  ACKC6,
  ACKC7,
  ACKC10,
  ALCD_SET,
  COMMACK,
  CPACK,
  DRACK,
  EAC,
  ERACK,
  HCACK,
  LRACK,
  OFLACK,
  ONLACK,
  PPGNT,
  TIACK,
} from './messages/acks.js';
export type {
  AlarmDef,
  ConstantDef,
  EquipmentModel,
  EventDef,
  RemoteCommandDef,
  RemoteCommandParamDef,
  VariableDef,
} from './model/equipment-model.js';
export { type ModelResult, parseModelText, validateModel } from './model/load-model.js';
export type { ModelIssue } from './model/model-issue.js';
export { VALUE_TYPES, type Value, type ValueType } from './model/value.js';
// The durable spool (helper I's engine) is opened by whoever runs the equipment and handed to it.
export { Spool, type SpoolOptions } from './spool/spool.js';
export { type CommunicationState, communicationMachine } from './state/communication-state.js';
export { type ControlState, ControlStateMachine } from './state/control-state.js';
export { ProcessingStateMachine } from './state/processing-state.js';
export { type FireResult, type Transition, TransitionTable } from './state/transition-table.js';
