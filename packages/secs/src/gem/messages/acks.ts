// Acknowledge codes of SEMI E5 used by GEM, with the values E5 assigns (section 9, data item
// dictionary). Each is sent as a one-byte B item unless noted.

/** S1F14 COMMACK. */
export const COMMACK = { accepted: 0, denied: 1 } as const;
/** S1F16 OFLACK. */
export const OFLACK = { acknowledged: 0 } as const;
/** S1F18 ONLACK. */
export const ONLACK = { accepted: 0, notAllowed: 1, alreadyOnline: 2 } as const;
/** S2F16 EAC. */
export const EAC = { ok: 0, unknownConstant: 1, busy: 2, outOfRange: 3 } as const;
/** S2F32 TIACK. */
export const TIACK = { ok: 0, notDone: 1 } as const;
/** S2F34 DRACK. */
export const DRACK = { ok: 0, outOfSpace: 1, invalidFormat: 2, rptidExists: 3, unknownVid: 4 } as const;
/** S2F36 LRACK. */
export const LRACK = {
  ok: 0,
  outOfSpace: 1,
  invalidFormat: 2,
  ceidLinked: 3,
  unknownCeid: 4,
  unknownRptid: 5,
} as const;
/** S2F38 ERACK. */
export const ERACK = { ok: 0, unknownCeid: 1 } as const;
/** S2F42/S2F50 HCACK. */
export const HCACK = {
  ok: 0,
  invalidCommand: 1,
  cannotPerformNow: 2,
  invalidParameter: 3,
  willFinishLater: 4,
  rejectedAlreadyInCondition: 5,
  noSuchObject: 6,
} as const;
/** S2F42/S2F50 CPACK (per parameter). */
export const CPACK = { unknownName: 1, illegalValue: 2, illegalFormat: 3 } as const;
/** S5F2/S5F4 ACKC5. */
export const ACKC5 = { ok: 0, error: 1 } as const;
/** S6F12 ACKC6. */
export const ACKC6 = { ok: 0, error: 1 } as const;
/** S7F2 PPGNT. */
export const PPGNT = {
  ok: 0,
  alreadyHave: 1,
  noSpace: 2,
  invalidPpid: 3,
  busy: 4,
  willNotAccept: 5,
  otherError: 6,
} as const;
/** S7F4/S7F18 ACKC7. E5 has no "other error": 6 tells the host the request will complete later. */
export const ACKC7 = {
  accepted: 0,
  permissionNotGranted: 1,
  lengthError: 2,
  matrixOverflow: 3,
  ppidNotFound: 4,
  modeUnsupported: 5,
  performedLater: 6,
} as const;
/** S10F2/F4/F6 ACKC10. */
export const ACKC10 = { accepted: 0, notDisplayed: 1, terminalNotAvailable: 2 } as const;
/** ALCD bit 8: alarm set (1) or cleared (0); bits 1-7 are the category. */
export const ALCD_SET = 0x80;
