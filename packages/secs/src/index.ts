// HSMS (SEMI E37) transport

export {
  DEFAULT_DECODE_LIMITS,
  type DecodeError,
  type DecodeErrorCode,
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
// GEM (E30) equipment and host
export {
  ACKC5,
  ACKC6,
  ACKC7,
  ACKC10,
  COMMACK,
  type CommandRunner,
  DRACK,
  EAC,
  type EquipmentModel,
  ERACK,
  formatGemTime,
  GemEquipment,
  type GemEquipmentOptions,
  GemHost,
  GemHostError,
  HCACK,
  type HostEvent,
  jsonStateStore,
  LRACK,
  type ModelIssue,
  OFLACK,
  ONLACK,
  type PlainValue,
  PPGNT,
  parseGemTime,
  parseModelText,
  plainValue,
  recipeDirectory,
  Spool,
  type SpoolOptions,
  TIACK,
  validateModel,
} from './gem/index.js';
// GEM equipment simulator: operator scripts (parse against the model, run against a GemEquipment)
export {
  formatScriptIssue,
  type OperatorCommand,
  type OperatorScript,
  type ScriptIssue,
  type ScriptResult,
} from './gem/sim/operator-commands.js';
export {
  OperatorRunner,
  type OperatorRunnerOptions,
  type OperatorRunResult,
} from './gem/sim/operator-runner.js';
export { OperatorScriptReader, parseOperatorScript } from './gem/sim/operator-script.js';
export type { RandomSource } from './gem/sim/operator-values.js';
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
export {
  ConnectionStateMachine,
  type HsmsState,
  type HsmsStateEvent,
  nextState,
} from './hsms/connection-state.js';
export {
  CONTROL_SESSION_ID,
  DeselectStatus,
  encodeControl,
  RejectReason,
  SelectStatus,
  sTypeName,
} from './hsms/control.js';
export { HsmsError, type HsmsErrorCode } from './hsms/errors.js';
export { FakeClock } from './hsms/fake-clock.js';
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
  type FrameError,
  type FrameErrorCode,
  FrameParser,
  type FrameParserOptions,
  type OversizeFrame,
} from './hsms/frame-parser.js';
export { memoryTransportPair } from './hsms/memory-transport.js';
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
export type { SmlError, SmlErrorCode } from './sml/cursor.js';
export {
  parseSml,
  parseSmlItem,
  parseSmlItems,
  type SmlItemResult,
  type SmlItemsResult,
  type SmlMessagesResult,
} from './sml/parse.js';
export { printSml, printSmlItem, type SmlPrintOptions } from './sml/print.js';
