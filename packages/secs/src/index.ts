// HSMS (SEMI E37) transport

export {
  DEFAULT_DECODE_LIMITS,
  type DecodeIssue,
  type DecodeIssueCode,
  type DecodeLimits,
  type DecodeResult,
  decodeItem,
} from './codec/decode.js';
// SECS-II codec
export {
  DEFAULT_MAX_BODY_BYTES,
  type EncodeErrorCode,
  type EncodeOptions,
  encodeItem,
  SecsEncodeError,
} from './codec/encode.js';
// SEMI E10 equipment states, their time split and RAM figures (docs/tool.md §6)
export { type E10Metrics, type E10Times, e10Metrics } from './e10/e10-metrics.js';
export type { E10State } from './e10/e10-state.js';
export { type E10IssueCode, type E10Move, E10Timeline } from './e10/e10-timeline.js';
export { E10_STATES } from './e10/e10-transitions.js';
export {
  type CommandRunner,
  GemEquipment,
  type GemEquipmentEvents,
  type GemEquipmentOptions,
} from './gem/equipment/gem-equipment.js';
// GEM (E30) equipment and host
export { GemEquipmentError, type GemEquipmentErrorCode } from './gem/equipment/gem-equipment-error.js';
export { formatGemTime, parseGemTime } from './gem/equipment/gem-time.js';
export { type RecipeStore, recipeDirectory } from './gem/equipment/recipe-directory.js';
export { type RecipeRefusalAck, RecipeRefusedError } from './gem/equipment/recipe-refused-error.js';
export {
  jsonStateStore,
  type PersistedEquipmentState,
  StateFileError,
  type StateStore,
} from './gem/equipment/state-store.js';
export {
  type AckGate,
  type DataPrimary,
  GemHost,
  GemHostError,
  type GemHostEvents,
  type HostAlarm,
  type HostEvent,
  type HostTrace,
} from './gem/host/gem-host.js';
export { type PlainValue, plainValue } from './gem/host/plain-value.js';
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
} from './gem/messages/acks.js';
export type { CommandReply } from './gem/messages/s2-remote.js';
export type {
  AlarmDef,
  ConstantDef,
  EquipmentModel,
  EventDef,
  RemoteCommandDef,
  RemoteCommandParamDef,
  VariableDef,
} from './gem/model/equipment-model.js';
export { type ModelReadOptions, parseModelText, validateModel } from './gem/model/load-model.js';
export type { ModelIssueCode, ModelSource } from './gem/model/model-issue.js';
export { VALUE_TYPES, type Value, type ValueType } from './gem/model/value.js';
// GEM equipment simulator: operator scripts (parse against the model, run against a GemEquipment)
export type { OperatorCommand, OperatorScript, ScriptIssueCode } from './gem/sim/operator-commands.js';
export {
  OperatorRunner,
  type OperatorRunnerOptions,
  type OperatorRunResult,
  type RunIssueCode,
} from './gem/sim/operator-runner.js';
export { OperatorScriptReader, parseOperatorScript } from './gem/sim/operator-script.js';
export type { RandomSource } from './gem/sim/operator-values.js';
// The durable spool is opened by whoever runs the equipment and handed to it.
export { Spool, type SpoolOptions } from './gem/spool/spool.js';
export type { CommunicationState } from './gem/state/communication-state.js';
export type { ControlState } from './gem/state/control-state.js';
export {
  type ActiveEndpointEvents,
  type ActiveEndpointOptions,
  type Connector,
  HsmsActiveEndpoint,
  type TcpConnectDeps,
  tcpConnect,
} from './hsms/active-endpoint.js';
export { type Clock, realClock, type TimerHandle } from './hsms/clock.js';
export type { CommLog, CommLogEntry } from './hsms/comm-log.js';
export {
  DEFAULT_HSMS_CONFIG,
  type HsmsConfig,
  type HsmsConfigInput,
  resolveHsmsConfig,
} from './hsms/config.js';
export type { HsmsState, HsmsStateEvent } from './hsms/connection-state.js';
export {
  CONTROL_SESSION_ID,
  DeselectStatus,
  encodeControl,
  RejectReason,
  SelectStatus,
  sTypeName,
} from './hsms/control.js';
export { HsmsError, type HsmsErrorCode } from './hsms/errors.js';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeHeader,
  encodeFrame,
  encodeHeader,
  HEADER_BYTES,
  type HsmsFrame,
  type HsmsHeader,
  LENGTH_BYTES,
  SType,
  type STypeCode,
  writeHeader,
} from './hsms/frame.js';
export {
  type FrameIssue,
  type FrameIssueCode,
  FrameParser,
  type FrameParserOptions,
  type OversizeFrame,
} from './hsms/frame-parser.js';
export type { HandlerResult, MessageHandler } from './hsms/message-handler.js';
export { HsmsPassiveEndpoint, type PassiveEndpointOptions } from './hsms/passive-endpoint.js';
export { type SecsDecodeResult, toOutgoing, toSecsMessage } from './hsms/secs-message.js';
export { HsmsSession } from './hsms/session.js';
export type { HsmsEvents, HsmsRole, HsmsSessionOptions, OutgoingMessage } from './hsms/session-types.js';
export { createSmlLog, formatCommLogEntry, type SmlLogOptions, type TextSink } from './hsms/sml-log.js';
export type { HsmsMessage } from './hsms/transactions.js';
export { socketTransport, type Transport, type TransportHandlers } from './hsms/transport.js';
export {
  A,
  B,
  BOOLEAN,
  F4,
  F8,
  I1,
  I2,
  I4,
  I8,
  J,
  L,
  numericItem,
  U1,
  U2,
  U4,
  U8,
} from './item/constructors.js';
// SECS-II items (SEMI E5)
export {
  type AsciiItem,
  type BinaryItem,
  type BooleanItem,
  ELEMENT_BYTES,
  ITEM_FORMATS,
  type Item,
  type ItemFormat,
  isNumericFormat,
  isNumericItem,
  itemLength,
  type JisItem,
  type ListItem,
  type NumericArrays,
  type NumericFormat,
  type NumericItem,
} from './item/item.js';
export { type ItemShape, matchItem, Shape, type ShapeIssue } from './item/match.js';
export { ItemReader, ItemShapeError, readBody, readItem } from './item/reader.js';
export type { SecsMessage } from './message.js';
export { isProgrammerError } from './programmer-error.js';
// SML text
export type { SmlIssueCode } from './sml/cursor.js';
export { parseSml, parseSmlItem, parseSmlItems, type SmlReadOptions } from './sml/parse.js';
export { printSml, printSmlItem, type SmlPrintOptions } from './sml/print.js';
