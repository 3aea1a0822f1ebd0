// HSMS (SEMI E37) transport
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeHeader,
  encodeFrame,
  encodeHeader,
  type FrameError,
  type FrameErrorCode,
  FrameParser,
  type FrameParserOptions,
  HEADER_BYTES,
  type HsmsFrame,
  type HsmsHeader,
  LENGTH_BYTES,
  SType,
  type STypeCode,
  writeHeader,
} from './hsms/frame.js';
