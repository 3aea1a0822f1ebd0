// The messages both sides of hsms.bench.ts exchange, built once.
import { A, encodeFrame, encodeItem, L } from '../src/index.js';

/** S1F2 on-line data: MDLN and SOFTREV (E5). */
export const S1F2_BODY = encodeItem(L(A('BONDER'), A('0.1.0')));

/** Whole S1F1 W frame (header only), session 1, system bytes 1. */
export const S1F1_FRAME = encodeFrame({
  sessionId: 1,
  stream: 1,
  function: 1,
  wBit: true,
  pType: 0,
  sType: 0,
  systemBytes: 1,
});

/** Whole S1F2 frame with the body above. */
export const S1F2_FRAME = encodeFrame(
  { sessionId: 1, stream: 1, function: 2, wBit: false, pType: 0, sType: 0, systemBytes: 1 },
  S1F2_BODY,
);
