// HSMS control messages (E37): header-only frames with SType 1..9.
import { encodeFrame, SType } from './frame.js';

/**
 * Select.rsp status (header byte 3). 0-3 are HSMS-SS's; 4 is the code E37 gives a Select.req naming a
 * session entity the peer does not have (HSMS-GS "no such entity"): any non-zero status refuses.
 */
export const SelectStatus = {
  ok: 0,
  alreadyActive: 1,
  notReady: 2,
  connectionExhausted: 3,
  noSuchEntity: 4,
} as const;
/** Deselect.rsp status (header byte 3). */
export const DeselectStatus = { ok: 0, notSelected: 1, busy: 2 } as const;
/** Reject.req reason (header byte 3). */
export const RejectReason = {
  sTypeNotSupported: 1,
  pTypeNotSupported: 2,
  transactionNotOpen: 3,
  entityNotSelected: 4,
} as const;

/** Session id E37 puts in control messages. */
export const CONTROL_SESSION_ID = 0xffff;

/** Names for logs and errors. */
export function sTypeName(sType: number): string {
  switch (sType) {
    case SType.data:
      return 'Data';
    case SType.selectReq:
      return 'Select.req';
    case SType.selectRsp:
      return 'Select.rsp';
    case SType.deselectReq:
      return 'Deselect.req';
    case SType.deselectRsp:
      return 'Deselect.rsp';
    case SType.linktestReq:
      return 'Linktest.req';
    case SType.linktestRsp:
      return 'Linktest.rsp';
    case SType.rejectReq:
      return 'Reject.req';
    case SType.separateReq:
      return 'Separate.req';
    default:
      return `SType ${sType}`;
  }
}

/**
 * Encode a control frame. `byte2` is header byte 2 (0 except in Reject.req: the rejected
 * SType, or PType for reason 2), `byte3` the status/reason code.
 */
export function encodeControl(
  sType: number,
  sessionId: number,
  systemBytes: number,
  byte2 = 0,
  byte3 = 0,
): Buffer {
  return encodeFrame({
    sessionId,
    stream: byte2,
    function: byte3,
    wBit: false,
    pType: 0,
    sType,
    systemBytes,
  });
}

export const selectReq = (sessionId: number, systemBytes: number): Buffer =>
  encodeControl(SType.selectReq, sessionId, systemBytes);
export const selectRsp = (sessionId: number, systemBytes: number, status: number): Buffer =>
  encodeControl(SType.selectRsp, sessionId, systemBytes, 0, status);
export const deselectReq = (sessionId: number, systemBytes: number): Buffer =>
  encodeControl(SType.deselectReq, sessionId, systemBytes);
export const deselectRsp = (sessionId: number, systemBytes: number, status: number): Buffer =>
  encodeControl(SType.deselectRsp, sessionId, systemBytes, 0, status);
export const linktestReq = (systemBytes: number): Buffer =>
  encodeControl(SType.linktestReq, CONTROL_SESSION_ID, systemBytes);
export const linktestRsp = (systemBytes: number): Buffer =>
  encodeControl(SType.linktestRsp, CONTROL_SESSION_ID, systemBytes);
export const separateReq = (sessionId: number, systemBytes: number): Buffer =>
  encodeControl(SType.separateReq, sessionId, systemBytes);
/** Reject.req echoes the rejected message's session id and system bytes. */
export const rejectReq = (
  sessionId: number,
  systemBytes: number,
  rejectedType: number,
  reason: number,
): Buffer => encodeControl(SType.rejectReq, sessionId, systemBytes, rejectedType, reason);
