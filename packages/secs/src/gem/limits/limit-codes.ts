// Acknowledge codes of S2F46 (E5 data item dictionary: VLAACK, LVACK, LIMITACK).

/** S2F46 VLAACK: the whole request. */
export const VLAACK = { ok: 0, attributeError: 1, cannotPerformNow: 2 } as const;

/** S2F46 LVACK: per variable. */
export const LVACK = {
  unknownVariable: 1,
  noLimitsCapability: 2,
  repeatedVariable: 3,
  limitValueError: 4,
} as const;

/** S2F46 LIMITACK: per limit of a variable. */
export const LIMITACK = {
  unknownLimitId: 1,
  upperAboveMax: 2,
  lowerBelowMin: 3,
  upperBelowLower: 4,
  illegalFormat: 5,
  asciiNotNumeric: 6,
  duplicateLimit: 7,
} as const;
