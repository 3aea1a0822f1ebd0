import { describe, expect, it } from 'vitest';
import {
  deselectReq,
  deselectRsp,
  linktestReq,
  linktestRsp,
  RejectReason,
  rejectReq,
  SelectStatus,
  selectReq,
  selectRsp,
  separateReq,
} from './control.js';

// Independent writer: lays the 14 bytes out field by field per E37 (docs/secs.md §1.1 header table).
function control(session: number, b2: number, b3: number, sType: number, sys: number): Buffer {
  const out = Buffer.alloc(14);
  out.writeUInt32BE(10, 0); // length: header only
  out.writeUInt16BE(session, 4);
  out[6] = b2;
  out[7] = b3;
  out[8] = 0; // PType SECS-II
  out[9] = sType;
  out.writeUInt32BE(sys, 10);
  return out;
}

describe('HSMS control messages', () => {
  it('Select.req / Select.rsp', () => {
    expect(selectReq(0xffff, 1)).toEqual(control(0xffff, 0, 0, 1, 1));
    expect(selectRsp(0xffff, 1, SelectStatus.ok)).toEqual(control(0xffff, 0, 0, 2, 1));
    expect(selectRsp(0xffff, 1, SelectStatus.alreadyActive)).toEqual(control(0xffff, 0, 1, 2, 1));
    expect(selectRsp(0xffff, 1, SelectStatus.connectionExhausted)).toEqual(control(0xffff, 0, 3, 2, 1));
  });

  it('Deselect.req / Deselect.rsp', () => {
    expect(deselectReq(100, 0x01020304)).toEqual(control(100, 0, 0, 3, 0x01020304));
    expect(deselectRsp(100, 0x01020304, 1)).toEqual(control(100, 0, 1, 4, 0x01020304));
  });

  it('Linktest.req / Linktest.rsp use session 0xFFFF', () => {
    expect(linktestReq(0xffffffff)).toEqual(control(0xffff, 0, 0, 5, 0xffffffff));
    expect(linktestRsp(7)).toEqual(control(0xffff, 0, 0, 6, 7));
  });

  it('Separate.req', () => {
    expect(separateReq(0xffff, 9)).toEqual(control(0xffff, 0, 0, 9, 9));
  });

  it('Reject.req carries the rejected SType/PType in byte 2 and the reason in byte 3', () => {
    expect(rejectReq(100, 42, 0, RejectReason.transactionNotOpen)).toEqual(control(100, 0, 3, 7, 42));
    expect(rejectReq(0xffff, 5, 8, RejectReason.sTypeNotSupported)).toEqual(control(0xffff, 8, 1, 7, 5));
    expect(rejectReq(100, 5, 0x85, RejectReason.pTypeNotSupported)).toEqual(control(100, 0x85, 2, 7, 5));
  });
});
